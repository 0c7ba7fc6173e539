import EmoSupport

/// `--neutral-target`: fewer Neutral segments, never a speaker's last one.
///
/// Oversampling is not done here: training oversamples its own split at training time from the
/// manifest's class counts (`FoldSummary` records the target), so validation and test are never
/// resampled.
public enum Balancer {
  /// Reduces `neutralClass` to `target`'s goal, keeping ≥ 1 Neutral segment for every speaker who
  /// has one (so the result can exceed the goal when there are more such speakers than the goal).
  ///
  /// Deterministic for `seed` and independent of input order: candidates are sorted by id, then
  /// shuffled with `SeededRandom(seed:stream: "balancing")`. Other classes pass through unchanged;
  /// kept segments keep their input order.
  public static func reduceNeutral(
    _ kept: [LabeledSegment], neutralClass: String, target: NeutralTarget, seed: UInt64
  ) -> SelectionResult {
    let neutralIDs = kept.filter { $0.label == neutralClass }.map { ($0.segment.id, $0.segment.speaker) }
    let goal = target.goal(nonNeutral: kept.count - neutralIDs.count)
    guard neutralIDs.count > goal else { return SelectionResult(kept: kept, drops: []) }

    var random = SeededRandom(seed: seed, stream: "balancing")
    var candidates = neutralIDs.sorted { $0.0 < $1.0 }
    candidates.shuffle(using: &random)
    // First shuffled Neutral segment of each speaker is their guaranteed one.
    var keep = Set<String>()
    var guaranteed = Set<String>()
    for (id, speaker) in candidates where guaranteed.insert(speaker).inserted { keep.insert(id) }
    for (id, _) in candidates where keep.count < goal { keep.insert(id) }

    var result = SelectionResult(kept: [], drops: [])
    for item in kept {
      if item.label != neutralClass || keep.contains(item.segment.id) {
        result.kept.append(item)
      } else {
        result.drops.append(Drop(segmentID: item.segment.id, reason: .balancing, detail: "neutral target \(target)"))
      }
    }
    return result
  }
}
