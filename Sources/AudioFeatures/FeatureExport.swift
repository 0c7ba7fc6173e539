import EmoSupport
import Foundation

/// `emocorpus export-features DIR --format npy --out OUT`: one `OUT/<segment-id>.npy`
/// per segment with features (float32, [frames, featureCount], whole segment, unnormalized) and
/// `OUT/index.csv` with columns id,label,speaker,frames.
public enum FeatureExport {
  /// Formats of `export-features --format`.
  public enum Format: String, CaseIterable, Sendable {
    case npy
  }

  /// What `index.csv` says of a segment besides its frame count.
  public struct SegmentLabels: Sendable, Hashable {
    public var label: String
    public var speaker: String

    public init(label: String, speaker: String) {
      self.label = label
      self.speaker = speaker
    }
  }

  /// Exports the cache of prep output `prepDirectory`; `labels` (from the fold manifests, read by
  /// the caller) fill the label and speaker columns, which stay empty for other segments.
  /// Returns the number of segments written.
  @discardableResult
  public static func npy(
    prepDirectory: String, out: String, labels: [String: SegmentLabels] = [:], progress: Bool = true
  ) throws -> Int {
    let store = try FeatureStore(directory: prepDirectory)
    try AtomicFile.createDirectory(out)
    let ids = store.segmentIDs
    let bar = progress ? EmoSupport.Progress("export-features", total: ids.count, unit: "segments") : nil
    var csv = "id,label,speaker,frames\n"
    for id in ids {
      guard isSafeFileName(id) else {
        throw LocatedError(
          file: store.directory + "/index.json", "segment id \(id) cannot be a file name",
          expected: "an id without '/', NUL or a leading '.'")
      }
      let matrix = try store.features(id)
      try AtomicFile.write(NpyFile.encode(matrix), to: out + "/" + id + ".npy")
      let info = labels[id]
      csv += CSVQuoting.row([id, info?.label ?? "", info?.speaker ?? "", String(matrix.frames)]) + "\n"
      bar?.advance()
    }
    bar?.finish()
    try AtomicFile.write(csv, to: out + "/index.csv")
    return ids.count
  }

  static func isSafeFileName(_ id: String) -> Bool {
    !id.isEmpty && !id.hasPrefix(".") && !id.contains("/") && !id.contains("\0")
  }
}
