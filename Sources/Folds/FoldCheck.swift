import EmoSupport
import Foundation

/// The leakage and consistency check of a prep output (`emocorpus check-folds`).
///
/// Each rule is a reusable function returning findings (one line each, naming fold, split, file
/// and line of both sides); `check` runs them all in a fixed order: schema, segments, speakers,
/// dialogs, audio, coverage, summary.
public enum FoldCheck {
  /// Findings for `prepDir/folds` (empty = ok). Throws when there is no `folds/` to check.
  public static func check(prepDir: String) throws -> [String] {
    var inspection = try inspect(foldsDir: PrepDirectory(prepDir).folds, keepingFolds: false)
    addPrepSummaryFindings(&inspection, prepDir: prepDir)
    return inspection.findings
  }

  /// Lines of unknown length come only from a labels-only prep: when `prepDir/summary.json` says
  /// the run read audio while `folds/summary.json` counts such lines, a finding (a summary that is
  /// missing or unreadable says nothing here).
  static func addPrepSummaryFindings(_ inspection: inout Inspection, prepDir: String) {
    guard let unknown = inspection.summary?.kept.unknownDurations, unknown > 0 else { return }
    let path = PrepDirectory(prepDir).summary
    guard let data = FileManager.default.contents(atPath: path),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let labelsOnly = object["labels_only"] as? Bool, !labelsOnly
    else { return }
    inspection.add(
      [
        LocatedError(
          file: path,
          "labels_only is false, but folds/summary.json counts \(unknown) segments of unknown duration",
          expected: "lines of unknown length only from a labels-only prep"
        ).description
      ], .summaryCounts)
  }

  /// Findings for a folds folder (also used by the writer on its temporary folder before commit).
  public static func check(foldsDir: String) throws -> [String] {
    try inspect(foldsDir: foldsDir, keepingFolds: false).findings
  }

  /// The manifests and summary of `prepDir/folds`, read once and checked; the first finding is
  /// thrown (consumers such as export and train must never read a leaking or broken fold set).
  /// Folds taken from another toolkit's split keep their speaker, dialog and audio leaks: those are
  /// returned (to be said, never fixed) and only the other findings are thrown.
  public static func loadChecked(prepDir: String) throws -> (
    folds: [FoldManifests], summary: FoldSummary, leaks: [String]
  ) {
    var inspection = try inspect(foldsDir: PrepDirectory(prepDir).folds)
    addPrepSummaryFindings(&inspection, prepDir: prepDir)
    let tolerated = inspection.summary?.strategy.toleratesLeaks ?? false
    if let first = tolerated ? inspection.integrity.first : inspection.findings.first {
      throw LocatedError(file: nil, "\(first) (run check-folds for every finding)")
    }
    guard let summary = inspection.summary else {  // a missing summary is a finding, so this does not happen
      throw LocatedError(
        file: PrepDirectory(prepDir).foldsSummary, "missing", expected: "the summary written with the manifests")
    }
    return (inspection.folds, summary, inspection.leaks)
  }

  /// What `inspect` found: every finding in check order, and which of them are leaks between splits.
  struct Inspection {
    var folds: [FoldManifests]
    var summary: FoldSummary?
    var findings: [String] = []
    /// Segments, speakers, dialogs or audio shared between splits of a fold.
    var leaks: [String] = []
    /// Every other finding: schema, files, coverage, counts.
    var integrity: [String] = []
    /// Every finding, typed (`check-folds --json`), in check order.
    var typed: [FoldFinding] = []

    mutating func add(_ found: [String], _ kind: FoldFinding.Kind, fold: Int? = nil) {
      findings += found
      if kind.isLeak { leaks += found } else { integrity += found }
      typed += found.map { FoldFinding(kind: kind, fold: fold, message: $0) }
    }
  }

