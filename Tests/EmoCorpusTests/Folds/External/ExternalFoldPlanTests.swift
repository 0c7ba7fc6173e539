import EmoSupport
import Foundation
import TestSupport
import Testing

@testable import EmoCorpus
@testable import Folds

@Suite struct ExternalFoldPlanTests {
  static func segment(_ id: String, speaker: String, dialog: String, audio: String?) -> Segment {
    Segment(
      id: id, dialog: dialog, speaker: speaker, audio: audio.map { AudioRef(path: $0) },
      origin: Origin(file: "c.csv", line: 1))
  }

  static func entry(_ id: String, speaker: String, dialog: String, label: String) -> ManifestEntry {
    ManifestEntry(
      id: id, speaker: speaker, dialog: dialog, gender: .unknown, role: .speaker, label: label, path: "", start: 0,
      end: 1, duration: 1, windows: 1)
  }

  static func split(_ folds: [[Split: [ExternalItem]]]) -> ExternalSplit {
    ExternalSplit(
      source: ExternalSplitSource(format: .csv, path: "/s.csv"),
      folds: folds.enumerated().map { ExternalFold(index: $0 + 1, splits: $1) }, speakerOrigin: "")
  }

  static func item(_ id: String, path: String? = nil, aliases: [String] = []) -> ExternalItem {
    ExternalItem(id: id, path: path, aliases: aliases, file: "/s.csv", line: 1)
  }

  @Test func itemsMatchByIdThenAliasThenUniqueAudioStem() {
    let segments = [
      Self.segment("a", speaker: "s1", dialog: "d1", audio: "/c/wav/a.wav"),
      Self.segment("seg-b", speaker: "s1", dialog: "d1", audio: "/c/wav/b.wav"),
      Self.segment("seg-c", speaker: "s2", dialog: "d2", audio: "/c/long.wav"),
      Self.segment("seg-d", speaker: "s2", dialog: "d2", audio: "/c/long.wav"),
      Self.segment("e", speaker: "s3", dialog: "d3", audio: nil),
    ]
    let split = Self.split([
      [
        .train: [
          Self.item("a"), Self.item("x-b", path: "downloads/b.flac"), Self.item("corpus-e", aliases: ["e"]),
        ],
        .test: [Self.item("long", path: "long.wav"), Self.item("nothing", path: "nowhere.wav")],
      ]
    ])
    let plan = ExternalFoldPlan(split: split, segments: segments)
    #expect(plan.segmentOfID == ["a": "a", "x-b": "seg-b", "corpus-e": "e"])
    // long.wav holds two segments: its stem names neither.
    #expect(plan.unmatchedIDs == ["long", "nothing"])
    #expect(plan.named == ["a", "seg-b", "e"])
  }

  @Test func keptSegmentsTheSplitDoesNotNameAreDroppedWithAReason() {
    let corpus = RandomCorpus.calls(seed: 3, callers: 6, agents: 1, agentRate: 0)
    let kept = corpus.labeled.filter { $0.label != nil }
    let named = Set(kept.prefix(4).map(\.segment.id))
    let split = Self.split([
      [.train: named.sorted().prefix(3).map { Self.item($0) }, .test: named.sorted().suffix(1).map { Self.item($0) }]
    ])
    let result = ExternalFoldPlan(split: split, segments: corpus.labeled.map(\.segment)).restrict(kept)
    #expect(Set(result.kept.map(\.segment.id)) == named)
    #expect(result.drops.count == kept.count - 4)
    #expect(result.drops.allSatisfy { $0.reason == .notInSplit && $0.detail == "not in CSV split" })
  }

