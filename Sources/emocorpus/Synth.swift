import ArgumentParser

struct Synth: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "synth", abstract: "Not available yet.")

  func run() throws { throw Finding("synth is not available yet") }
}
