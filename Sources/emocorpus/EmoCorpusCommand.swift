import ArgumentParser
import AudioFeatures
import EmoCorpus
import EmoSupport
import Foundation

/// The `emocorpus` binary: one subcommand per pipeline entry point.
@main
struct EmoCorpusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "emocorpus",
    abstract: "Prepare speech-emotion corpora, audit their annotation, and train the reference CNN-BiLSTM.",
    version: EmoCorpusModule.version,
    subcommands: [
      Prep.self, Audit.self, CheckFolds.self, Train.self, Predict.self, ExportFeatures.self, Export.self,
      Synth.self, Layout.self,
    ]
  )

  /// Exit codes: 0 success, 1 a finding or invalid input, 2 usage error.
  ///
  /// Parsing and running are caught apart: a usage error prints the parser's message and help hint
  /// and exits 2; anything a command throws is one line `emocorpus: <what>` and exit 1.
  static func main() {
    SingleThreadedBLAS.ensure()
    var command: any ParsableCommand
    do {
      command = try parseAsRoot()
    } catch {
      let code = exitCode(for: error)
      if code == .success { exit(withError: error) }  // --help, --version
      FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
      Foundation.exit(2)
    }
    do {
      try command.run()
    } catch let exit as ExitCode {
      Foundation.exit(exit.rawValue)
    } catch let error as ValidationError {
      FileHandle.standardError.write(Data("emocorpus: \(error.message)\n".utf8))
      Foundation.exit(2)
    } catch {
      // `sub --help` parses to a help command whose run() throws the parser's help request.
      switch exitCode(for: error) {
      case .success: exit(withError: error)
      case .validationFailure:
        FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
        Foundation.exit(2)
      default:
        FileHandle.standardError.write(Data("emocorpus: \(error)\n".utf8))
        Foundation.exit(1)
      }
    }
  }
}

/// A failed check or invalid input found while running: printed as one line, exit status 1.
struct Finding: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
