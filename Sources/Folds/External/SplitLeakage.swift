/// One segment as the speaker-leakage audit sees it.
public struct LeakageItem: Sendable, Hashable {
  public var speaker: String
  public var label: String?

  public init(speaker: String, label: String?) {
    self.speaker = speaker
    self.label = label
  }
}

/// Speaker leakage of one fold: test speakers also heard in training or validation.
///
/// Encodes exactly the keys of `check-folds --external --json`; the other fields serve the text.
public struct FoldLeakage: Sendable, Hashable, Encodable {
  public var fold: Int
  public var testSpeakers: Int
  public var sharedWithTrain: Int
  public var sharedWithVal: Int
  /// Test speakers also in training or validation, sorted.
  public var sharedSpeakers: [String]
  /// Test segments whose speaker is shared.
  public var testSegmentsAffected: Int
  /// Segments per class in each part (`train`, `val`, `test`; unlabeled segments not counted).
  public var classes: [String: [String: Int]]
  /// Segments in each part.
  public var segments: [Split: Int]
  /// Validation speakers also in training (model selection on seen speakers; not a test leak).
  public var valSpeakersInTrain: Int

  /// Whether a test speaker is also in training or validation.
  public var leaks: Bool { !sharedSpeakers.isEmpty }

  enum CodingKeys: String, CodingKey {
    case fold, testSpeakers = "test_speakers", sharedWithTrain = "shared_with_train"
    case sharedWithVal = "shared_with_val", sharedSpeakers = "shared_speakers"
    case testSegmentsAffected = "test_segments_affected", classes
  }
}

/// The leakage audit of a whole split: `{"leak": …, "folds": […]}`.
public struct LeakageReport: Sendable, Hashable, Encodable {
  public var leak: Bool
  public var folds: [FoldLeakage]

  enum CodingKeys: String, CodingKey { case leak, folds }
}

/// Speaker leakage of folds, wherever they come from (another toolkit's split, a prep output's
/// manifests): a reusable checker used by `check-folds --external`, `prep --folds-from` and tests.
public enum SplitLeakage {
  /// The audit of `folds`: per fold, test speakers also in training or validation.
  public static func audit(_ folds: [(index: Int, splits: [Split: [LeakageItem]])]) -> LeakageReport {
    let results = folds.map { fold -> FoldLeakage in
      func speakers(_ split: Split) -> Set<String> { Set((fold.splits[split] ?? []).map(\.speaker)) }
      let train = speakers(.train)
      let val = speakers(.val)
      let test = speakers(.test)
      let shared = test.intersection(train).union(test.intersection(val))
      var classes: [String: [String: Int]] = [:]
      var segments: [Split: Int] = [:]
      for split in Split.allCases {
        var counts: [String: Int] = [:]
        for item in fold.splits[split] ?? [] {
          if let label = item.label { counts[label, default: 0] += 1 }
        }
        classes[split.rawValue] = counts
        segments[split] = fold.splits[split]?.count ?? 0
      }
      return FoldLeakage(
        fold: fold.index, testSpeakers: test.count, sharedWithTrain: test.intersection(train).count,
        sharedWithVal: test.intersection(val).count, sharedSpeakers: shared.sorted(),
        testSegmentsAffected: (fold.splits[.test] ?? []).filter { shared.contains($0.speaker) }.count,
        classes: classes, segments: segments, valSpeakersInTrain: val.intersection(train).count)
    }
    return LeakageReport(leak: results.contains(where: \.leaks), folds: results)
  }

  /// The audit of an external split whose items all have speakers (`ExternalSplit.withSpeakers`).
  public static func audit(_ split: ExternalSplit) -> LeakageReport {
    audit(
      split.folds.map { fold in
        (fold.index, fold.splits.mapValues { $0.map { LeakageItem(speaker: $0.speaker ?? "", label: $0.label) } })
      })
  }

