import EmoSupport
import Foundation

/// Which segments are the same recording: the SHA-256 of the bytes of the audio file a segment
/// spans whole (files corpora, tables without times). Each distinct file is read once, in
/// parallel; a file that cannot be read has no hash (the audio stage drops it with its reason).
/// Segments cut out of a longer recording are compared by the feature build's hash of the span.
public enum AudioIdentity {
  /// Segment id → content hash, for segments that span a whole file.
  public static func wholeFileHashes(_ segments: [Segment], jobs: Int) -> [String: String] {
    var paths: [String] = []
    var indexOfPath: [String: Int] = [:]
    var pathOfSegment: [(String, Int)] = []
    for segment in segments {
      guard let audio = segment.audio, audio.start == 0, audio.end == nil, segment.span == nil else { continue }
      let index: Int
      if let known = indexOfPath[audio.path] {
        index = known
      } else {
        index = paths.count
        indexOfPath[audio.path] = index
        paths.append(audio.path)
      }
      pathOfSegment.append((segment.id, index))
    }
    let files = paths
    let hashes = Parallel.map(files.count, workers: max(1, jobs)) { i, _ in try? SHA256.hex(fileAt: files[i]) }
    var result: [String: String] = [:]
    result.reserveCapacity(pathOfSegment.count)
    for (id, index) in pathOfSegment {
      if let hash = hashes[index] { result[id] = hash }
    }
    return result
  }

  /// Groups of two or more segments with one hash, each in segment order; groups in the order of
  /// their first segment.
  public static func groups(_ hashes: [String: String], order: [String]) -> [[String]] {
    var members: [String: [String]] = [:]
    var firsts: [String] = []
    for id in order {
      guard let hash = hashes[id] else { continue }
      if members[hash] == nil { firsts.append(hash) }
      members[hash, default: []].append(id)
    }
    return firsts.compactMap { members[$0]!.count > 1 ? members[$0] : nil }
  }
}

/// Identical audio in a corpus, decided before folds: kept once, the others dropped as
/// `duplicate_audio`; identical audio carrying different labels dropped as `conflicting_labels`
/// (every copy), or with `keepConflicts` kept once per label. Labels compared are the normalized
/// consensus of each segment (segments without one take no part).
public enum DuplicateAudio {
  public static func resolve(
    _ labeled: [LabeledSegment], hashes: [String: String], keepConflicts: Bool
  ) -> SelectionResult {
    var byHash: [String: [Int]] = [:]
    for (index, item) in labeled.enumerated() {
      guard let hash = hashes[item.segment.id], label(item) != nil else { continue }
      byHash[hash, default: []].append(index)
    }
    var dropped: [Int: Drop] = [:]
    for members in byHash.values where members.count > 1 {
      let labels = Set(members.map { label(labeled[$0])! })
      func path(_ i: Int) -> String { labeled[i].segment.audio?.path ?? labeled[i].segment.id }
      if labels.count > 1, !keepConflicts {
        for i in members {
          let others = members.filter { $0 != i }.map {
            "\(labeled[$0].segment.id) (\(label(labeled[$0])!), \(path($0)))"
          }
          dropped[i] = Drop(
            segmentID: labeled[i].segment.id, reason: .conflictingLabels,
            detail: "\(path(i)) labelled \(label(labeled[i])!) has the same audio as " + others.joined(separator: ", "))
        }
        continue
      }
      var keptOfLabel: [String: Int] = [:]
      for i in members {
        let name = label(labeled[i])!
        if let kept = keptOfLabel[name] {
          dropped[i] = Drop(
            segmentID: labeled[i].segment.id, reason: .duplicateAudio,
            detail: "\(path(i)) has the same audio as \(path(kept)) (kept as \(labeled[kept].segment.id))")
        } else {
          keptOfLabel[name] = i
        }
      }
    }
    var kept: [LabeledSegment] = []
    var drops: [Drop] = []
    for (index, item) in labeled.enumerated() {
      if let drop = dropped[index] { drops.append(drop) } else { kept.append(item) }
    }
    return SelectionResult(kept: kept, drops: drops)
  }

  /// Identical audio with different labels among `labeled`: groups of segment ids.
  public static func conflicts(_ labeled: [LabeledSegment], hashes: [String: String]) -> [[String]] {
    let labelOf = Dictionary(labeled.compactMap { item in label(item).map { (item.segment.id, $0) } }) { a, _ in a }
    return AudioIdentity.groups(hashes, order: labeled.map(\.segment.id)).compactMap { group in
      let ids = group.filter { labelOf[$0] != nil }
      return Set(ids.map { labelOf[$0]! }).count > 1 ? ids : nil
    }
  }

  static func label(_ item: LabeledSegment) -> String? { item.consensus ?? item.segment.corpusConsensus }
}
