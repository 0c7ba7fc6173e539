import ArgumentParser
import EmoSupport

/// Flags every subcommand takes (SPEC §0).
struct GlobalOptions: ParsableArguments {
  @Flag(name: .long, help: "Print only errors and the final summary.")
  var quiet = false

  @Flag(name: .long, help: "Print more detail (prep: the dropped segments of each reason).")
  var verbose = false

  @Option(name: .long, help: "Seed for every random choice (recorded in the outputs).")
  var seed: UInt64 = 1

  @Option(name: .long, help: "Worker threads (default: number of cores).")
  var jobs: Int?

  func validate() throws {
    if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
  }

  func apply() { Progress.enabled = !quiet }
}
