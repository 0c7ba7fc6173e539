import EmoSupport
import Foundation

/// `emocorpus export-features DIR --format npy --out OUT` (SPEC §5): one `OUT/<segment-id>.npy`
/// per segment with features (float32, [frames, featureCount], whole segment, unnormalized) and
/// `OUT/index.csv` with columns id,label,speaker,frames.
public enum FeatureExport {
  /// Formats of `export-features --format`.
  public enum Format: String, CaseIterable, Sendable {
    case npy
  }

  /// Exports the cache of prep output `prepDirectory`; label and speaker come from the fold
  /// manifests (`DIR/folds/fold-*/{train,val,test}.jsonl`) when present, else stay empty.
  /// Returns the number of segments written.
  @discardableResult
  public static func npy(prepDirectory: String, out: String, progress: Bool = true) throws -> Int {
    let store = try FeatureStore(directory: prepDirectory)
    let labels = try manifestLabels(prepDirectory)
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
      csv += [id, info?.label ?? "", info?.speaker ?? "", String(matrix.frames)].map(csvField).joined(separator: ",")
      csv += "\n"
      bar?.advance()
    }
    bar?.finish()
    try AtomicFile.write(csv, to: out + "/index.csv")
    return ids.count
  }

  /// id → (label, speaker) from every fold manifest; the first occurrence wins (folds agree).
  static func manifestLabels(_ prepDirectory: String) throws -> [String: (label: String, speaker: String)] {
    let foldsDir = prepDirectory + "/folds"
    let folds = ((try? FileManager.default.contentsOfDirectory(atPath: foldsDir)) ?? [])
      .filter { $0.hasPrefix("fold-") }.sorted()
    var result: [String: (label: String, speaker: String)] = [:]
    for fold in folds {
      for split in ["train", "val", "test"] {
        let path = "\(foldsDir)/\(fold)/\(split).jsonl"
        guard let data = FileManager.default.contents(atPath: path) else { continue }
        guard let text = String(data: data, encoding: .utf8) else {
          throw LocatedError(file: path, "manifest is not UTF-8 text", expected: "JSON lines")
        }
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
          let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
          if trimmed.isEmpty { continue }
          guard let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any],
            let id = object["id"] as? String
          else {
            throw LocatedError(
              file: path, line: number + 1, "manifest line is not a JSON object with an id",
              expected: "one JSON object per line with id, label, speaker")
          }
          if result[id] == nil {
            result[id] = ((object["label"] as? String) ?? "", (object["speaker"] as? String) ?? "")
          }
        }
      }
    }
    return result
  }

  static func isSafeFileName(_ id: String) -> Bool {
    !id.isEmpty && !id.hasPrefix(".") && !id.contains("/") && !id.contains("\0")
  }

  /// RFC 4180 quoting where needed.
  static func csvField(_ text: String) -> String {
    if text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r") {
      return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return text
  }
}