  /// Reads and checks a folds folder like `inspect`, holding every fold in memory at once (the
  /// reference the streaming `inspect` is tested against, and its path beyond 64 folds).
  static func inspectLoadingAll(foldsDir: String) throws -> Inspection {
    var result = try startInspection(foldsDir: foldsDir)
    let summaryPath = foldsDir + "/summary.json"
    let summary = result.summary
    let (folds, schemaFindings) = FoldManifests.load(foldsDir: foldsDir)
    result.folds = folds
    result.add(schemaFindings, .schema)
    if folds.isEmpty {
      result.add(
        [LocatedError(file: foldsDir, "no fold-K folder", expected: "fold-1 … fold-K").description], .foldLayout)
      return result
    }
    result.add(layoutFindings(foldsDir: foldsDir, indices: folds.map(\.index), summary: summary), .foldLayout)
    let strategy = summary?.strategy ?? .stratifiedGroups(k: folds.count)
    for fold in folds {
      for (kind, found) in checkFold(fold, strategy: strategy) { result.add(found, kind, fold: fold.index) }
    }
    if strategy.checksCoverage {
      result.add(checkSameSegments(folds), .segmentMissing)
      result.add(checkTestCoverage(folds, testsEverySegment: strategy.testsEverySegment), .testCoverage)
    }
    if let summary {
      result.add(checkSummary(folds, summary: summary, summaryPath: summaryPath), .summaryCounts)
      result.add(checkSoftLabels(folds, classes: summary.classes), .softLabel)
    }
    return result
  }

  /// The checks of one fold on its own, in check order.
  /// `segmentsShared`: the findings of `checkSegmentsDisjoint` when already known.
  static func checkFold(
    _ fold: FoldManifests, strategy: FoldStrategy, segmentsShared: [String]? = nil
  ) -> [(FoldFinding.Kind, [String])] {
    [
      (.segmentShared, segmentsShared ?? checkSegmentsDisjoint(fold)),
      (.speakerShared, checkSpeakerDisjoint(fold)),
      (.dialogShared, checkDialogDisjoint(fold, valAndTestMayShare: strategy.valAndTestMayShareDialogs)),
      (.audioShared, checkAudioDisjoint(fold)),
    ]
  }

  /// The fold folders against `fold-1 … fold-K` (and summary.json's count).
  static func layoutFindings(foldsDir: String, indices: [Int], summary: FoldSummary?) -> [String] {
    guard indices != Array(1...indices.count) || (summary.map { $0.folds != indices.count } ?? false) else { return [] }
    let expected = summary.map { "fold-1 … fold-\($0.folds) as summary.json says" } ?? "fold-1 … fold-K without gaps"
    return [
      LocatedError(file: foldsDir, "holds " + indices.map { "fold-\($0)" }.joined(separator: ", "), expected: expected)
        .description
    ]
  }

