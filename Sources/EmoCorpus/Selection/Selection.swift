/// Subset rules of SPEC §4.1 as pure functions over labeled segments; each returns what it kept
/// and one `Drop` per segment it set aside.
public enum Selection {
  /// Passes normalization drops through, then applies role, subset/sessions and minimum duration.
  ///
  /// One reason per segment, first match wins, in this order: the normalization drop carried by
  /// the segment (unknown label, class not in task, no consensus), `role`, `subset` (subset, then
  /// sessions), `too_short`. A segment without a task class and without a drop (an inconsistent
  /// normalizer output) is dropped as `no_consensus` so that nothing is lost silently.
  public static func filter(
    _ labeled: [LabeledSegment], speakers: [String: Speaker], options: SelectionOptions
  ) -> SelectionResult {
    var kept: [LabeledSegment] = []
    var drops: [Drop] = []
    kept.reserveCapacity(labeled.count)
    let subset = options.subset?.lowercased()
    let sessions = options.sessions.map { Set($0) }
    for item in labeled {
      let segment = item.segment
      if let drop = item.drop {
        drops.append(Drop(segmentID: segment.id, reason: drop.reason, detail: drop.detail))
        continue
      }
      guard item.label != nil else {
        drops.append(Drop(segmentID: segment.id, reason: .noConsensus, detail: "no task class"))
        continue
      }
      let speaker = speakers[segment.speaker]
      if let roles = options.roles {
        guard let speaker else {
          drops.append(Drop(segmentID: segment.id, reason: .role, detail: "unknown speaker \(segment.speaker)"))
          continue
        }
        if !roles.contains(speaker.role) {
          drops.append(Drop(segmentID: segment.id, reason: .role, detail: speaker.role.rawValue))
          continue
        }
      }
      if let subset, subset != "all", let value = segment.extra["subset"], value.lowercased() != subset {
        drops.append(Drop(segmentID: segment.id, reason: .subset, detail: value))
        continue
      }
      if let sessions, let text = segment.extra["session"] ?? speaker?.extra["session"] {
        if Int(text).map({ !sessions.contains($0) }) ?? true {
          drops.append(Drop(segmentID: segment.id, reason: .subset, detail: "session \(text)"))
          continue
        }
      }
      if let minDuration = options.minDuration, let duration = segment.duration, duration < minDuration {
        drops.append(Drop(segmentID: segment.id, reason: .tooShort, detail: "\(duration) s"))
        continue
      }
      kept.append(item)
    }
    return SelectionResult(kept: kept, drops: drops)
  }

  /// Drops every segment of a speaker whose kept segments are all `neutralClass`
  /// (`all_neutral_speaker`; CEMO-4eC_s). Run it after the audio drops so that "kept" is final.
  public static func excludeAllNeutral(_ kept: [LabeledSegment], neutralClass: String) -> SelectionResult {
    var hasOther = Set<String>()
    for item in kept where item.label != neutralClass { hasOther.insert(item.segment.speaker) }
    var result = SelectionResult(kept: [], drops: [])
    for item in kept {
      if hasOther.contains(item.segment.speaker) {
        result.kept.append(item)
      } else {
        result.drops.append(
          Drop(segmentID: item.segment.id, reason: .allNeutralSpeaker, detail: "speaker \(item.segment.speaker)"))
      }
    }
    return result
  }
}
