import ArgumentParser

struct Train: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "train", abstract: "Not available yet.")

  func run() throws { throw Finding("train is not available yet") }
}
