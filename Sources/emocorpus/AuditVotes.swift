import ArgumentParser
import EmoCorpus
import Foundation
import Pipeline

/// `emocorpus audit votes FILE --counts A,D,F,H,N,S [--item COLUMN] --out DIR`.
struct AuditVotes: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "votes",
    abstract: "Agreement audit of a table of vote counts per item (no audio, no rater identity).",
    discussion: """
      One row per item, one count column per category (crowd-sourced tables such as CREMA-D's
      processedResults/tabulatedVotes.csv). A column may stand for a label: --counts A=anger,D=disgust,…
      Writes DIR/audit.json and DIR/audit.html. Example:
        emocorpus audit votes tabulatedVotes.csv --counts A,D,F,H,N,S --item fileName --out work/votes
      """)

  @Argument(help: "The vote table (CSV or TSV with a header row).")
  var file: String

  @Option(name: .long, help: "Comma-separated count columns, each NAME or NAME=LABEL.")
  var counts: String

  @Option(name: .long, help: "Column naming the items (default: the first column that is not a count).")
  var item: String?

  @OptionGroup var table: AuditTableOptions
  @OptionGroup var seed: SeedOption
  @OptionGroup var output: QuietOption

  func validate() throws {
    do { _ = try VoteTableOptions.countColumns(counts) } catch { throw ValidationError("\(error)") }
  }

  func run() throws {
    output.apply()
    let options = try VoteTableOptions(
      countColumns: counts, item: item, task: try table.loadTask(), dropUnknown: table.dropUnknown,
      strict: table.strict, seed: seed.seed, raterOptions: table.raterOptions)
    let out = ArgumentValues.absolute(table.out)
    let report = try AuditPipeline.runVotes(file: ArgumentValues.absolute(file), options: options, out: out)
    print(AuditSummary.text(report, out: out))
  }
}
