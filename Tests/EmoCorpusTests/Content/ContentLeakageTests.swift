import EmoSupport
import Folds
import Foundation
import TestSupport
import Testing

@testable import EmoCorpus

/// Shared sentences and audio between fold parts, duplicate drops, and text-independent folds.
@Suite struct ContentLeakageTests {
  static func entry(_ id: String, speaker: String, label: String = "anger", dialog: String? = nil) -> ManifestEntry {
    ManifestEntry(
      id: id, speaker: speaker, dialog: dialog ?? id, gender: .female, role: .speaker, label: label, path: "",
      start: 0, end: 1, duration: 1, windows: 0)
  }

  /// Hand count: training says sentences A, B, C; test t1 (A), t2 (A), t3 (D), t4 (no sentence),
  /// t5 (C): shared sentences {A, C} = 2, test segments affected t1, t2, t5 = 3 of 5.
  @Test func sharedSentencesHandCount() {
    let keyOf = [
      "r1": "s:A", "r2": "s:B", "r3": "s:C", "r4": "s:A", "t1": "s:A", "t2": "s:A", "t3": "s:D", "t5": "s:C",
    ]
    let shared = ContentLeakage.shared(
      train: ["r1", "r2", "r3", "r4"], held: ["t1", "t2", "t3", "t4", "t5"], keyOf: keyOf)
    #expect(shared.count == 2)
    #expect(shared.testSegments == 3)
    #expect(abs(shared.share - 0.6) < 1e-12)
    let none = ContentLeakage.shared(train: ["r2"], held: ["t1", "t3"], keyOf: keyOf)
    #expect(none == ContentLeakage.Shared(count: 0, testSegments: 0, share: 0))
  }

  static func labeled(_ id: String, label: String, path: String) -> LabeledSegment {
    LabeledSegment(
      segment: Segment(
        id: id, dialog: id, speaker: "s", audio: AudioRef(path: path), corpusConsensus: label,
        origin: Origin(file: path)),
      annotations: [], consensus: label, label: label, drop: nil)
  }

  /// a = b (same label): b dropped as duplicate_audio; c = d (labels differ): both conflicting;
  /// e alone kept.
  @Test func duplicatesKeptOnceConflictsDropped() {
    let items = [
      Self.labeled("a", label: "anger", path: "/x/a.wav"), Self.labeled("b", label: "anger", path: "/y/a.wav"),
      Self.labeled("c", label: "anger", path: "/x/c.wav"), Self.labeled("d", label: "fear", path: "/x/d.wav"),
      Self.labeled("e", label: "fear", path: "/x/e.wav"),
    ]
    let hashes = ["a": "h1", "b": "h1", "c": "h2", "d": "h2", "e": "h3"]
    let result = DuplicateAudio.resolve(items, hashes: hashes, keepConflicts: false)
    #expect(result.kept.map(\.segment.id) == ["a", "e"])
    #expect(result.drops.map(\.segmentID) == ["b", "c", "d"])
    #expect(result.drops.map(\.reason) == [.duplicateAudio, .conflictingLabels, .conflictingLabels])
    #expect(result.drops[0].detail == "/y/a.wav has the same audio as /x/a.wav (kept as a)")
    #expect(result.drops[1].detail?.contains("/x/d.wav") == true)
    #expect(DuplicateAudio.conflicts(items, hashes: hashes) == [["c", "d"]])

    let kept = DuplicateAudio.resolve(items, hashes: hashes, keepConflicts: true)
    #expect(kept.kept.map(\.segment.id) == ["a", "c", "d", "e"])
    #expect(kept.drops.map(\.reason) == [.duplicateAudio])
  }

