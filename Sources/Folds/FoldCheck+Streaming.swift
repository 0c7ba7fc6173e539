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
    try inspect(foldsDir: foldsDir, keepingFolds: keepingFolds, eachNumberedFold: { fold, _, _ in try eachFold(fold) })
  }

  /// `inspect`, handing each fold with its lines' segment numbers (see `SegmentNumbers`).
  static func inspect(
    foldsDir: String, keepingFolds: Bool = true,
    eachNumberedFold: (FoldManifests, FoldNumbers?, SegmentNumbers) throws -> Void
  ) throws -> Inspection {
    let indices = FoldManifests.indices(foldsDir: foldsDir)
    guard indices.count <= 64 else {
      let result = try inspectLoadingAll(foldsDir: foldsDir)
      for fold in result.folds { try eachNumberedFold(fold, nil, SegmentNumbers()) }
      return result
    }
    return try inspect(
      foldsDir: foldsDir, indices: indices, keepingFolds: keepingFolds, eachNumberedFold: eachNumberedFold, load: nil)
  }

  /// The checks of `inspect` with the manifests of fold K (1 or more, at most 64 folds) given by
  /// `load(K)` (its lines and schema findings), one fold at a time, in `indices` order: the
  /// writer hands over the folds it is writing without reading them back. `foldsDir/summary.json`
  /// is read as `inspect` reads it.
  static func inspect(
    foldsDir: String, indices: [Int], keepingFolds: Bool,
    load: (Int) throws -> (fold: FoldManifests, findings: [String])
  ) throws -> Inspection {
    try withoutActuallyEscaping(load) { load in
      try inspect(
        foldsDir: foldsDir, indices: indices, keepingFolds: keepingFolds, eachNumberedFold: { _, _, _ in },
        load: load)
    }
  }

  /// The streaming checks; `load` nil reads each fold's files, the next one on a thread of its own.
  private static func inspect(
    foldsDir: String, indices: [Int], keepingFolds: Bool,
    eachNumberedFold: (FoldManifests, FoldNumbers?, SegmentNumbers) throws -> Void,
    load: ((Int) throws -> (fold: FoldManifests, findings: [String]))?
  ) throws -> Inspection {
    precondition(indices.count <= 64, "the streaming check tracks at most 64 folds")
    var result = try startInspection(foldsDir: foldsDir)
    let summaryPath = foldsDir + "/summary.json"
    let summary = result.summary
    let strategy = summary?.strategy ?? .stratifiedGroups(k: indices.count)
    var schema: [String] = []
    var perFold: [(fold: Int, kind: FoldFinding.Kind, findings: [String])] = []
    var across = AcrossFolds(foldsDir: foldsDir, summary: summary, summaryPath: summaryPath, strategy: strategy)
    // Each line's id is hashed once, here; the checks below index arrays by its number.
    var numbering = SegmentNumbers()
    var firstPlaces = SegmentPlaces()
    // Read from files, the next fold is read on a thread of its own while this one is checked;
    // folds are still checked one after another, in order.
    var next = load == nil ? indices.first.map { FoldPrefetch(foldsDir: foldsDir, fold: $0) } : nil
    for (position, k) in indices.enumerated() {
      // Read from files, each fold's lines were made on a pool thread, whose own heap keeps their
      // pages once the fold is checked and let go; the next fold may be read on another one: the
      // pages go back to the system first, so that memory holds about two folds, not one per heap.
      if load == nil, position > 0, !keepingFolds { FreedMemory.release() }
      let fold: FoldManifests
      let found: [String]
      if let load {
        (fold, found) = try load(k)
      } else {
        (fold, found) = next!.wait()
        next = position + 1 < indices.count ? FoldPrefetch(foldsDir: foldsDir, fold: indices[position + 1]) : nil
      }
      schema += found
      let numbers = numbering.number(fold)
      let shared = checkSegmentsDisjoint(fold, numbers: numbers, places: &firstPlaces, count: numbering.count)
      for (kind, found) in checkFold(fold, strategy: strategy, segmentsShared: shared) {
        perFold.append((k, kind, found))
      }
      across.add(fold, numbers: numbers, count: numbering.count, position: position)
      try eachNumberedFold(fold, numbers, numbering)
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
      result.add(across.sameSegmentsFindings(folds: indices, ids: numbering.ids), .segmentMissing)
      result.add(
        across.testCoverageFindings(testsEverySegment: strategy.testsEverySegment, ids: numbering.ids), .testCoverage)
    }
    if let summary {
      result.add(across.summaryFindings(classes: summary.classes), .summaryCounts)
      result.add(across.softLabelFindings, .softLabel)
    }
    return result
  }
}

