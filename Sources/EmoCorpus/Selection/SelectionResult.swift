/// What one selection or balancing step kept and what it set aside, with one reason per segment.
///
/// Invariant: `kept` and `drops` together hold every input segment exactly once
/// (`SelectionAccounting.check`).
public struct SelectionResult: Sendable, Hashable {
  public var kept: [LabeledSegment]
  public var drops: [Drop]

  public init(kept: [LabeledSegment], drops: [Drop]) {
    self.kept = kept
    self.drops = drops
  }

  /// Chains a later step that ran on `kept`: its kept segments, and the drops of both steps.
  public func then(_ next: SelectionResult) -> SelectionResult {
    SelectionResult(kept: next.kept, drops: drops + next.drops)
  }

  /// Drops counted by reason (every reason of the closed list present, zero when unused).
  public var dropCounts: [DropReason: Int] { SelectionAccounting.counts(drops) }
}

/// The "kept + dropped = read" bookkeeping (every segment read is kept or dropped with one reason), as a reusable check.
public enum SelectionAccounting {
  /// Findings (empty = balanced): a segment read but neither kept nor dropped, kept and dropped,
  /// dropped twice, kept twice, or kept/dropped without having been read.
  public static func check(read: [String], kept: [String], drops: [Drop]) -> [String] {
    var findings: [String] = []
    var readCount: [String: Int] = [:]
    for id in read { readCount[id, default: 0] += 1 }
    for (id, n) in readCount where n > 1 { findings.append("segment \(id) was read \(n) times (expected once)") }
    var keptSeen = Set<String>()
    for id in kept {
      if !keptSeen.insert(id).inserted { findings.append("segment \(id) is kept twice") }
      if readCount[id] == nil { findings.append("segment \(id) is kept but was never read") }
    }
    var dropSeen: [String: DropReason] = [:]
    for drop in drops {
      if let earlier = dropSeen[drop.segmentID] {
        findings.append(
          "segment \(drop.segmentID) is dropped twice (\(earlier.rawValue), \(drop.reason.rawValue))")
      } else {
        dropSeen[drop.segmentID] = drop.reason
      }
      if keptSeen.contains(drop.segmentID) {
        findings.append("segment \(drop.segmentID) is both kept and dropped (\(drop.reason.rawValue))")
      }
      if readCount[drop.segmentID] == nil {
        findings.append("segment \(drop.segmentID) is dropped (\(drop.reason.rawValue)) but was never read")
      }
    }
    for id in read where !keptSeen.contains(id) && dropSeen[id] == nil {
      findings.append("segment \(id) was read but is neither kept nor dropped")
    }
    if findings.isEmpty && kept.count + drops.count != read.count {
      findings.append("kept \(kept.count) + dropped \(drops.count) != read \(read.count)")
    }
    return findings.sorted()
  }

  /// Drops counted by reason; every reason of the closed list is present (zero when unused).
  public static func counts(_ drops: [Drop]) -> [DropReason: Int] {
    var counts = Dictionary(uniqueKeysWithValues: DropReason.allCases.map { ($0, 0) })
    for drop in drops { counts[drop.reason, default: 0] += 1 }
    return counts
  }
}
