import ArgumentParser
import Pipeline

/// `emocorpus export DIR --format lhotse|kaldi|table --out OUT`: manifests for other toolkits.
struct Export: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Write a prep output's folds as Lhotse manifests, Kaldi data directories or a corpus table.",
    discussion: """
      Examples:
        emocorpus export work/cemo --format lhotse --out work/cemo-lhotse
        emocorpus export work/cemo --format kaldi --out work/cemo-kaldi
        emocorpus export work/cemo --format table --out work/cemo-table   # corpus.csv, readable by `prep table`
      """)

  @Argument(help: "A prep output folder.")
  var dir: String

  @Option(name: .long, help: "Manifest format.")
  var format: ExportPipeline.Format

  @Option(name: .long, help: "Output folder.")
  var out: String

  @OptionGroup var output: QuietOption

  func run() throws {
    output.apply()
    let n = try ExportPipeline.run(prepDir: dir, format: format, out: out)
    print("exported \(n) segments as \(format.rawValue) to \(out)")
  }
}