/// One fold's manifests read on a thread of its own (`FoldManifests.load`), handed over by `wait`.
private final class FoldPrefetch: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  /// Written by the reading thread before `done` is signalled, read only after waiting for it.
  private var result: (fold: FoldManifests, findings: [String])?

  init(foldsDir: String, fold k: Int) {
    DispatchQueue.global().async {
      self.result = FoldManifests.load(foldsDir: foldsDir, fold: k)
      self.done.signal()
    }
  }

  func wait() -> (fold: FoldManifests, findings: [String]) {
    done.wait()
    return result!
  }
}

/// Segment ids numbered 0, 1, … in order of first appearance (folds, splits and lines in order):
/// one hash of the id per manifest line, after which the checks index arrays.
struct SegmentNumbers {
  /// The id of each number.
  private(set) var ids: [String] = []
  private var numbers: [String: Int32] = [:]

  var count: Int { ids.count }

  /// The number of every line of `fold`, split by split (new ids numbered as they come).
  mutating func number(_ fold: FoldManifests) -> FoldNumbers {
    var result = FoldNumbers()
    // The first fold holds (nearly) every segment: the table is sized once, not grown by doubling.
    if numbers.isEmpty { numbers.reserveCapacity(Split.allCases.reduce(0) { $0 + fold[$1].count }) }
    for split in Split.allCases {
      let lines = fold[split]
      var out: [Int32] = []
      out.reserveCapacity(lines.count)
      lines.withUnsafeBufferPointer { lines in
        for k in lines.indices {
          let next = Int32(ids.count)
          // One hash: the default is stored when the id is new.
          let n = Self.value(&numbers[lines[k].entry.id, default: next])
          if n == next { ids.append(lines[k].entry.id) }
          out.append(n)
        }
      }
      result[split] = out
    }
    return result
  }

  private static func value(_ stored: inout Int32) -> Int32 { stored }
}

/// The segment number of each line of one fold's splits.
struct FoldNumbers {
  var train: [Int32] = []
  var val: [Int32] = []
  var test: [Int32] = []

  subscript(split: Split) -> [Int32] {
    get {
      switch split {
      case .train: train
      case .val: val
      case .test: test
      }
    }
    set {
      switch split {
      case .train: train = newValue
      case .val: val = newValue
      case .test: test = newValue
      }
    }
  }
}

/// Per segment number, the fold (by call) and place where `checkSegmentsDisjoint` last saw it
/// first: reused from fold to fold instead of a dictionary per fold.
struct SegmentPlaces {
  var stamp: [Int32] = []
  var split: [Split] = []
  var index: [Int32] = []
  var calls: Int32 = 0
}

