import ArgumentParser

struct Predict: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "predict", abstract: "Not available yet.")

  func run() throws { throw Finding("predict is not available yet") }
}
