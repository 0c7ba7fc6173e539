import EmoCorpus
import EmoSupport

/// What `prep --folds-from` did with an external split (`summary.json` → `folds_from`).
public struct ExternalSplitReport: Sendable, Hashable, Codable {
  /// `FORMAT:PATH`.
  public var source: String
  /// Distinct ids in the split.
  public var ids: Int
  /// Ids matched to a segment of the corpus (by id, alias or audio file stem).
  public var matched: Int
  /// Ids matched to no segment, sorted.
  public var unmatchedIDs: [String]
  /// Segments kept by selection that the split does not name (dropped: not in split).
  public var notInSplit: Int
  /// Folds whose validation part was carved from their training part (the split has none).
  public var validationCarvedFolds: [Int]
  /// Folds where a test speaker (by the corpus's speakers) is also in training or validation.
  public var leakingFolds: [Int]

  public init(
    source: String, ids: Int, matched: Int, unmatchedIDs: [String], notInSplit: Int, validationCarvedFolds: [Int],
    leakingFolds: [Int]
  ) {
    self.source = source
    self.ids = ids
    self.matched = matched
    self.unmatchedIDs = unmatchedIDs
    self.notInSplit = notInSplit
    self.validationCarvedFolds = validationCarvedFolds
    self.leakingFolds = leakingFolds
  }

  enum CodingKeys: String, CodingKey {
    case source, ids, matched, unmatchedIDs = "unmatched_ids", notInSplit = "not_in_split"
    case validationCarvedFolds = "validation_carved_folds", leakingFolds = "leaking_folds"
  }
}

/// Another toolkit's split matched to a corpus: the folds of `prep --folds-from` instead of planned ones.
///
/// Items are matched to segments by the split's id, its aliases (EmoBox's key without `<corpus>-`,
/// a Kaldi id without `<speaker>-`), then the audio file stem when exactly one segment has that
/// stem; the rest are unmatched, counted and listed. Test sets are kept exactly as the split has
/// them (minus what selection dropped); nothing is moved to hide a leak.
public struct ExternalFoldPlan: Sendable {
  public let split: ExternalSplit
  /// Corpus segment id of each matched split id.
  public let segmentOfID: [String: String]
  /// Split ids matched to no segment, sorted.
  public let unmatchedIDs: [String]
  /// Segments the split names, in any fold and part.
  public let named: Set<String>

  public init(split: ExternalSplit, segments: [Segment]) {
    self.split = split
    let ids = Set(segments.map(\.id))
    var byStem: [String: String?] = [:]  // stem → segment, nil when several segments share it
    for segment in segments {
      guard let path = segment.audio?.path, !path.isEmpty else { continue }
      let stem = ExternalItem(id: "", path: path, file: "", line: 0).pathStem ?? ""
      byStem[stem] = byStem[stem] == nil ? .some(segment.id) : .some(nil)
    }
    var segmentOfID: [String: String] = [:]
    var unmatched: Set<String> = []
    for fold in split.folds {
      for items in fold.splits.values {
        for item in items where segmentOfID[item.id] == nil && !unmatched.contains(item.id) {
          let names = item.candidateNames
          if let id = names.first(where: ids.contains) ?? names.lazy.compactMap({ byStem[$0] ?? nil }).first {
            segmentOfID[item.id] = id
          } else {
            unmatched.insert(item.id)
          }
        }
      }
    }
    self.segmentOfID = segmentOfID
    self.unmatchedIDs = unmatched.sorted()
    self.named = Set(segmentOfID.values)
  }

  /// Kept segments the split does not name leave with reason `not in split`.
  public func restrict(_ kept: [LabeledSegment]) -> SelectionResult {
    var stay: [LabeledSegment] = []
    var drops: [Drop] = []
    for item in kept {
      if named.contains(item.segment.id) {
        stay.append(item)
      } else {
        drops.append(
          Drop(segmentID: item.segment.id, reason: .notInSplit, detail: "not in \(split.source.format.title) split"))
      }
    }
    return SelectionResult(kept: stay, drops: drops)
  }

  /// The folds of the split over `entries` (the segments kept after every selection step): each part
  /// holds the matched segments still kept; a fold without a validation part gets one carved from its
  /// training part (`FoldPlanner.carveValidation`). Throws when a fold keeps no training or test segment.
  public func plan(_ entries: [ManifestEntry], seed: UInt64) throws -> FoldPlan {
    var byID: [String: ManifestEntry] = [:]
    for entry in entries { byID[entry.id] = entry }
    var folds: [Fold] = []
    var carved = false
    for fold in split.folds {
      var parts: [Split: [ManifestEntry]] = [:]
      for part in Split.allCases {
        var seen = Set<String>()
        parts[part] = fold[part].compactMap { item in
          guard let id = segmentOfID[item.id], seen.insert(id).inserted else { return nil }
          return byID[id]
        }
      }
      for part in [Split.train, .test] where parts[part]!.isEmpty {
        throw LocatedError(
          file: split.source.path,
          "fold \(fold.index) keeps no \(part == .train ? "training" : "test") segment: its \(fold[part].count) ids "
            + "are unmatched or dropped by selection",
          expected: "a split of this corpus's segments (ids or audio file names)")
      }
      if !fold.hasValidation {
        (parts[.train], parts[.val]) = try FoldPlanner.carveValidation(parts[.train]!, fold: fold.index, seed: seed)
        carved = true
      }
      func ids(_ part: Split) -> [String] { parts[part]!.map(\.id).sorted() }
      func speakers(_ part: Split) -> [String] { Set(parts[part]!.map(\.speaker)).sorted() }
      folds.append(
        Fold(
          index: fold.index, train: ids(.train), val: ids(.val), test: ids(.test), trainSpeakers: speakers(.train),
          valSpeakers: speakers(.val), testSpeakers: speakers(.test)))
    }
    // Manifests live in fold-1 … fold-K: a split numbered otherwise (s3prl Session2-5) is renumbered in order.
    for i in folds.indices { folds[i].index = i + 1 }
    return FoldPlan(
      folds: folds, strategy: .external(source: split.source, carvedValidation: carved), seed: seed)
  }

  /// The report of a finished plan: matching counts, carved folds and leaking folds (by the corpus's speakers).
  public func report(plan: FoldPlan, entries: [ManifestEntry], notInSplit: Int) -> ExternalSplitReport {
    let ids = Set(split.folds.flatMap { $0.splits.values.flatMap { $0.map(\.id) } })
    let carved = zip(split.folds, plan.folds).filter { !$0.0.hasValidation }.map { $0.1.index }
    var byID: [String: ManifestEntry] = [:]
    for entry in entries { byID[entry.id] = entry }
    let leakage = SplitLeakage.audit(
      plan.folds.map { fold in
        (
          fold.index,
          Dictionary(
            uniqueKeysWithValues: Split.allCases.map { part in
              (part, fold.ids(part).compactMap { byID[$0] }.map { LeakageItem(speaker: $0.speaker, label: $0.label) })
            })
        )
      })
    return ExternalSplitReport(
      source: split.source.description, ids: ids.count, matched: segmentOfID.count, unmatchedIDs: unmatchedIDs,
      notInSplit: notInSplit, validationCarvedFolds: carved, leakingFolds: leakage.folds.filter(\.leaks).map(\.fold))
  }
}