  /// An inspection with the folder checked and summary.json read (or its finding).
  static func startInspection(foldsDir: String) throws -> Inspection {
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: foldsDir, isDirectory: &isDir), isDir.boolValue else {
      throw LocatedError(
        file: foldsDir, "no folds folder", expected: "the output of emocorpus prep with --folds 1 or more")
    }
    let summaryPath = foldsDir + "/summary.json"
    var result = Inspection(folds: [], summary: nil)
    if let data = FileManager.default.contents(atPath: summaryPath) {
      do {
        result.summary = try JSONDecoder().decode(FoldSummary.self, from: data)
      } catch {
        result.add(
          [
            LocatedError(
              file: summaryPath, "cannot be read as a fold summary", expected: "the summary written with the manifests"
            ).description
          ], .summary)
      }
    } else {
      result.add(
        [LocatedError(file: summaryPath, "missing", expected: "the summary written with the manifests").description],
        .summary)
    }
    return result
  }

  /// Where a line is: split and position in that split's lines (cheap to keep in dictionaries).
  private struct Place {
    var split: Split
    var index: Int
  }

  /// A segment id twice in one fold (in one split or in two).
  public static func checkSegmentsDisjoint(_ fold: FoldManifests) -> [String] {
    var findings: [String] = []
    var seen: [String: Place] = [:]
    seen.reserveCapacity(Split.allCases.reduce(0) { $0 + fold[$1].count })
    for split in Split.allCases {
      for (index, line) in fold[split].enumerated() {
        if let place = seen[line.entry.id] {
          let other = fold[place.split][place.index]
          let sides =
            place.split == split
            ? "twice in \(split.rawValue) (\(other.location), \(line.location))"
            : "in \(place.split.rawValue) (\(other.location)) and in \(split.rawValue) (\(line.location))"
          findings.append("fold \(fold.index): segment \(line.entry.id) is \(sides)")
        } else {
          seen[line.entry.id] = Place(split: split, index: index)
        }
      }
    }
    return findings
  }

  /// A speaker in two splits of a fold.
  public static func checkSpeakerDisjoint(_ fold: FoldManifests) -> [String] {
    checkDisjoint(fold, what: "speaker", key: { $0[$1].entry.speaker }, allowed: { _, _ in false })
  }

  /// A dialog in two splits of a fold (validation and test may share under session folds).
  public static func checkDialogDisjoint(_ fold: FoldManifests, valAndTestMayShare: Bool = false) -> [String] {
    checkDisjoint(fold, what: "dialog", key: { $0[$1].entry.dialog }) { a, b in
      valAndTestMayShare && Set([a, b]) == [.val, .test]
    }
  }

  /// First line index of a value in each split (-1: absent).
  private struct FirstLines {
    var lines: (Int, Int, Int) = (-1, -1, -1)

    subscript(split: Split) -> Int {
      get {
        switch split {
        case .train: lines.0
        case .val: lines.1
        case .test: lines.2
        }
      }
      set {
        switch split {
        case .train: lines.0 = newValue
        case .val: lines.1 = newValue
        case .test: lines.2 = newValue
        }
      }
    }
  }

  /// Reports each value of `key` found in two splits, once per pair of splits, at its first lines.
  private static func checkDisjoint(
    _ fold: FoldManifests, what: String, key: ([ManifestLine], Int) -> String, allowed: (Split, Split) -> Bool
  ) -> [String] {
    var findings: [String] = []
    var first: [String: FirstLines] = [:]
    for split in Split.allCases {
      var previous: String?
      // By index: a line is read in place, not copied whole.
      let lines = fold[split]
      for index in lines.indices {
        let value = key(lines, index)
        if value == previous { continue }  // lines of one speaker or dialog often follow each other
        previous = value
        let line = lines[index]
        var places = first[value, default: FirstLines()]
        guard places[split] < 0 else { continue }
        for earlier in Split.allCases where earlier < split && places[earlier] >= 0 && !allowed(earlier, split) {
          let other = fold[earlier][places[earlier]]
          findings.append(
            "fold \(fold.index): \(what) \(value) is in \(earlier.rawValue) (\(other.location)) "
              + "and in \(split.rawValue) (\(line.location))")
        }
        places[split] = index
        first[value] = places
      }
    }
    return findings
  }

  /// The same audio content (`audio_hash`) under different ids in two splits of a fold.
  public static func checkAudioDisjoint(_ fold: FoldManifests) -> [String] {
    var findings: [String] = []
    var first: [String: FirstLines] = [:]
    for split in Split.allCases {
      let lines = fold[split]
      for index in lines.indices {
        guard let hash = lines[index].entry.audioHash else { continue }
        let line = lines[index]
        var places = first[hash, default: FirstLines()]
        for earlier in Split.allCases where earlier < split && places[earlier] >= 0 {
          let other = fold[earlier][places[earlier]]
          if other.entry.id != line.entry.id {
            findings.append(
              "fold \(fold.index): segment \(line.entry.id) in \(split.rawValue) (\(line.location)) has the same audio "
                + "as segment \(other.entry.id) in \(earlier.rawValue) (\(other.location)) (audio_hash \(hash.prefix(12))…)"
            )
          }
        }
        if places[split] < 0 {
          places[split] = index
          first[hash] = places
        }
      }
    }
    return findings
  }

  /// Where a segment was first seen across folds.
  private struct FoldPlace {
    var fold: Int
    var split: Split
    var index: Int
  }

  private static func line(_ folds: [FoldManifests], _ place: FoldPlace) -> ManifestLine {
    folds[place.fold][place.split][place.index]
  }

  /// Every fold holds every kept segment in one of its splits (the kept set is the union of folds).
  public static func checkSameSegments(_ folds: [FoldManifests]) -> [String] {
    // Per id: first place and the number of folds holding it (counted once per fold).
    var seen: [String: (first: FoldPlace, folds: Int, lastFold: Int)] = [:]
    for (f, fold) in folds.enumerated() {
      for split in Split.allCases {
        for (index, line) in fold[split].enumerated() {
          if var known = seen[line.entry.id] {
            if known.lastFold != f {
              known.folds += 1
              known.lastFold = f
              seen[line.entry.id] = known
            }
          } else {
            seen[line.entry.id] = (FoldPlace(fold: f, split: split, index: index), 1, f)
          }
        }
      }
    }
    let incomplete = seen.filter { $0.value.folds < folds.count }
    guard !incomplete.isEmpty else { return [] }
    var findings: [String] = []
    for (f, fold) in folds.enumerated() {
      let ids = Set(Split.allCases.flatMap { fold[$0].map(\.entry.id) })
      for id in incomplete.keys.sorted() where !ids.contains(id) {
        let place = incomplete[id]!.first
        findings.append(
          "fold \(folds[f].index): segment \(id) is in none of its splits (it is in fold \(folds[place.fold].index) "
            + "\(place.split.rawValue), \(line(folds, place).location))")
      }
    }
    return findings
  }

  /// Every segment in exactly one test split; with one-way session folds, held out (validation or
  /// test) exactly once instead, since validation speakers are never tested.
  public static func checkTestCoverage(_ folds: [FoldManifests], testsEverySegment: Bool = true) -> [String] {
    var heldOut: [String: (first: FoldPlace, second: FoldPlace?)] = [:]
    var anywhere: [String: FoldPlace] = [:]
    for (f, fold) in folds.enumerated() {
      for split in Split.allCases {
        let held = split == .test || (!testsEverySegment && split == .val)
        for (index, line) in fold[split].enumerated() {
          let place = FoldPlace(fold: f, split: split, index: index)
          if anywhere[line.entry.id] == nil { anywhere[line.entry.id] = place }
          guard held else { continue }
          if var known = heldOut[line.entry.id] {
            if known.second == nil {
              known.second = place
              heldOut[line.entry.id] = known
            }
          } else {
            heldOut[line.entry.id] = (place, nil)
          }
        }
      }
    }
    let what = testsEverySegment ? "test" : "test or validation"
    var findings: [String] = []
    for id in anywhere.keys.sorted() {
      if let places = heldOut[id] {
        guard let second = places.second else { continue }
        let first = places.first
        findings.append(
          "segment \(id) is in the \(first.split.rawValue) split of fold \(folds[first.fold].index) "
            + "(\(line(folds, first).location)) and in the \(second.split.rawValue) split of fold "
            + "\(folds[second.fold].index) (\(line(folds, second).location))")
      } else {
        let place = anywhere[id]!
        findings.append(
          "segment \(id) is in no \(what) split (it is in fold \(folds[place.fold].index) \(place.split.rawValue), "
            + "\(line(folds, place).location))")
      }
    }
    return findings
  }
  /// Counts of each split (and of all kept segments) against `summary.json`.
  public static func checkSummary(_ folds: [FoldManifests], summary: FoldSummary, summaryPath: String) -> [String] {
    var findings: [String] = []
    func compare(_ place: String, _ stated: SplitSummary, _ actual: SplitSummary, _ source: String) {
      findings += compareCounts(place, stated, actual, source, summaryPath: summaryPath)
    }
    var kept: [String: ManifestEntry] = [:]
    for fold in folds {
      guard let stated = summary.perFold.first(where: { $0.fold == fold.index }) else {
        findings.append("\(summaryPath): fold \(fold.index) is missing (expected counts for every fold)")
        continue
      }
      for split in Split.allCases {
        let entries = fold[split].map(\.entry)
        for entry in entries where kept[entry.id] == nil { kept[entry.id] = entry }
        let file = (summaryPath as NSString).deletingLastPathComponent + "/fold-\(fold.index)/\(split.rawValue).jsonl"
        compare(
          "fold \(fold.index) \(split.rawValue)", stated[split], SplitSummary(entries, classes: summary.classes),
          "the manifest \(file)")
      }
    }
    compare("kept", summary.kept, SplitSummary(kept.values, classes: summary.classes), "the union of the manifests")
    return findings
  }

  /// The differences between counts `summary.json` states for `place` and the counts `source` has.
  static func compareCounts(
    _ place: String, _ stated: SplitSummary, _ actual: SplitSummary, _ source: String, summaryPath: String
  ) -> [String] {
    var findings: [String] = []
    func differ(_ what: String, _ a: Int, _ b: Int) {
      if a != b {
        findings.append("\(summaryPath): \(place): summary.json says \(a) \(what), \(source) has \(b)")
      }
    }
    differ("segments", stated.segments, actual.segments)
    differ("windows", stated.windows, actual.windows)
    differ("speakers", stated.speakers, actual.speakers)
    differ("dialogs", stated.dialogs, actual.dialogs)
    differ("segments of unknown duration", stated.unknownDurations ?? 0, actual.unknownDurations ?? 0)
    for name in Set(stated.classes.keys).union(actual.classes.keys).sorted() {
      let a = stated.classes[name] ?? ClassCount()
      let b = actual.classes[name] ?? ClassCount()
      differ("\(name) segments", a.segments, b.segments)
      differ("\(name) windows", a.windows, b.windows)
    }
    return findings
  }
}
