import ArgumentParser
import EmoSupport

/// `--quiet`, which every subcommand takes.
struct QuietOption: ParsableArguments {
  @Flag(name: .long, help: "Print only errors and the final summary (no progress).")
  var quiet = false

  func apply() { Progress.enabled = !quiet }
}

/// `--quiet` and `--verbose`, for the commands that read a corpus and have details to list.
struct OutputOptions: ParsableArguments {
  @Flag(name: .long, help: "Print only errors and the final summary (no progress).")
  var quiet = false

  @Flag(name: .long, help: "Also list every dropped segment and every faulty item with its location.")
  var verbose = false

  func apply() { Progress.enabled = !quiet }
}

/// `--seed`, for the commands that make random choices.
struct SeedOption: ParsableArguments {
  @Option(name: .long, help: "Seed for every random choice (recorded in the outputs).")
  var seed: UInt64 = 1
}

/// A worker count (`--jobs N`, N ≥ 1). Each command says in its help what the workers do.
struct JobCount: ExpressibleByArgument, Sendable {
  let value: Int

  init?(argument: String) {
    guard let n = Int(argument), n >= 1 else { return nil }
    value = n
  }
}
