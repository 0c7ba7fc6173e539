/// Selection rules as pure functions over labeled segments; each returns what it kept
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
      if let drop = attributeDrop(segment, speaker: speakers[segment.speaker], options: options) {
        drops.append(drop)
        continue
      }
      kept.append(item)
    }
    return SelectionResult(kept: kept, drops: drops)
  }

  /// The items the reader could not make segments of (`malformed`, one drop each, with their
  /// origin), then `filter` over the corpus's labeled segments: the selection of a whole corpus.
  public static func filter(
    _ labeled: [LabeledSegment], of corpus: Corpus, speakers: [String: Speaker], options: SelectionOptions
  ) -> SelectionResult {
    SelectionResult(kept: [], drops: corpus.faults.map(\.drop))
      .then(filter(labeled, speakers: speakers, options: options))
  }

  /// Why a segment is out of the selection by its attributes alone, whatever its label: `role`,
  /// `subset` (subset, then sessions), `too_short` — in that order; nil when it is in.
  ///
  /// `filter` applies it after the normalization drops; the audit uses it to scope agreement to
  /// the selected roles and subsets, labels or not.
  public static func attributeDrop(_ segment: Segment, speaker: Speaker?, options: SelectionOptions) -> Drop? {
    if let roles = options.roles {
      guard let speaker else {
        return Drop(segmentID: segment.id, reason: .role, detail: "unknown speaker \(segment.speaker)")
      }
      if !roles.contains(speaker.role) {
        return Drop(segmentID: segment.id, reason: .role, detail: speaker.role.rawValue)
      }
    }
    if let subset = options.subset, subset != .all, let value = segment.extra["subset"],
      value.lowercased() != subset.rawValue
    {
      return Drop(segmentID: segment.id, reason: .subset, detail: value)
    }
    if let sessions = options.sessions, let text = segment.extra["session"] ?? speaker?.extra["session"] {
      if Int(text).map({ !sessions.contains($0) }) ?? true {
        return Drop(segmentID: segment.id, reason: .subset, detail: "session \(text)")
      }
    }
    if let minDuration = options.minDuration, let duration = segment.duration, duration < minDuration {
      return Drop(segmentID: segment.id, reason: .tooShort, detail: "\(duration) s")
    }
    return nil
  }

  /// Applies the minimum duration again once the audio has given whole-file segments (a table
  /// row without times, a file read by name) their duration; before that they had none to compare.
  public static func minimumDuration(_ kept: [LabeledSegment], options: SelectionOptions) -> SelectionResult {
    guard let minDuration = options.minDuration else { return SelectionResult(kept: kept, drops: []) }
    var result = SelectionResult(kept: [], drops: [])
    for item in kept {
      if let duration = item.segment.duration, duration < minDuration {
        result.drops.append(Drop(segmentID: item.segment.id, reason: .tooShort, detail: "\(duration) s"))
      } else {
        result.kept.append(item)
      }
    }
    return result
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

  /// The speaker-level steps that follow the audio drops, as `options` ask: all-neutral speakers
  /// (`excludeAllNeutral`), then Neutral reduction (`neutralTarget`). `classes` are the task's
  /// classes, used to find the Neutral class; without one, both steps keep everything.
  public static func finish(_ kept: [LabeledSegment], options: SelectionOptions, classes: [String]) -> SelectionResult {
    var result = SelectionResult(kept: kept, drops: [])
    guard let neutral = options.resolvedNeutralClass(among: classes) else { return result }
    if options.excludeAllNeutral { result = result.then(excludeAllNeutral(result.kept, neutralClass: neutral)) }
    if let target = options.neutralTarget {
      result = result.then(
        Balancer.reduceNeutral(result.kept, neutralClass: neutral, target: target, seed: options.seed))
    }
    return result
  }
}
