import ArgumentParser
import Synth

extension SynthLayout: ExpressibleByArgument {}
extension SynthPreset: ExpressibleByArgument {}

/// `emocorpus synth`: a synthetic corpus in one reader's layout.
struct Synth: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "synth", abstract: "Write a synthetic corpus in the iemocap, cemo or table layout.")

  @Option(name: .long, help: "Corpus layout.")
  var layout: SynthLayout

  @Option(name: .long, help: "Output folder (new or empty).")
  var out: String

  @Option(
    name: .long, help: "Speakers (cemo: callers, default 40; iemocap: actors 2–10, default 10; table: default 12).")
  var speakers: Int?

  @Option(
    name: .long,
    help:
      "Dialogs (cemo: about 3/4 of the callers, default 30; iemocap default 20 over all sessions; table default 12).")
  var dialogs: Int?

  @Flag(name: .long, help: "Write label files only, no audio.")
  var noAudio = false

  @Option(
    name: .long,
    help: "Size preset: cemo-paper (the paper's CEMO-4eC sizes) or iemocap-paper (the release's turn counts).")
  var preset: SynthPreset?

  @Option(name: .long, help: "Coder disagreement rate, 0–1.")
  var disagreement: Double = 0.2

  @Option(name: .long, help: "Threads rendering audio (default: number of cores).")
  var jobs: JobCount?

  @OptionGroup var seed: SeedOption
  @OptionGroup var output: QuietOption

  var options: SynthOptions {
    SynthOptions(
      layout: layout, outputDirectory: out, speakers: speakers, dialogs: dialogs, seed: seed.seed,
      writeAudio: !noAudio, preset: preset, disagreement: disagreement, jobs: jobs?.value)
  }

  func validate() throws {
    if let problem = options.problem { throw ValidationError(problem) }
  }

  func run() throws {
    output.apply()
    let report = try CorpusSynthesizer.generate(options)
    print(report)
  }
}
