import ArgumentParser
import EmoSupport
import Foundation
import Pipeline

/// `emocorpus predict --model RUN/fold-K FILE…`: posteriors for new audio.
struct Predict: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "predict",
    abstract: "Emotion posteriors for audio files with a trained fold model.",
    discussion: """
      Per 3 s window and per file, through the same front end and normalization as training.
      Examples:
        emocorpus predict --model run/cemo/fold-1 call.wav
        emocorpus predict --model run/cemo/fold-1 --json a.wav b.flac
      """)

  @Option(name: .long, help: "A fold folder of a training run (RUN/fold-K).")
  var model: String

  @Flag(name: .long, help: "Print JSON instead of a table.")
  var json = false

  @Argument(help: "Audio files.")
  var files: [String]

  @Option(name: .long, help: "Threads running the model over the windows (default: up to 2).")
  var jobs: JobCount?

  @OptionGroup var output: QuietOption

  func validate() throws {
    if files.isEmpty { throw ValidationError("give at least one audio file") }
  }

  func run() throws {
    output.apply()
    let (classes, results) = try PredictPipeline.run(
      modelDir: model, files: files, threads: jobs?.value ?? min(2, ProcessInfo.processInfo.activeProcessorCount))
    if json {
      print(String(decoding: try JSONEncoder.stable.encode(results), as: UTF8.self))
    } else {
      print(PredictPipeline.table(classes: classes, results))
    }
  }
}