  /// Test sets are the split's, exactly; validation is carved from training by speaker groups
  /// (speakers sharing a dialog stay together) when the split has none.
  @Test func planKeepsTheTestSetsAndCarvesValidationBySpeakerGroups() throws {
    var entries: [ManifestEntry] = []
    for s in 0..<8 {
      for n in 0..<5 {
        // Speakers 0/1, 2/3, … share a dialog: four speaker groups.
        entries.append(
          Self.entry("s\(s)-\(n)", speaker: "spk\(s)", dialog: "d\(s / 2)", label: n % 2 == 0 ? "neu" : "ang"))
      }
    }
    let testIDs = ["s0-0", "s0-1", "s7-4"]
    let trainIDs = entries.map(\.id).filter { !testIDs.contains($0) }
    let split = Self.split([[.train: trainIDs.map { Self.item($0) }, .test: testIDs.map { Self.item($0) }]])
    let external = ExternalFoldPlan(
      split: split,
      segments: entries.map { Self.segment($0.id, speaker: $0.speaker, dialog: $0.dialog, audio: nil) })
    let plan = try external.plan(entries, seed: 1)
    let fold = plan.folds[0]
    #expect(fold.test == testIDs.sorted())
    #expect(plan.strategy == .external(source: split.source, carvedValidation: true))
    #expect(Set(fold.train + fold.val) == Set(trainIDs))
    #expect(Set(fold.train).isDisjoint(with: fold.val))
    let valDialogs = Set(entries.filter { fold.val.contains($0.id) }.map(\.dialog))
    let trainDialogs = Set(entries.filter { fold.train.contains($0.id) }.map(\.dialog))
    #expect(valDialogs.count == 1)
    #expect(valDialogs.isDisjoint(with: trainDialogs))
    #expect(try external.plan(entries, seed: 1) == plan)
    // The leak of the split (s0 and s7 in train and test) is kept and reported.
    let report = external.report(plan: plan, entries: entries, notInSplit: 0)
    #expect(report.leakingFolds == [1])
    #expect(report.validationCarvedFolds == [1])
    #expect(report.matched == entries.count)
    #expect(report.unmatchedIDs.isEmpty)
  }

  @Test func aSplitWithValidationKeepsIt() throws {
    let entries = (0..<3).map { Self.entry("e\($0)", speaker: "p\($0)", dialog: "d\($0)", label: "neu") }
    let split = Self.split([[.train: [Self.item("e0")], .val: [Self.item("e1")], .test: [Self.item("e2")]]])
    let plan = try ExternalFoldPlan(
      split: split, segments: entries.map { Self.segment($0.id, speaker: $0.speaker, dialog: $0.dialog, audio: nil) }
    ).plan(entries, seed: 1)
    #expect(
      plan.folds == [
        Fold(
          index: 1, train: ["e0"], val: ["e1"], test: ["e2"], trainSpeakers: ["p0"], valSpeakers: ["p1"],
          testSpeakers: ["p2"])
      ])
    #expect(plan.strategy == .external(source: split.source, carvedValidation: false))
  }

  @Test func carvingNeedsTwoSpeakerGroupsInTraining() {
    let entries = (0..<4).map { Self.entry("e\($0)", speaker: "solo", dialog: "d", label: "neu") }
    #expect(throws: FoldError.cannotCarveValidation(fold: 3, groups: 1)) {
      try FoldPlanner.carveValidation(entries, fold: 3, seed: 1)
    }
    #expect(
      FoldError.cannotCarveValidation(fold: 3, groups: 1).description
        == "fold 3 of the external split has no validation part, and its training part has 1 speaker group to carve "
        + "one from (expected a split with a validation part, or training speakers from at least 2 separate dialogs)")
  }

  @Test func aFoldLeftWithoutTestSegmentsIsAnError() {
    let entries = [Self.entry("e0", speaker: "p0", dialog: "d0", label: "neu")]
    let split = Self.split([[.train: [Self.item("e0")], .test: [Self.item("gone")]]])
    let external = ExternalFoldPlan(
      split: split, segments: [Self.segment("e0", speaker: "p0", dialog: "d0", audio: nil)])
    #expect {
      try external.plan(entries, seed: 1)
    } throws: {
      "\($0)"
        == "/s.csv: fold 1 keeps no test segment: its 1 ids are unmatched or dropped by selection (expected a split "
        + "of this corpus's segments (ids or audio file names))"
    }
  }

  @Test func sourceParsesAndEncodesAsFormatColonPath() throws {
    let source = try #require(ExternalSplitSource(parsing: "emobox:/data/EmoBox/data/iemocap"))
    #expect(source == ExternalSplitSource(format: .emobox, path: "/data/EmoBox/data/iemocap"))
    #expect(ExternalSplitSource(parsing: "kaldi:C:/x")?.path == "C:/x")
    #expect(ExternalSplitSource(parsing: "foo:/x") == nil)
    #expect(ExternalSplitSource(parsing: "csv:") == nil)
    #expect(ExternalSplitSource(parsing: "/just/a/path") == nil)
    let data = try JSONEncoder().encode([source])
    #expect(String(decoding: data, as: UTF8.self) == #"["emobox:\/data\/EmoBox\/data\/iemocap"]"#)
    #expect(try JSONDecoder().decode([ExternalSplitSource].self, from: data) == [source])
    let strategy = FoldStrategy.external(source: source, carvedValidation: true)
    #expect(try JSONDecoder().decode(FoldStrategy.self, from: JSONEncoder().encode(strategy)) == strategy)
  }
}
