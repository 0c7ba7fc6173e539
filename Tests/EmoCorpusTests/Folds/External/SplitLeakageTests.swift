import EmoSupport
import Foundation
import Testing

@testable import EmoCorpus
@testable import Folds

@Suite struct SplitLeakageTests {
  static func items(_ pairs: [(String, String?)]) -> [LeakageItem] {
    pairs.map { LeakageItem(speaker: $0.0, label: $0.1) }
  }

  /// Fold 1 (hand-worked): train a×2, b; val c, d; test a, c, e×2 → test speakers {a, c, e};
  /// a in train, c in val → shared [a, c], test segments of a and c: 2; val speaker in train: none.
  /// Fold 2: train a, b; val b; test c → clean, 1 validation speaker also in training.
  static let report = SplitLeakage.audit([
    (
      1,
      [
        .train: items([("a", "neu"), ("a", "ang"), ("b", "neu")]), .val: items([("c", "sad"), ("d", nil)]),
        .test: items([("a", "neu"), ("c", "neu"), ("e", "ang"), ("e", "ang")]),
      ]
    ),
    (2, [.train: items([("a", "neu"), ("b", "neu")]), .val: items([("b", "neu")]), .test: items([("c", "sad")])]),
  ])

  @Test func handWorkedFolds() {
    let one = Self.report.folds[0]
    #expect(one.testSpeakers == 3)
    #expect(one.sharedWithTrain == 1)
    #expect(one.sharedWithVal == 1)
    #expect(one.sharedSpeakers == ["a", "c"])
    #expect(one.testSegmentsAffected == 2)
    #expect(one.classes == ["train": ["neu": 2, "ang": 1], "val": ["sad": 1], "test": ["neu": 2, "ang": 2]])
    #expect(one.valSpeakersInTrain == 0)
    let two = Self.report.folds[1]
    #expect(!two.leaks)
    #expect(two.valSpeakersInTrain == 1)
    #expect(Self.report.leak)
  }

  @Test func jsonHasExactlyTheDocumentedKeys() throws {
    let data = try JSONEncoder.stable.encode(Self.report)
    let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
    #expect(Set(object.keys) == ["leak", "folds"])
    let fold = (object["folds"] as! [[String: Any]])[0]
    #expect(
      Set(fold.keys) == [
        "fold", "test_speakers", "shared_with_train", "shared_with_val", "shared_speakers", "test_segments_affected",
        "classes",
      ])
    #expect(fold["shared_speakers"] as? [String] == ["a", "c"])
    #expect((fold["classes"] as? [String: [String: Int]])?["test"] == ["neu": 2, "ang": 2])
  }

  @Test func textHasOneBlockPerFoldAndAVerdict() {
    let text = Self.report.text(title: "split.csv: CSV split")
    #expect(
      text == """
        split.csv: CSV split
        fold 1: 3 test speakers, 4 test segments
          test speakers also in train: 1, in val: 1 (a, c)
          test segments of those speakers: 2 of 4
          train 3 segments: ang 1, neu 2
          val   2 segments: sad 1
          test  4 segments: ang 2, neu 2
          LEAK: 2 of 3 test speakers were heard in training or validation
        fold 2: 1 test speaker, 1 test segment
          test speakers also in train: 0, in val: 0
          train 2 segments: neu 2
          val   1 segment: neu 1
          test  1 segment: sad 1
          note: 1 validation speaker also in training
          clean: no test speaker in training or validation
        verdict: LEAK in 1 of 2 folds (fold 1): 2 of 5 test segments are by speakers also in training or validation
        """)
  }

  @Test func cleanSplitSaysSo() {
    let clean = SplitLeakage.audit([(1, [.train: Self.items([("a", nil)]), .test: Self.items([("b", nil)])])])
    #expect(!clean.leak)
    #expect(
      clean.text(title: "t").hasSuffix("verdict: clean (1 fold, no test speaker in its fold's training or validation)"))
    #expect(clean.text(title: "t").contains("train 1 segment: no labels given"))
  }

  @Test func longSpeakerListsAreShortened() {
    let speakers = (1...12).map { "s\($0)" }
    let report = SplitLeakage.audit([
      (1, [.train: Self.items(speakers.map { ($0, nil) }), .test: Self.items(speakers.map { ($0, nil) })])
    ])
    #expect(report.folds[0].sharedSpeakers.count == 12)
    #expect(report.text(title: "t", listed: 3).contains("(s1, s10, s11 (+9 more))"))
  }
}
