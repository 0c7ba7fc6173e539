import ArgumentParser
import EmoCorpus
import EmoSupport
import Folds
import Foundation
import Readers

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

  @Flag(name: .long, help: "Print the report as JSON on stdout (with --external: the split's audit).")
  var json = false

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Also fail (exit 1) unless no sentence of validation or test is in training.", valueName: "text-independent"))
  var require: Requirement?

  @Option(
    name: .long, help: "Texts of fewer words are not compared as sentences (default 3); sentence codes always are.")
  var minWords: Int?

  @Option(
    name: .long,
    help: "With --external: read sentence codes from the items' file names with this preset (e.g. emodb, crema-d).")
  var preset: String?

  @Option(
    name: .long,
    help: "With --external: read sentence codes from the items' file names with this pattern's (?<sentence>…) group.")
  var pattern: String?

  @Option(
    name: .long,
    help: "With --external: where speakers come from (split: the split's own field; iemocap: the turn name).")
  var speakerRule: SpeakerRule?

  func validate() throws {
    if external == nil, speakerRule != nil {
      throw ValidationError("--speaker-rule goes with --external FORMAT (e.g. --external emobox PATH)")
    }
    if external == nil, preset != nil || pattern != nil {
      throw ValidationError(
        "--preset and --pattern go with --external FORMAT (they read sentences from its file names)")
    }
    if let minWords, minWords < 1 { throw ValidationError("--min-words must be at least 1 (got \(minWords))") }
  }

  func run() throws {
    output.apply()
    if let external { return try runExternal(external) }
    let layout = PrepDirectory(dir)
    try layout.validate(.manifests)
    let (typed, content) = try FoldCheck.typedCheckWithContent(
      prepDir: dir, minWords: minWords ?? ContentKey.defaultMinWords)
    let findings = typed.map(\.message)
    let unmet = require == .textIndependent && !content.textIndependent
    if json {
      let report = FoldCheckReport(findings: typed, content: content, requirement: require?.rawValue, unmet: unmet)
      print(String(decoding: try JSONEncoder.stable.encode(report), as: UTF8.self))
    } else if !output.quiet {
      print(content.text())
    }
    if unmet {
      let folds = content.folds.filter { !$0.textIndependent }.map { "\($0.fold)" }
      FileHandle.standardError.write(
        Data(
          "emocorpus: \(layout.folds): validation or test shares sentences with training in fold \(folds.joined(separator: ", ")) (--require text-independent)\n"
            .utf8))
    }
    guard !findings.isEmpty else {
      if unmet { throw Finding("\(layout.folds): not text-independent") }
      if !output.quiet, !json { print("\(layout.folds): ok") }
      return
    }
    for finding in findings.prefix(Self.shownFindings) {
      FileHandle.standardError.write(Data("emocorpus: \(finding)\n".utf8))
    }
    let hidden = findings.count - min(findings.count, Self.shownFindings)
    throw Finding(
      "\(layout.folds): \(findings.count) finding\(findings.count == 1 ? "" : "s")"
        + (hidden > 0 ? " (\(hidden) not shown)" : ""))
  }

  private func runExternal(_ format: ExternalSplitFormat) throws {
    let source = ExternalSplitSource(format: format, path: dir)
    let (report, title) = try SplitLeakage.audit(source, speakerRule: speakerRule ?? .split)
    var content: [ContentLeakage.FoldReport]?
    if preset != nil || pattern != nil {
      let layout = try FileReaderOptions(preset: preset, pattern: pattern).layout()
      let split = try ExternalSplit.read(source, needSpeakers: false)
      let (keys, matched) = ExternalSplitContent.sentenceKeys(split, layout: layout)
      if keys.isEmpty {
        throw Finding(
          "\(dir): no item's file name gives a sentence code (\(matched) matched the pattern; it needs a (?<sentence>…) group)"
        )
      }
      content = ExternalSplitContent.folds(split, keys: keys)
    }
    if json {
      var object = try JSONSerialization.jsonObject(with: try JSONEncoder.stable.encode(report)) as! [String: Any]
      if let content {
        var folds = object["folds"] as! [[String: Any]]
        for index in folds.indices {
          guard let found = content.first(where: { $0.fold == folds[index]["fold"] as? Int }) else { continue }
          folds[index]["shared_sentences"] = try JSONSerialization.jsonObject(
            with: try JSONEncoder.stable.encode(found.sharedSentences))
        }
        object["folds"] = folds
      }
      let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
      print(String(decoding: data, as: UTF8.self))
    } else if !output.quiet {
      print(report.text(title: title))
      for fold in content ?? [] {
        let s = fold.sharedSentences
        print(
          "fold \(fold.fold): \(s.testSegments) of \(fold.testSegments) test segments "
            + "(\(String(format: "%.1f", 100 * s.share)) %) say one of \(s.count) sentences also in training")
      }
    }
    let leaking = report.folds.filter(\.leaks)
    guard leaking.isEmpty else {
      throw Finding(
        "\(dir): test speakers also in training or validation in \(leaking.count) of \(report.folds.count) folds")
    }
  }
}

/// What `check-folds --require` demands beyond speaker independence.
enum Requirement: String, ExpressibleByArgument, CaseIterable {
  case textIndependent = "text-independent"
}

/// `check-folds DIR --json`: findings and the content report.
struct FoldCheckReport: Encodable {
  /// Every finding, typed (kind, leak, fold, and the line printed without --json).
  var findings: [FoldFinding]
  var content: ContentLeakageReport
  var requirement: String?
  var unmet: Bool

  enum CodingKeys: String, CodingKey {
    case ok, findings, leak, minWords = "min_words", segmentsWithSentence = "segments_with_sentence", folds
    case conflictingDuplicates = "conflicting_duplicates", textIndependent = "text_independent", require
  }

  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(findings.isEmpty && !unmet, forKey: .ok)
    try c.encode(findings.contains(where: \.leak), forKey: .leak)
    try c.encode(findings, forKey: .findings)
    try c.encode(content.minWords, forKey: .minWords)
    try c.encode(content.segmentsWithSentence, forKey: .segmentsWithSentence)
    try c.encode(content.folds, forKey: .folds)
    try c.encode(content.conflictingDuplicates, forKey: .conflictingDuplicates)
    try c.encode(content.textIndependent, forKey: .textIndependent)
    try c.encode(requirement, forKey: .require)
  }
}
