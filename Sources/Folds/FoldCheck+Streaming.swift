import EmoSupport
import Foundation

extension FoldCheck {
  /// Reads and checks a folds folder: its summary (nil when unreadable) and findings, and its
  /// manifests when `keepingFolds`.
  ///
  /// Folds are read one at a time: each is checked on its own and handed to `eachFold`, and what
  /// the checks across folds need is kept per segment id (where it was first seen, which folds
  /// hold it, where it is held out) rather than every fold's lines, so memory grows with the
  /// segments, not with segments × folds. Findings are the same, in the same order, as
  /// `inspectLoadingAll`'s (which serves more than 64 folds).
  static func inspect(
    foldsDir: String, keepingFolds: Bool = true, eachFold: (FoldManifests) throws -> Void = { _ in }
  ) throws -> Inspection {
    let indices = FoldManifests.indices(foldsDir: foldsDir)
    guard indices.count <= 64 else {
      let result = try inspectLoadingAll(foldsDir: foldsDir)
      for fold in result.folds { try eachFold(fold) }
      return result
    }
    return try inspect(
      foldsDir: foldsDir, indices: indices, keepingFolds: keepingFolds, eachFold: eachFold,
      load: { FoldManifests.load(foldsDir: foldsDir, fold: $0) })
  }

  /// The checks of `inspect` with the manifests of fold K (1 or more, at most 64 folds) given by
  /// `load(K)` (its lines and schema findings), one fold at a time, in `indices` order: the
  /// writer hands over the folds it is writing without reading them back. `foldsDir/summary.json`
  /// is read as `inspect` reads it.
  static func inspect(
    foldsDir: String, indices: [Int], keepingFolds: Bool, eachFold: (FoldManifests) throws -> Void = { _ in },
    load: (Int) throws -> (fold: FoldManifests, findings: [String])
  ) throws -> Inspection {
    precondition(indices.count <= 64, "the streaming check tracks at most 64 folds")
    var result = try startInspection(foldsDir: foldsDir)
    let summaryPath = foldsDir + "/summary.json"
    let summary = result.summary
    let strategy = summary?.strategy ?? .stratifiedGroups(k: indices.count)
    var schema: [String] = []
    var perFold: [(fold: Int, kind: FoldFinding.Kind, findings: [String])] = []
    var across = AcrossFolds(foldsDir: foldsDir, summary: summary, summaryPath: summaryPath, strategy: strategy)
    for (position, k) in indices.enumerated() {
      let (fold, found) = try load(k)
      schema += found
      for (kind, found) in checkFold(fold, strategy: strategy) { perFold.append((k, kind, found)) }
      across.add(fold, position: position)
      try eachFold(fold)
      if keepingFolds { result.folds.append(fold) }
    }
    result.add(schema, .schema)
    if indices.isEmpty {
      result.add(
        [LocatedError(file: foldsDir, "no fold-K folder", expected: "fold-1 … fold-K").description], .foldLayout)
      return result
    }
    result.add(layoutFindings(foldsDir: foldsDir, indices: indices, summary: summary), .foldLayout)
    for item in perFold { result.add(item.findings, item.kind, fold: item.fold) }
    if strategy.checksCoverage {
      result.add(across.sameSegmentsFindings(folds: indices), .segmentMissing)
      result.add(across.testCoverageFindings(testsEverySegment: strategy.testsEverySegment), .testCoverage)
    }
    if let summary {
      result.add(across.summaryFindings(classes: summary.classes), .summaryCounts)
      result.add(across.softLabelFindings(classes: summary.classes), .softLabel)
    }
    return result
  }
}

/// What the checks across folds keep while folds stream by: per segment id where it was first
/// seen, the folds holding it and where it is held out; the counts of the kept segments; the
/// per-split summary findings and the soft-label findings as they come.
private struct AcrossFolds {
  /// A manifest line's place: fold K, split, physical line.
  struct Place {
    var fold: Int32
    var split: Split
    var line: Int32
  }

  struct Track {
    var first: Place
    /// Bit f: the fold at position f holds the id.
    var folds: UInt64
    var held: Place?
    var heldAgain: Place?
  }

  let foldsDir: String
  let summary: FoldSummary?
  let summaryPath: String
  let strategy: FoldStrategy
  var tracks: [String: Track] = [:]
  /// Per-split count findings, in fold and split order.
  var splitFindings: [String] = []
  // Counts of the kept segments (first line of each id, in folds summary.json lists).
  var keptSeen: Set<String> = []
  var keptSegments = 0
  var keptWindows = 0
  var keptSpeakers: Set<String> = []
  var keptDialogs: Set<String> = []
  var keptClasses: [String: ClassCount] = [:]
  // Soft labels.
  var softFindings: [String] = []
  var withSoft: ManifestLine?
  var withoutSoft: ManifestLine?

  init(foldsDir: String, summary: FoldSummary?, summaryPath: String, strategy: FoldStrategy) {
    self.foldsDir = foldsDir
    self.summary = summary
    self.summaryPath = summaryPath
    self.strategy = strategy
    keptClasses = Dictionary(uniqueKeysWithValues: (summary?.classes ?? []).map { ($0, ClassCount()) })
  }

  func location(_ place: Place) -> String {
    "\(FoldManifests.file(foldsDir: foldsDir, fold: Int(place.fold), split: place.split)):\(place.line)"
  }

