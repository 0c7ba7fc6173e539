import EmoSupport
import Foundation

/// The leakage and consistency check of a prep output (`emocorpus check-folds`, SPEC §4.4).
///
/// Each rule is a reusable function returning findings (one line each, naming fold, split, file
/// and line of both sides); `check` runs them all in a fixed order: schema, segments, speakers,
/// dialogs, audio, coverage, summary.
public enum FoldCheck {
  /// Findings for `prepDir/folds` (empty = ok). Throws when there is no `folds/` to check.
  public static func check(prepDir: String) throws -> [String] {
    try check(foldsDir: prepDir + "/folds")
  }

  /// Findings for a folds folder (also used by the writer on its temporary folder before commit).
  public static func check(foldsDir: String) throws -> [String] {
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: foldsDir, isDirectory: &isDir), isDir.boolValue else {
      throw LocatedError(
        file: foldsDir, "no folds folder", expected: "the output of emocorpus prep with --folds 1 or more")
    }
    let summaryPath = foldsDir + "/summary.json"
    var findings: [String] = []
    var summary: FoldSummary?
    if let data = FileManager.default.contents(atPath: summaryPath) {
      do {
        summary = try JSONDecoder().decode(FoldSummary.self, from: data)
      } catch {
        findings.append(
          LocatedError(
            file: summaryPath, "cannot be read as a fold summary", expected: "the summary written with the manifests"
          )
          .description)
      }
    } else {
      findings.append(
        LocatedError(file: summaryPath, "missing", expected: "the summary written with the manifests").description)
    }
    let (folds, schemaFindings) = FoldManifests.load(foldsDir: foldsDir)
    findings += schemaFindings
    if folds.isEmpty {
      findings.append(LocatedError(file: foldsDir, "no fold-K folder", expected: "fold-1 … fold-K").description)
      return findings
    }
    let indices = folds.map(\.index)
    if indices != Array(1...folds.count) || (summary.map { $0.folds != folds.count } ?? false) {
      let expected = summary.map { "fold-1 … fold-\($0.folds) as summary.json says" } ?? "fold-1 … fold-K without gaps"
      findings.append(
        LocatedError(
          file: foldsDir, "holds " + indices.map { "fold-\($0)" }.joined(separator: ", "), expected: expected
        )
        .description)
    }
    let strategy = summary?.strategy ?? .stratifiedGroups(k: folds.count)
    for fold in folds {
      findings += checkSegmentsDisjoint(fold)
      findings += checkSpeakerDisjoint(fold)
      findings += checkDialogDisjoint(fold, valAndTestMayShare: strategy.valAndTestMayShareDialogs)
      findings += checkAudioDisjoint(fold)
    }
    findings += checkSameSegments(folds)
    findings += checkTestCoverage(folds, testsEverySegment: strategy.testsEverySegment)
    if let summary { findings += checkSummary(folds, summary: summary, summaryPath: summaryPath) }
    return findings
  }

  /// A segment id twice in one fold (in one split or in two).
  public static func checkSegmentsDisjoint(_ fold: FoldManifests) -> [String] {
    var findings: [String] = []
    var seen: [String: (Split, ManifestLine)] = [:]
    for split in Split.allCases {
      for line in fold[split] {
        if let (otherSplit, other) = seen[line.entry.id] {
          let sides =
            otherSplit == split
            ? "twice in \(split.rawValue) (\(other.location), \(line.location))"
            : "in \(otherSplit.rawValue) (\(other.location)) and in \(split.rawValue) (\(line.location))"
          findings.append("fold \(fold.index): segment \(line.entry.id) is \(sides)")
        } else {
          seen[line.entry.id] = (split, line)
        }
      }
    }
    return findings
  }

  /// A speaker in two splits of a fold.
  public static func checkSpeakerDisjoint(_ fold: FoldManifests) -> [String] {
    checkDisjoint(fold, what: "speaker", key: \.speaker, allowed: { _, _ in false })
  }

  /// A dialog in two splits of a fold (validation and test may share under session folds).
  public static func checkDialogDisjoint(_ fold: FoldManifests, valAndTestMayShare: Bool = false) -> [String] {
    checkDisjoint(fold, what: "dialog", key: \.dialog) { a, b in
      valAndTestMayShare && Set([a, b]) == [.val, .test]
    }
  }

  /// Reports each value of `key` found in two splits, once per pair of splits, at its first lines.
  private static func checkDisjoint(
    _ fold: FoldManifests, what: String, key: KeyPath<ManifestEntry, String>, allowed: (Split, Split) -> Bool
  ) -> [String] {
    var findings: [String] = []
    var first: [String: [Split: ManifestLine]] = [:]
    for split in Split.allCases {
      for line in fold[split] {
        let value = line.entry[keyPath: key]
        var places = first[value, default: [:]]
        guard places[split] == nil else { continue }
        for earlier in Split.allCases where earlier < split && !allowed(earlier, split) {
          if let other = places[earlier] {
            findings.append(
              "fold \(fold.index): \(what) \(value) is in \(earlier.rawValue) (\(other.location)) "
                + "and in \(split.rawValue) (\(line.location))")
          }
        }
        places[split] = line
        first[value] = places
      }
    }
    return findings
  }

  /// The same audio content (`audio_hash`) under different ids in two splits of a fold.
  public static func checkAudioDisjoint(_ fold: FoldManifests) -> [String] {
    var findings: [String] = []
    var first: [String: [Split: ManifestLine]] = [:]
    for split in Split.allCases {
      for line in fold[split] {
        guard let hash = line.entry.audioHash else { continue }
        var places = first[hash, default: [:]]
        for earlier in Split.allCases where earlier < split {
          if let other = places[earlier], other.entry.id != line.entry.id {
            findings.append(
              "fold \(fold.index): segment \(line.entry.id) in \(split.rawValue) (\(line.location)) has the same audio "
                + "as segment \(other.entry.id) in \(earlier.rawValue) (\(other.location)) (audio_hash \(hash.prefix(12))…)"
            )
          }
        }
        if places[split] == nil { places[split] = line }
        first[hash] = places
      }
    }
    return findings
  }

  /// Every fold holds every kept segment in one of its splits (the kept set is the union of folds).
  public static func checkSameSegments(_ folds: [FoldManifests]) -> [String] {
    var somewhere: [String: (FoldManifests, Split, ManifestLine)] = [:]
    var perFold: [Set<String>] = []
    for fold in folds {
      var ids = Set<String>()
      for split in Split.allCases {
        for line in fold[split] {
          ids.insert(line.entry.id)
          if somewhere[line.entry.id] == nil { somewhere[line.entry.id] = (fold, split, line) }
        }
      }
      perFold.append(ids)
    }
    var findings: [String] = []
    for (fold, ids) in zip(folds, perFold) {
      for id in somewhere.keys.sorted() where !ids.contains(id) {
        let (other, split, line) = somewhere[id]!
        findings.append(
          "fold \(fold.index): segment \(id) is in none of its splits (it is in fold \(other.index) "
            + "\(split.rawValue), \(line.location))")
      }
    }
    return findings
  }

  /// Every segment in exactly one test split; with one-way session folds, held out (validation or
  /// test) exactly once instead, since validation speakers are never tested.
  public static func checkTestCoverage(_ folds: [FoldManifests], testsEverySegment: Bool = true) -> [String] {
    var heldOut: [String: [(FoldManifests, Split, ManifestLine)]] = [:]
    var anywhere: [String: (FoldManifests, Split, ManifestLine)] = [:]
    for fold in folds {
      for split in Split.allCases {
        for line in fold[split] {
          if anywhere[line.entry.id] == nil { anywhere[line.entry.id] = (fold, split, line) }
          if split == .test || (!testsEverySegment && split == .val) {
            heldOut[line.entry.id, default: []].append((fold, split, line))
          }
        }
      }
    }
    let what = testsEverySegment ? "test" : "test or validation"
    var findings: [String] = []
    for id in anywhere.keys.sorted() {
      let places = heldOut[id] ?? []
      if places.isEmpty {
        let (fold, split, line) = anywhere[id]!
        findings.append(
          "segment \(id) is in no \(what) split (it is in fold \(fold.index) \(split.rawValue), \(line.location))")
      } else if places.count > 1 {
        let (f1, s1, l1) = places[0]
        let (f2, s2, l2) = places[1]
        findings.append(
          "segment \(id) is in the \(s1.rawValue) split of fold \(f1.index) (\(l1.location)) "
            + "and in the \(s2.rawValue) split of fold \(f2.index) (\(l2.location))")
      }
    }
    return findings
  }

  /// Counts of each split (and of all kept segments) against `summary.json`.
  public static func checkSummary(_ folds: [FoldManifests], summary: FoldSummary, summaryPath: String) -> [String] {
    var findings: [String] = []
    func compare(_ place: String, _ stated: SplitSummary, _ actual: SplitSummary, _ source: String) {
      func differ(_ what: String, _ a: Int, _ b: Int) {
        if a != b {
          findings.append("\(summaryPath): \(place): summary.json says \(a) \(what), \(source) has \(b)")
        }
      }
      differ("segments", stated.segments, actual.segments)
      differ("windows", stated.windows, actual.windows)
      differ("speakers", stated.speakers, actual.speakers)
      differ("dialogs", stated.dialogs, actual.dialogs)
      for name in Set(stated.classes.keys).union(actual.classes.keys).sorted() {
        let a = stated.classes[name] ?? ClassCount()
        let b = actual.classes[name] ?? ClassCount()
        differ("\(name) segments", a.segments, b.segments)
        differ("\(name) windows", a.windows, b.windows)
      }
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
}
