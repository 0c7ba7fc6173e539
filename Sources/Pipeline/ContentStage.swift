import EmoCorpus
import EmoSupport
import Folds
import Foundation

/// The content-leakage steps of prep: identical audio said in the log, and text-independent folds.
enum ContentStage {
  /// One line per kind of identical audio dropped (counts and the first paths; the catalog's drops
  /// list every pair).
  static func logDuplicates(_ drops: [Drop], log: (String) -> Void) {
    for reason in [DropReason.duplicateAudio, .conflictingLabels] {
      let found = drops.filter { $0.reason == reason }
      guard let first = found.first else { continue }
      log(
        "\(found.count) segments dropped as \(reason.rawValue) (all in the catalog's drops); first: \(first.segmentID): "
          + (first.detail ?? ""))
    }
  }

  /// Segment id → file hash (`AudioFileHash`) of every segment that spans a whole file: taken from
  /// `known` (path → hash, computed by the feature build from the bytes it decoded) where there,
  /// else read once per file (streamed, `jobs` files at a time). A file that cannot be read has no
  /// hash (the audio stage drops its segments with the reason).
  static func wholeFileHashes(_ segments: [Segment], known: [String: String], jobs: Int) -> [String: String] {
    var paths: [String] = []
    var indexOfPath: [String: Int] = [:]
    var pathOfSegment: [(String, String)] = []
    for segment in segments where DuplicateAudio.spansWholeFile(segment) {
      let path = segment.audio!.path
      if known[path] == nil, indexOfPath[path] == nil {
        indexOfPath[path] = paths.count
        paths.append(path)
      }
      pathOfSegment.append((segment.id, path))
    }
    let files = paths
    let read = Parallel.map(files.count, workers: max(1, jobs)) { i, _ in try? AudioFileHash.of(fileAt: files[i]) }
    var result: [String: String] = [:]
    result.reserveCapacity(pathOfSegment.count)
    for (id, path) in pathOfSegment {
      if let hash = known[path] ?? indexOfPath[path].flatMap({ read[$0] }) { result[id] = hash }
    }
    return result
  }

  /// Segment id → file hash of the whole-file segments whose file this process has already
  /// hashed (the files reader compares same-named files by content): known before any feature
  /// work, nothing read.
  static func rememberedWholeFileHashes(_ segments: [Segment]) -> [String: String] {
    var result: [String: String] = [:]
    for segment in segments where DuplicateAudio.spansWholeFile(segment) {
      if let hash = AudioFileHash.remembered(segment.audio!.path) { result[segment.id] = hash }
    }
    return result
  }

  /// Sentence keys of kept segments.
  static func keys(_ kept: [LabeledSegment], minWords: Int) -> [String: String] {
    var keys: [String: String] = [:]
    for item in kept {
      if let key = ContentKey.key(of: item.segment, minWords: minWords) { keys[item.segment.id] = key }
    }
    return keys
  }

  /// Content hashes of the entries: the whole file's, else the manifest's span hash.
  static func audio(_ entries: [ManifestEntry], hashes: [String: String]) -> [String: String] {
    var audio: [String: String] = [:]
    for entry in entries {
      if let hash = hashes[entry.id] ?? entry.audioHash { audio[entry.id] = hash }
    }
    return audio
  }

  /// The text-independent strategy for the kept segments, checked now (before any feature work)
  /// by planning on provisional entries: a fold count the corpus cannot have fails here.
  static func textIndependentStrategy(
    _ kept: [LabeledSegment], speakers: [String: Speaker], config: PrepConfig
  ) throws -> FoldStrategy {
    let minWords = config.resolvedMinWords
    // Only id, speaker, dialog and label count for planning: durations are not known yet.
    let entries = kept.map { item in
      let speaker = speakers[item.segment.speaker]
      return ManifestEntry(
        id: item.segment.id, speaker: item.segment.speaker, dialog: item.segment.dialog,
        gender: speaker?.gender ?? .unknown, role: speaker?.role ?? .speaker, label: item.label ?? "", path: "",
        start: 0, end: 1, duration: 1, windows: 0)
    }
    let plan = try TextIndependentFolds.plan(
      entries, k: config.folds, minWords: minWords, keyOf: keys(kept, minWords: minWords), seed: config.seed)
    return plan.strategy
  }
}