  mutating func add(_ fold: FoldManifests, position: Int) {
    addCounts(fold)
    addSoftLabels(fold)
    guard strategy.checksCoverage else { return }
    let bit = UInt64(1) << UInt64(position)
    let testsEverySegment = strategy.testsEverySegment
    for split in Split.allCases {
      let held = split == .test || (!testsEverySegment && split == .val)
      for line in fold[split] {
        let place = Place(fold: Int32(fold.index), split: split, line: Int32(clamping: line.line))
        let id = line.entry.id
        // One hash of the id per line: the stored track is changed in place.
        if let known = tracks.index(forKey: id) {
          tracks.values[known].folds |= bit
          if held {
            if tracks.values[known].held == nil {
              tracks.values[known].held = place
            } else if tracks.values[known].heldAgain == nil {
              tracks.values[known].heldAgain = place
            }
          }
        } else {
          tracks[id] = Track(first: place, folds: bit, held: held ? place : nil, heldAgain: nil)
        }
      }
    }
  }

  /// `checkSameSegments`: ids missing from a fold, fold by fold, ids sorted.
  func sameSegmentsFindings(folds indices: [Int]) -> [String] {
    let all = indices.count == 64 ? UInt64.max : (UInt64(1) << UInt64(indices.count)) - 1
    let incomplete = tracks.filter { $0.value.folds != all }
    guard !incomplete.isEmpty else { return [] }
    let ids = incomplete.keys.sorted()
    var findings: [String] = []
    for (position, k) in indices.enumerated() {
      let bit = UInt64(1) << UInt64(position)
      for id in ids where incomplete[id]!.folds & bit == 0 {
        let place = incomplete[id]!.first
        findings.append(
          "fold \(k): segment \(id) is in none of its splits (it is in fold \(place.fold) "
            + "\(place.split.rawValue), \(location(place)))")
      }
    }
    return findings
  }

  /// `checkTestCoverage`: ids held out twice or never, ids sorted.
  func testCoverageFindings(testsEverySegment: Bool) -> [String] {
    let what = testsEverySegment ? "test" : "test or validation"
    var findings: [String] = []
    for id in tracks.keys.sorted() {
      let track = tracks[id]!
      if let first = track.held {
        guard let second = track.heldAgain else { continue }
        findings.append(
          "segment \(id) is in the \(first.split.rawValue) split of fold \(first.fold) "
            + "(\(location(first))) and in the \(second.split.rawValue) split of fold "
            + "\(second.fold) (\(location(second)))")
      } else {
        let place = track.first
        findings.append(
          "segment \(id) is in no \(what) split (it is in fold \(place.fold) \(place.split.rawValue), "
            + "\(location(place)))")
      }
    }
    return findings
  }

  /// `checkSummary`'s per-split part for one fold, and the kept segments' counts.
  private mutating func addCounts(_ fold: FoldManifests) {
    guard let summary else { return }
    guard let stated = summary.perFold.first(where: { $0.fold == fold.index }) else {
      splitFindings.append("\(summaryPath): fold \(fold.index) is missing (expected counts for every fold)")
      return
    }
    for split in Split.allCases {
      let entries = fold[split].lazy.map(\.entry)
      for entry in entries where keptSeen.insert(entry.id).inserted {
        keptSegments += 1
        keptWindows += entry.windows
        keptSpeakers.insert(entry.speaker)
        keptDialogs.insert(entry.dialog)
        keptClasses[entry.label, default: ClassCount()].segments += 1
        keptClasses[entry.label, default: ClassCount()].windows += entry.windows
      }
      let file = (summaryPath as NSString).deletingLastPathComponent + "/fold-\(fold.index)/\(split.rawValue).jsonl"
      splitFindings += FoldCheck.compareCounts(
        "fold \(fold.index) \(split.rawValue)", stated[split], SplitSummary(entries, classes: summary.classes),
        "the manifest \(file)", summaryPath: summaryPath)
    }
  }

  /// `checkSummary`: the per-split findings, then the kept segments' against summary.json.
  func summaryFindings(classes: [String]) -> [String] {
    guard let summary else { return [] }
    let kept = SplitSummary(
      segments: keptSegments, windows: keptWindows, speakers: keptSpeakers.count, dialogs: keptDialogs.count,
      classes: keptClasses)
    return splitFindings
      + FoldCheck.compareCounts("kept", summary.kept, kept, "the union of the manifests", summaryPath: summaryPath)
  }

  /// `checkSoftLabels`' per-line part.
  private mutating func addSoftLabels(_ fold: FoldManifests) {
    guard let classes = summary?.classes else { return }
    for split in Split.allCases {
      for line in fold[split] {
        guard let soft = line.entry.softLabel else {
          if withoutSoft == nil { withoutSoft = line }
          continue
        }
        if withSoft == nil { withSoft = line }
        if soft.count != classes.count {
          softFindings.append(
            LocatedError(
              file: line.file, line: line.line,
              "soft_label of segment \(line.entry.id) has \(soft.count) probabilities",
              expected: "one per task class (\(classes.count): \(classes.joined(separator: ", ")))"
            ).description)
        }
      }
    }
  }

  /// `checkSoftLabels`: the per-line findings, then a mix of lines with and without.
  func softLabelFindings(classes: [String]) -> [String] {
    guard let with = withSoft, let without = withoutSoft else { return softFindings }
    return softFindings + [
      LocatedError(
        file: without.file, line: without.line, "segment \(without.entry.id) has no soft_label",
        expected: "soft_label on every line or on none, as on \(with.file):\(with.line)"
      ).description
    ]
  }
}