extension FoldCheck {
  /// `checkSegmentsDisjoint(fold)` with the lines' segment numbers: the same findings.
  static func checkSegmentsDisjoint(
    _ fold: FoldManifests, numbers: FoldNumbers, places: inout SegmentPlaces, count: Int
  ) -> [String] {
    places.calls += 1
    let call = places.calls
    if places.stamp.count < count {
      let more = count - places.stamp.count
      places.stamp += repeatElement(0, count: more)
      places.split += repeatElement(.train, count: more)
      places.index += repeatElement(0, count: more)
    }
    var findings: [String] = []
    for split in Split.allCases {
      for (index, n) in numbers[split].enumerated() {
        let s = Int(n)
        if places.stamp[s] == call {
          let line = fold[split][index]
          let first = places.split[s]
          let other = fold[first][Int(places.index[s])]
          let sides =
            first == split
            ? "twice in \(split.rawValue) (\(other.location), \(line.location))"
            : "in \(first.rawValue) (\(other.location)) and in \(split.rawValue) (\(line.location))"
          findings.append("fold \(fold.index): segment \(line.entry.id) is \(sides)")
        } else {
          places.stamp[s] = call
          places.split[s] = split
          places.index[s] = Int32(index)
        }
      }
    }
    return findings
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
  /// By segment number (every number has its track once its fold is added).
  var tracks: [Track] = []
  /// Per-split count findings, in fold and split order.
  var splitFindings: [String] = []
  // Counts of the kept segments (first line of each id, in folds summary.json lists).
  /// By segment number: counted among the kept segments.
  var keptSeen: [Bool] = []
  var kept = SplitSummary.Counter()
  // Soft labels.
  var softLabels = SoftLabelScan()

  init(foldsDir: String, summary: FoldSummary?, summaryPath: String, strategy: FoldStrategy) {
    self.foldsDir = foldsDir
    self.summary = summary
    self.summaryPath = summaryPath
    self.strategy = strategy
  }

  func location(_ place: Place) -> String {
    "\(FoldManifests.file(foldsDir: foldsDir, fold: Int(place.fold), split: place.split)):\(place.line)"
  }

  /// `numbers`: the segment number of each line; `count`: the numbers given so far.
  mutating func add(_ fold: FoldManifests, numbers: FoldNumbers, count: Int, position: Int) {
    addCounts(fold, numbers: numbers, count: count)
    addSoftLabels(fold)
    guard strategy.checksCoverage else { return }
    let bit = UInt64(1) << UInt64(position)
    let testsEverySegment = strategy.testsEverySegment
    tracks.reserveCapacity(count)
    for split in Split.allCases {
      let held = split == .test || (!testsEverySegment && split == .val)
      let lines = fold[split]
      for (index, n) in numbers[split].enumerated() {
        let place = Place(fold: Int32(fold.index), split: split, line: Int32(clamping: lines[index].line))
        let s = Int(n)
        // Numbers come in order of first appearance, lines in the same order: a new one is next.
        if s < tracks.count {
          tracks[s].folds |= bit
          if held {
            if tracks[s].held == nil {
              tracks[s].held = place
            } else if tracks[s].heldAgain == nil {
              tracks[s].heldAgain = place
            }
          }
        } else {
          tracks.append(Track(first: place, folds: bit, held: held ? place : nil, heldAgain: nil))
        }
      }
    }
  }

  /// `checkSameSegments`: ids missing from a fold, fold by fold, ids sorted (`ids`: of each number).
  func sameSegmentsFindings(folds indices: [Int], ids names: [String]) -> [String] {
    let all = indices.count == 64 ? UInt64.max : (UInt64(1) << UInt64(indices.count)) - 1
    let incomplete = tracks.indices.filter { tracks[$0].folds != all }
    guard !incomplete.isEmpty else { return [] }
    let ids = incomplete.sorted { names[$0] < names[$1] }
    var findings: [String] = []
    for (position, k) in indices.enumerated() {
      let bit = UInt64(1) << UInt64(position)
      for s in ids where tracks[s].folds & bit == 0 {
        let id = names[s]
        let place = tracks[s].first
        findings.append(
          "fold \(k): segment \(id) is in none of its splits (it is in fold \(place.fold) "
            + "\(place.split.rawValue), \(location(place)))")
      }
    }
    return findings
  }

  /// `checkTestCoverage`: ids held out twice or never, ids sorted.
  func testCoverageFindings(testsEverySegment: Bool, ids names: [String]) -> [String] {
    let what = testsEverySegment ? "test" : "test or validation"
    var findings: [String] = []
    // Only ids with a finding are sorted (a clean fold set has none: no sort of every id).
    let faulty = tracks.indices.filter { tracks[$0].held == nil || tracks[$0].heldAgain != nil }
    for s in faulty.sorted(by: { names[$0] < names[$1] }) {
      let id = names[s]
      let track = tracks[s]
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
  private mutating func addCounts(_ fold: FoldManifests, numbers: FoldNumbers, count: Int) {
    guard let summary else { return }
    guard let stated = summary.perFold.first(where: { $0.fold == fold.index }) else {
      splitFindings.append("\(summaryPath): fold \(fold.index) is missing (expected counts for every fold)")
      return
    }
    if keptSeen.count < count { keptSeen += repeatElement(false, count: count - keptSeen.count) }
    for split in Split.allCases {
      let lines = fold[split]
      for (index, n) in numbers[split].enumerated() where !keptSeen[Int(n)] {
        keptSeen[Int(n)] = true
        let entry = lines[index].entry
        kept.add(windows: entry.windows, speaker: entry.speaker, dialog: entry.dialog, label: entry.label)
      }
      let file = (summaryPath as NSString).deletingLastPathComponent + "/fold-\(fold.index)/\(split.rawValue).jsonl"
      splitFindings += FoldCheck.compareCounts(
        "fold \(fold.index) \(split.rawValue)", stated[split], SplitSummary(lines: lines, classes: summary.classes),
        "the manifest \(file)", summaryPath: summaryPath)
    }
  }

  /// `checkSummary`: the per-split findings, then the kept segments' against summary.json.
  func summaryFindings(classes: [String]) -> [String] {
    guard let summary else { return [] }
    return splitFindings
      + FoldCheck.compareCounts(
        "kept", summary.kept, kept.summary(classes: classes), "the union of the manifests", summaryPath: summaryPath)
  }

  /// `checkSoftLabels`' per-line part.
  private mutating func addSoftLabels(_ fold: FoldManifests) {
    guard let classes = summary?.classes else { return }
    softLabels.add(fold, classes: classes)
  }

  /// `checkSoftLabels`: the per-line findings, then a mix of lines with and without.
  var softLabelFindings: [String] { softLabels.findings }
}