  /// The shortcut prep takes (keeping the selection it has) against the rule: whenever no two
  /// segments share a hash, `resolve` keeps every segment, in order, and drops nothing.
  @Test func hashesSharedByNoTwoSegmentsDropNothing() {
    let items = (0..<12).map { Self.labeled("s\($0)", label: $0 % 3 == 0 ? "fear" : "anger", path: "/x/\($0).wav") }
    let distinct: [[String: String]] = [
      [:], ["s1": "h1"], ["s1": "h1", "s2": "h2"],
      Dictionary(uniqueKeysWithValues: (0..<12).map { ("s\($0)", "h\($0)") }),
    ]
    for hashes in distinct {
      #expect(DuplicateAudio.dropsNothing(hashes))
      for keepConflicts in [false, true] {
        let result = DuplicateAudio.resolve(items, hashes: hashes, keepConflicts: keepConflicts)
        #expect(result.kept == items && result.drops.isEmpty, "\(hashes)")
      }
    }
    // A shared hash: the rule has something to decide (a duplicate dropped, a conflict dropped).
    for hashes in [["s0": "h1", "s3": "h1"], ["s0": "h1", "s1": "h1"], ["s1": "h1", "s2": "h1", "s4": "h2"]] {
      #expect(!DuplicateAudio.dropsNothing(hashes))
      #expect(!DuplicateAudio.resolve(items, hashes: hashes, keepConflicts: false).drops.isEmpty)
    }
  }

  /// Segments that span a whole file are the ones compared by file hash; groups keep segment order.
  @Test func wholeFileSegmentsAndGroups() {
    let whole = Segment(
      id: "a", dialog: "a", speaker: "s", audio: AudioRef(path: "/x/a.wav"), origin: Origin(file: "x"))
    let span = Segment(
      id: "d", dialog: "d", speaker: "s", span: TimeSpan(start: 1, end: 2),
      audio: AudioRef(path: "/x/c.wav", start: 1, end: 2),
      origin: Origin(file: "x"))
    let none = Segment(id: "n", dialog: "n", speaker: "s", origin: Origin(file: "x"))
    #expect(DuplicateAudio.spansWholeFile(whole))
    #expect(!DuplicateAudio.spansWholeFile(span))
    #expect(!DuplicateAudio.spansWholeFile(none))
    let hashes = ["a": "h1", "b": "h2", "c": "h1", "e": "h2", "f": "h3"]
    #expect(DuplicateAudio.groups(hashes, order: ["a", "b", "c", "d", "e", "f"]) == [["a", "c"], ["b", "e"]])
  }

  /// 6 speakers × 4 sentences × 2 takes: the folds never put a speaker or a sentence on both sides
  /// of training and evaluation (checked by the function check-folds uses), validation included.
  @Test func textIndependentFoldsAreDisjoint() throws {
    var entries: [ManifestEntry] = []
    var keyOf: [String: String] = [:]
    for speaker in 1...6 {
      for sentence in 1...4 {
        for take in 1...2 {
          let id = "s\(speaker)-t\(sentence)-\(take)"
          entries.append(Self.entry(id, speaker: "spk\(speaker)", label: take == 1 ? "anger" : "fear"))
          keyOf[id] = "s:\(sentence)"
        }
      }
    }
    // Two short answers without a sentence follow their speaker.
    entries.append(Self.entry("s1-yeah", speaker: "spk1"))
    entries.append(Self.entry("s4-yeah", speaker: "spk4"))
    let plan = try TextIndependentFolds.plan(entries, k: 3, minWords: 3, keyOf: keyOf, seed: 1)
    #expect(plan.folds.count == 3)
    #expect(plan.strategy == .speakerText(k: 3, sentenceGroups: 3, minWords: 3))
    let report = ContentLeakage.folds(ContentLeakage.ids(plan), keyOf: keyOf, audioOf: [:])
    #expect(report.allSatisfy { $0.textIndependent })
    var tested: [String: Int] = [:]
    for fold in plan.folds {
      #expect(Set(fold.trainSpeakers).isDisjoint(with: fold.testSpeakers))
      #expect(Set(fold.trainSpeakers).isDisjoint(with: fold.valSpeakers))
      #expect(Set(fold.valSpeakers).isDisjoint(with: fold.testSpeakers))
      #expect(!fold.test.isEmpty && !fold.val.isEmpty && !fold.train.isEmpty)
      for id in fold.test { tested[id, default: 0] += 1 }
      // Per fold: 2 speakers × 2 takes of one sentence group in test (4 sentences in 3 groups: 2, 1, 1).
      let unused = entries.count - fold.train.count - fold.val.count - fold.test.count
      #expect(unused > 0)
    }
    #expect(tested.values.allSatisfy { $0 == 1 })
    // Speaker folds of the same segments share every sentence.
    let speakerPlan = try FoldPlanner.plan(entries, strategy: .stratifiedGroups(k: 3), seed: 1)
    let plain = ContentLeakage.folds(ContentLeakage.ids(speakerPlan), keyOf: keyOf, audioOf: [:])
    #expect(plain.allSatisfy { !$0.textIndependent })
    #expect(plain.allSatisfy { $0.sharedSentences.count == 4 })
  }

