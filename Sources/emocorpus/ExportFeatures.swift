import ArgumentParser
import AudioFeatures
import Foundation

/// `emocorpus export-features DIR --format npy --out OUT` (SPEC §5).
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

  @Option(name: .long, help: "Output format (npy).")
  var format: String = "npy"

  @Option(name: .long, help: "Output folder.")
  var out: String

  @OptionGroup var global: GlobalOptions

  func validate() throws {
    guard format == "npy" else { throw ValidationError("--format must be npy (got \(format))") }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw ValidationError("\(dir) is not a folder (expected a prep output)")
    }
  }

  func run() throws {
    global.apply()
    let count = try FeatureExport.npy(prepDirectory: dir, out: out)
    if !global.quiet { print("exported \(count) segments to \(out)") }
  }
}
