import ArgumentParser

struct Export: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "export", abstract: "Not available yet.")

  func run() throws { throw Finding("export is not available yet") }
}
