import ArgumentParser
import EmoCorpus
import EmoSupport
import Folds
import Foundation

/// `emocorpus check-folds DIR`: leakage and consistency check of a prep output;
/// `check-folds --external FORMAT PATH`: speaker-leakage audit of a split made elsewhere.
struct CheckFolds: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check-folds",
    abstract: "Check DIR/folds for speaker, dialog or audio leakage, test coverage, schema and counts.",
    discussion: """
      Prints one line per finding on stderr and exits 1; prints ok and exits 0 when clean. With \
      --json, prints the findings as JSON on stdout instead, each with its kind, fold and line \
      (schemas/check-folds.schema.json), with the same exit status.

      With --external FORMAT, PATH is a split made by another toolkit and the check is its speaker \
      leakage: per fold, the test speakers also in training or validation, the test segments they \
      cover and the class counts of each part; exit 1 when any test speaker is shared.
        emocorpus check-folds --external emobox EmoBox/data/emodb
        emocorpus check-folds --external s3prl emotion/meta_data --speaker-rule iemocap
        emocorpus check-folds --external csv split.csv --json
      """)

  /// Findings printed before the closing count line (the rest are counted, not shown).
  static let shownFindings = 50

  @OptionGroup var output: QuietOption

  @Argument(
    help: ArgumentHelp(
      "A prep output folder (the one holding folds/); with --external, the split's folder or file.",
      valueName: "dir-or-path"))
  var dir: String

  @Option(
    name: .long,
    help: ArgumentHelp("Audit a split made by another toolkit, in this format.", valueName: "format"))
  var external: ExternalSplitFormat?

  @Flag(name: .long, help: "Print the findings (with --external: the split's audit) as JSON on stdout.")
  var json = false

  @Option(
    name: .long,
    help: "With --external: where speakers come from (split: the split's own field; iemocap: the turn name).")
  var speakerRule: SpeakerRule?

  func validate() throws {
    if external == nil, speakerRule != nil {
      throw ValidationError("--speaker-rule goes with --external FORMAT (e.g. --external emobox PATH)")
    }
  }

  func run() throws {
    output.apply()
    if let external { return try runExternal(external) }
    if json { return try runJSON() }
    let findings = try FoldCheck.check(prepDir: dir)
    guard !findings.isEmpty else {
      if !output.quiet { print("\(dir)/folds: ok") }
      return
    }
    for finding in findings.prefix(Self.shownFindings) {
      FileHandle.standardError.write(Data("emocorpus: \(finding)\n".utf8))
    }
    let hidden = findings.count - min(findings.count, Self.shownFindings)
    throw Finding(
      "\(dir)/folds: \(findings.count) finding\(findings.count == 1 ? "" : "s")"
        + (hidden > 0 ? " (\(hidden) not shown)" : ""))
  }

  /// `check-folds DIR --json`: the typed findings on stdout, exit 1 when there is one.
  private func runJSON() throws {
    let report = try FoldCheck.report(prepDir: dir)
    print(String(decoding: try JSONEncoder.stable.encode(report), as: UTF8.self))
    guard report.ok else {
      throw Finding("\(report.foldsDir): \(report.findings.count) finding\(report.findings.count == 1 ? "" : "s")")
    }
  }

  private func runExternal(_ format: ExternalSplitFormat) throws {
    let source = ExternalSplitSource(format: format, path: dir)
    let (report, title) = try SplitLeakage.audit(source, speakerRule: speakerRule ?? .split)
    if json {
      print(String(decoding: try JSONEncoder.stable.encode(report), as: UTF8.self))
    } else if !output.quiet {
      print(report.text(title: title))
    }
    let leaking = report.folds.filter(\.leaks)
    guard leaking.isEmpty else {
      throw Finding(
        "\(dir): test speakers also in training or validation in \(leaking.count) of \(report.folds.count) folds")
    }
  }
}
