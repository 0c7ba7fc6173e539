import ArgumentParser
import EmoCorpus
import Foundation
import Pipeline

/// `emocorpus audit ratings FILE [--columns item=…,rater=…,label=…] --out DIR`.
struct AuditRatings: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ratings",
    abstract: "Agreement audit of a long table of ratings: one row per (item, rater, label); no audio.",
    discussion: """
      Columns named item, rater and label, or mapped with --columns; an item may join several columns
      with + (a clip per modality). Writes DIR/audit.json and DIR/audit.html. Example:
        emocorpus audit ratings finishedResponses.csv \\
          --columns item=clipName+queryType,rater=localid,label=respEmo --out work/ratings
      """)

  @Argument(help: "The ratings table (CSV or TSV with a header row).")
  var file: String

  @Option(name: .long, help: "Column of each role: item=NAME[+NAME…],rater=NAME,label=NAME.")
  var columns: String?

  @OptionGroup var table: AuditTableOptions
  @OptionGroup var seed: SeedOption
  @OptionGroup var output: QuietOption

  func validate() throws { _ = try parsedColumns() }

  func parsedColumns() throws -> [String: String] {
    guard let columns else { return [:] }
    do { return try RatingsTableOptions.parseColumns(columns) } catch { throw ValidationError("\(error)") }
  }

  func run() throws {
    output.apply()
    let options = RatingsTableOptions(
      columns: try parsedColumns(), task: try table.loadTask(), dropUnknown: table.dropUnknown,
      strict: table.strict, seed: seed.seed, raterOptions: table.raterOptions)
    let out = ArgumentValues.absolute(table.out)
    let report = try AuditPipeline.runRatings(file: ArgumentValues.absolute(file), options: options, out: out)
    print(AuditSummary.text(report, out: out))
  }
}
