import EmoSupport
import Foundation

/// Identical audio in a corpus, decided before folds: kept once, the others dropped as
/// `duplicate_audio`; identical audio carrying different labels dropped as `conflicting_labels`
/// (every copy), or with `keepConflicts` kept once per label. Labels compared are the normalized
/// consensus of each segment (segments without one take no part).
///
/// The identity compared is the whole file's (`AudioFileHash`, of segments that span a file whole:
/// files corpora, tables without times); segments cut out of a longer recording are compared by
/// their span's identity (`SegmentAudioIdentity`) in the fold checks instead. Hashes come from
/// whoever reads the files (prep hashes the bytes it decodes for features), so this layer reads no
/// audio.
public enum DuplicateAudio {
  /// Whether a segment spans its audio file whole, so that the file's hash is its identity.
  public static func spansWholeFile(_ segment: Segment) -> Bool {
    guard let audio = segment.audio else { return false }
    return audio.start == 0 && audio.end == nil && segment.span == nil
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

  /// Whether `resolve` with these hashes drops nothing and keeps every segment in order, whatever
  /// the labels: no two segments share a hash (so the caller can keep the selection it has).
  public static func dropsNothing(_ hashes: [String: String]) -> Bool { Set(hashes.values).count == hashes.count }

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
    return groups(hashes, order: labeled.map(\.segment.id)).compactMap { group in
      let ids = group.filter { labelOf[$0] != nil }
      return Set(ids.map { labelOf[$0]! }).count > 1 ? ids : nil
    }
  }

  static func label(_ item: LabeledSegment) -> String? { item.consensus ?? item.segment.corpusConsensus }
}
