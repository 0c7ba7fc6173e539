import ArgumentParser

struct ExportFeatures: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "export-features", abstract: "Not available yet.")

  func run() throws { throw Finding("export-features is not available yet") }
}
