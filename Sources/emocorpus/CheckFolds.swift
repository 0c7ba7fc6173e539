import ArgumentParser

struct CheckFolds: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "check-folds", abstract: "Not available yet.")

  func run() throws { throw Finding("check-folds is not available yet") }
}
