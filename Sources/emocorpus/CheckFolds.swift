import ArgumentParser
import EmoCorpus
import Foundation

/// `emocorpus check-folds DIR`: leakage and consistency check of a prep output.
struct CheckFolds: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check-folds",
    abstract: "Check DIR/folds for speaker, dialog or audio leakage, test coverage, schema and counts.",
    discussion: "Prints one line per finding on stderr and exits 1; prints ok and exits 0 when clean.")

  /// Findings printed before the closing count line (the rest are counted, not shown).
  static let shownFindings = 50

  @OptionGroup var output: QuietOption

  @Argument(help: "A prep output folder (the one holding folds/).")
  var dir: String

  func run() throws {
    output.apply()
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
}
