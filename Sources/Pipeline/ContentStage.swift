import EmoCorpus
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