  @Test func textIndependentFoldsSayWhatTheCorpusAllows() throws {
    let two = (1...2).flatMap { s in (1...3).map { Self.entry("s\(s)-\($0)", speaker: "spk\(s)") } }
    let keys = Dictionary(uniqueKeysWithValues: two.map { ($0.id, "s:" + $0.id.suffix(1)) })
    #expect(throws: TextIndependentFolds.Problem.tooFewSpeakerGroups(folds: 3, groups: 2)) {
      try TextIndependentFolds.plan(two, k: 3, minWords: 3, keyOf: keys, seed: 1)
    }
    #expect(
      TextIndependentFolds.Problem.tooFewSpeakerGroups(folds: 5, groups: 4).description.contains("at most 4 folds"))
    let four = (1...4).map { Self.entry("e\($0)", speaker: "spk\($0)") }
    #expect(throws: TextIndependentFolds.Problem.needsContent) {
      try TextIndependentFolds.plan(four, k: 3, minWords: 3, keyOf: [:], seed: 1)
    }
    #expect(throws: TextIndependentFolds.Problem.tooFewSentences(1)) {
      try TextIndependentFolds.plan(four, k: 3, minWords: 3, keyOf: ["e1": "s:x", "e2": "s:x"], seed: 1)
    }
  }

  /// RAVDESS has two statements: folds still come out, each testing one statement.
  @Test func twoSentencesMakeFoldsOfOneStatementEach() throws {
    var entries: [ManifestEntry] = []
    var keyOf: [String: String] = [:]
    for actor in 1...6 {
      for statement in 1...2 {
        let id = "03-01-05-01-0\(statement)-01-0\(actor)"
        entries.append(Self.entry(id, speaker: "ravdess-0\(actor)"))
        keyOf[id] = "s:0\(statement)"
      }
    }
    let plan = try TextIndependentFolds.plan(entries, k: 3, minWords: 3, keyOf: keyOf, seed: 7)
    #expect(plan.strategy == .speakerText(k: 3, sentenceGroups: 2, minWords: 3))
    #expect(
      ContentLeakage.folds(ContentLeakage.ids(plan), keyOf: keyOf, audioOf: [:]).allSatisfy { $0.textIndependent })
  }

  /// Identical audio of two speakers is kept on one side: their speakers join one group.
  @Test func identicalAudioStaysOnOneSide() throws {
    var entries: [ManifestEntry] = []
    var keyOf: [String: String] = [:]
    for speaker in 1...4 {
      for sentence in 1...3 {
        let id = "s\(speaker)-\(sentence)"
        entries.append(Self.entry(id, speaker: "spk\(speaker)"))
        keyOf[id] = "s:\(sentence)"
      }
    }
    let audio = ["s1-1": "h", "s2-1": "h"]
    let plan = try TextIndependentFolds.plan(entries, k: 3, minWords: 3, keyOf: keyOf, audioOf: audio, seed: 1)
    for fold in ContentLeakage.folds(ContentLeakage.ids(plan), keyOf: keyOf, audioOf: audio) {
      #expect(fold.sharedAudio.count == 0)
    }
    for fold in plan.folds {
      let sides = [fold.train, fold.val, fold.test].map { Set($0).intersection(["s1-1", "s2-1"]).count }
      #expect(sides.filter { $0 > 0 }.count <= 1)
    }
  }

  @Test func strategyRoundTripsThroughTheSummary() throws {
    let strategy = FoldStrategy.speakerText(k: 5, sentenceGroups: 2, minWords: 4)
    let data = try JSONEncoder().encode(strategy)
    let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
    #expect(object["kind"] as? String == "speaker_text")
    #expect(object["sentence_groups"] as? Int == 2)
    #expect(try JSONDecoder().decode(FoldStrategy.self, from: data) == strategy)
    var counts = FoldCounts(
      fold: 1, train: SplitSummary([], classes: []), val: SplitSummary([], classes: []),
      test: SplitSummary([], classes: []))
    counts.crossFold = 12
    let text = String(decoding: try JSONEncoder().encode(counts), as: UTF8.self)
    #expect(text.contains("\"cross_fold\":12"))
  }
}
