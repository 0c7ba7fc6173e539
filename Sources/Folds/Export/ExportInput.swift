import EmoSupport
import Foundation

/// What a recording file holds, probed from its header by the audio front end.
public struct RecordingInfo: Sendable, Hashable, Codable {
  public var path: String
  public var sampleRate: Int
  public var numSamples: Int
  public var channels: Int

  public init(path: String, sampleRate: Int, numSamples: Int, channels: Int) {
    self.path = path
    self.sampleRate = sampleRate
    self.numSamples = numSamples
    self.channels = channels
  }

  public var duration: Double { Double(numSamples) / Double(sampleRate) }
}

/// One split of one fold, as read back from `DIR/folds/fold-K/<split>.jsonl`.
public struct ExportSplit: Sendable {
  public var fold: Int
  public var split: String
  public var entries: [ManifestEntry]

  public init(fold: Int, split: String, entries: [ManifestEntry]) {
    self.fold = fold
    self.split = split
    self.entries = entries
  }
}

/// Everything the exporters need from a prep output: folds and per-segment coder labels.
public struct ExportInput: Sendable {
  public var splits: [ExportSplit]
  /// Segment id → coder id → raw Major label (for `custom` in Lhotse supervisions).
  public var coderLabels: [String: [String: String]]
  /// Audio path → header facts; required by Lhotse and Kaldi exports.
  public var recordings: [String: RecordingInfo]

  public init(splits: [ExportSplit], coderLabels: [String: [String: String]], recordings: [String: RecordingInfo]) {
    self.splits = splits
    self.coderLabels = coderLabels
    self.recordings = recordings
  }

  /// Every distinct segment of the input, by id (a segment appears in several folds).
  public var uniqueEntries: [ManifestEntry] {
    var seen: [String: ManifestEntry] = [:]
    for split in splits { for entry in split.entries where seen[entry.id] == nil { seen[entry.id] = entry } }
    return seen.values.sorted { $0.id < $1.id }
  }

  /// Stable recording ids: the file name without extension, made unique with `-2`, `-3`… by path order.
  public var recordingIDs: [String: String] {
    var ids: [String: String] = [:]
    var used: Set<String> = []
    for path in Set(uniqueEntries.map(\.path)).sorted() {
      let stem = ReaderPaths.stem(path)
      var id = stem.isEmpty ? "rec" : stem
      var k = 2
      while used.contains(id) {
        id = "\(stem)-\(k)"
        k += 1
      }
      used.insert(id)
      ids[path] = id
    }
    return ids
  }
}
