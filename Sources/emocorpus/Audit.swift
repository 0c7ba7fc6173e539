import ArgumentParser

struct Audit: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "audit", abstract: "Not available yet.")

  func run() throws { throw Finding("audit is not available yet") }
}
