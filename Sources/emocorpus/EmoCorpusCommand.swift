import ArgumentParser
import EmoSupport
import Foundation

/// The `emocorpus` binary: one subcommand per pipeline entry point (SPEC §0).
@main
struct EmoCorpusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "emocorpus",
    abstract: "Prepare speech-emotion corpora, audit their annotation, and train the reference CNN-BiLSTM.",
    version: "0.1.0",
    subcommands: [
      Prep.self, Audit.self, CheckFolds.self, Train.self, Predict.self, ExportFeatures.self, Export.self,
      Synth.self,
    ]
  )

  /// Exit codes (SPEC §0): 0 success, 1 a finding or invalid input, 2 usage error.
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let error as LocatedError {
      FileHandle.standardError.write(Data("emocorpus: \(error)\n".utf8))
      Foundation.exit(1)
    } catch let error as Finding {
      FileHandle.standardError.write(Data("emocorpus: \(error)\n".utf8))
      Foundation.exit(1)
    } catch {
      exit(withError: error)
    }
  }
}

/// A failed check or invalid input found while running: printed as one line, exit status 1.
struct Finding: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
