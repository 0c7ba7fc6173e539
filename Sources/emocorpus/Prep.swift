import ArgumentParser

struct Prep: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "prep", abstract: "Not available yet.")

  func run() throws { throw Finding("prep is not available yet") }
}