  /// The audit of a prep output's manifests (speakers as the corpus reader gave them).
  public static func audit(_ folds: [FoldManifests]) -> LeakageReport {
    audit(
      folds.map { fold in
        (
          fold.index,
          Dictionary(
            uniqueKeysWithValues: Split.allCases.map { split in
              (split, fold[split].map { LeakageItem(speaker: $0.entry.speaker, label: $0.entry.label) })
            })
        )
      })
  }
}

extension LeakageReport {
  /// The human report: one block per fold and a verdict line (speaker ids and counts only).
  public func text(title: String, listed: Int = 8) -> String {
    func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
    func names(_ list: [String]) -> String {
      let shown = list.prefix(listed).joined(separator: ", ")
      return list.count > listed ? "\(shown) (+\(list.count - listed) more)" : shown
    }
    func counts(_ split: Split, _ fold: FoldLeakage) -> String {
      let perClass = fold.classes[split.rawValue] ?? [:]
      let n = fold.segments[split] ?? 0
      let detail =
        perClass.isEmpty
        ? (n > 0 ? "no labels given" : "none")
        : perClass.keys.sorted().map { "\($0) \(perClass[$0]!)" }.joined(separator: ", ")
      return "  \(split.rawValue.padding(toLength: 5, withPad: " ", startingAt: 0)) \(count(n, "segment")): \(detail)"
    }
    var lines = [title]
    for fold in folds {
      let test = fold.segments[.test] ?? 0
      lines.append("fold \(fold.fold): \(count(fold.testSpeakers, "test speaker")), \(count(test, "test segment"))")
      lines.append(
        "  test speakers also in train: \(fold.sharedWithTrain), in val: \(fold.sharedWithVal)"
          + (fold.sharedSpeakers.isEmpty ? "" : " (\(names(fold.sharedSpeakers)))"))
      if fold.leaks {
        lines.append("  test segments of those speakers: \(fold.testSegmentsAffected) of \(test)")
      }
      for split in Split.allCases where split != .val || (fold.segments[.val] ?? 0) > 0 {
        lines.append(counts(split, fold))
      }
      if fold.valSpeakersInTrain > 0 {
        lines.append("  note: \(count(fold.valSpeakersInTrain, "validation speaker")) also in training")
      }
      lines.append(
        fold.leaks
          ? "  LEAK: \(fold.sharedSpeakers.count) of \(fold.testSpeakers) test speakers were heard in training or validation"
          : "  clean: no test speaker in training or validation")
    }
    let leaking = folds.filter(\.leaks)
    if leaking.isEmpty {
      lines.append(
        "verdict: clean (\(count(folds.count, "fold")), no test speaker in its fold's training or validation)")
    } else {
      let affected = leaking.reduce(0) { $0 + $1.testSegmentsAffected }
      let tested = folds.reduce(0) { $0 + ($1.segments[.test] ?? 0) }
      lines.append(
        "verdict: LEAK in \(leaking.count) of \(count(folds.count, "fold")) (\(leaking.count == 1 ? "fold" : "folds") "
          + "\(leaking.map { String($0.fold) }.joined(separator: ", "))): "
          + "\(affected) of \(tested) test segments are by speakers also in training or validation")
    }
    return lines.joined(separator: "\n")
  }
}

extension SplitLeakage {
  /// Reads the split at `source`, gives every item a speaker by `speakerRule`, and audits it;
  /// also returns the title line of the human report (what was read, where speakers came from).
  public static func audit(_ source: ExternalSplitSource, speakerRule: SpeakerRule) throws -> (
    report: LeakageReport, title: String
  ) {
    let split = try ExternalSplit.read(source, needSpeakers: speakerRule == .split).withSpeakers(speakerRule)
    let segments = Set(split.folds.flatMap { $0.splits.values.flatMap { $0.map(\.id) } }).count
    let title =
      "\(source.path): \(source.format.title) split, \(split.folds.count) fold\(split.folds.count == 1 ? "" : "s"), "
      + "\(segments) segments, speakers from \(split.speakerOrigin)"
    return (audit(split), title)
  }
}
