import ArgumentParser
import AudioFeatures
import Foundation
import Pipeline

/// `emocorpus export-features DIR --format npy --out OUT`: numpy copies of cached features.
struct ExportFeatures: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export-features",
    abstract: "Write numpy copies of a prep output's cached features.",
    discussion: """
      Writes OUT/<segment-id>.npy (float32, shape [frames, 120], whole segment, unnormalized) and
      OUT/index.csv (id,label,speaker,frames; label and speaker from the fold manifests when present).
      """)

  @Argument(help: "A prep output folder (holding features/).")
  var dir: String

  @Option(name: .long, help: "Output format.")
  var format: FeatureExport.Format = .npy

  @Option(name: .long, help: "Output folder.")
  var out: String

  @OptionGroup var output: QuietOption

  func validate() throws {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw ValidationError("\(dir) is not a folder (expected a prep output)")
    }
  }

  func run() throws {
    output.apply()
    let count = try ExportPipeline.features(prepDir: dir, out: out, progress: !output.quiet)
    if !output.quiet { print("exported \(count) segments to \(out)") }
  }
}
