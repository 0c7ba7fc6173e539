import EmoSupport
import TestSupport
import Testing

@testable import EmoCorpus
@testable import Folds

@Suite struct SelectionTests {
  static let origin = Origin(file: "t.xml", line: 3)

  static func item(
    _ id: String, speaker: String, label: String?, duration: Double = 2, drop: DropReason? = nil,
    extra: [String: String] = [:]
  ) -> LabeledSegment {
    LabeledSegment(
      segment: Segment(
        id: id, dialog: "D1", speaker: speaker, span: TimeSpan(start: 1, end: 1 + duration), origin: origin,
        extra: extra),
      annotations: [], consensus: label, label: drop == nil ? label : nil,
      drop: drop.map { Drop(segmentID: id, reason: $0) })
  }

  static let speakers: [String: Speaker] = [
    "C1": Speaker(id: "C1", gender: .male, role: .caller, origin: origin),
    "C2": Speaker(id: "C2", gender: .female, role: .caller, origin: origin, extra: ["session": "2"]),
    "A1": Speaker(id: "A1", gender: .female, role: .agent, origin: origin),
  ]

  static func reasons(_ result: SelectionResult) -> [String: DropReason] {
    Dictionary(uniqueKeysWithValues: result.drops.map { ($0.segmentID, $0.reason) })
  }

  @Test func filterAppliesOneReasonPerSegmentInDocumentedOrder() {
    let input = [
      Self.item("s1", speaker: "A1", label: nil, duration: 0.1, drop: .classNotInTask),  // normalization first
      Self.item("s2", speaker: "A1", label: "Anger", duration: 0.1, extra: ["subset": "scripted"]),  // role first
      Self.item("s3", speaker: "C1", label: "Anger", duration: 0.1, extra: ["subset": "scripted"]),  // subset
      Self.item("s4", speaker: "C1", label: "Anger", duration: 0.1),  // too short
      Self.item("s5", speaker: "C1", label: "Anger", duration: 0.5),  // kept: exactly the minimum
      Self.item("s6", speaker: "C2", label: "Fear", extra: ["subset": "Improvised"]),  // kept, case-insensitive
      Self.item("s7", speaker: "C1", label: "Fear", extra: ["session": "3"]),  // session of the segment
      Self.item("s8", speaker: "C2", label: nil),  // inconsistent normalizer output: accounted
    ]
    let options = SelectionOptions(roles: [.caller], subset: .improvised, sessions: [1, 2], minDuration: 0.5)
    let result = Selection.filter(input, speakers: Self.speakers, options: options)
    #expect(result.kept.map(\.segment.id) == ["s5", "s6"])
    #expect(
      Self.reasons(result) == [
        "s1": .classNotInTask, "s2": .role, "s3": .subset, "s4": .tooShort, "s7": .subset, "s8": .noConsensus,
      ])
    #expect(SelectionAccounting.check(read: input.map(\.segment.id), kept: ["s5", "s6"], drops: result.drops).isEmpty)
  }

  @Test func sessionsFallBackToTheSpeakerAndSubsetAllKeepsEverything() {
    let input = [Self.item("a", speaker: "C2", label: "Anger"), Self.item("b", speaker: "C1", label: "Anger")]
    let onlyOne = Selection.filter(
      input, speakers: Self.speakers, options: SelectionOptions(subset: .all, sessions: [1]))
    // C2 is in session 2 (speaker extra); C1 has no session and is not affected.
    #expect(onlyOne.kept.map(\.segment.id) == ["b"])
    #expect(onlyOne.drops == [Drop(segmentID: "a", reason: .subset, detail: "session 2")])
  }

  @Test func excludeAllNeutralDropsSpeakersWhoseKeptSegmentsAreAllNeutral() {
    let input = [
      Self.item("a", speaker: "C1", label: "Neutral"), Self.item("b", speaker: "C1", label: "Neutral"),
      Self.item("c", speaker: "C2", label: "Neutral"), Self.item("d", speaker: "C2", label: "Anger"),
    ]
    let result = Selection.excludeAllNeutral(input, neutralClass: "Neutral")
    #expect(result.kept.map(\.segment.id) == ["c", "d"])
    #expect(result.drops.map(\.reason) == [.allNeutralSpeaker, .allNeutralSpeaker])
    #expect(result.drops.map(\.segmentID) == ["a", "b"])
  }

  @Test func neutralClassResolvesCaseInsensitivelyUnlessGiven() {
    #expect(SelectionOptions().resolvedNeutralClass(among: ["anger", "neutral"]) == "neutral")
    #expect(SelectionOptions().resolvedNeutralClass(among: ["Anger", "Fear"]) == nil)
    #expect(SelectionOptions(neutralClass: "Calm").resolvedNeutralClass(among: ["Neutral"]) == "Calm")
  }

  @Test(arguments: [("3000", NeutralTarget.count(3000)), ("1.5", .ratio(1.5)), ("0", .count(0))])
  func neutralTargetParses(text: String, expected: NeutralTarget) {
    #expect(NeutralTarget(parsing: text) == expected)
  }

  @Test func neutralTargetRejectsNonsense() {
    #expect(NeutralTarget(parsing: "-2") == nil)
    #expect(NeutralTarget(parsing: "many") == nil)
  }

  @Test func accountingNamesEveryKindOfImbalance() {
    let findings = SelectionAccounting.check(
      read: ["a", "b", "c", "d"], kept: ["a", "x"],
      drops: [
        Drop(segmentID: "a", reason: .role), Drop(segmentID: "c", reason: .subset),
        Drop(segmentID: "c", reason: .balancing),
      ])
    #expect(
      findings == [
        "segment a is both kept and dropped (role)",
        "segment b was read but is neither kept nor dropped",
        "segment c is dropped twice (subset, balancing)",
        "segment d was read but is neither kept nor dropped",
        "segment x is kept but was never read",
      ])
  }

  /// The whole selection chain over generated corpora: kept + dropped = read, one reason each.
  @Test(arguments: 1...12 as ClosedRange<UInt64>)
  func keptPlusDroppedEqualsReadOnGeneratedCorpora(seed: UInt64) {
    let corpus = RandomCorpus.calls(seed: seed, callers: 20 + Int(seed) * 15, agents: Int(seed % 4) * 3)
    let options = SelectionOptions(
      roles: seed % 2 == 0 ? [.caller] : nil, minDuration: 0.8, excludeAllNeutral: true,
      neutralTarget: .ratio(1), seed: seed)
    let filtered = Selection.filter(corpus.labeled, speakers: corpus.speakersByID, options: options)
    let neutral = options.resolvedNeutralClass(among: ["Anger", "Neutral"])!
    let chained = filtered.then(Selection.excludeAllNeutral(filtered.kept, neutralClass: neutral))
    let result = chained.then(
      Balancer.reduceNeutral(chained.kept, neutralClass: neutral, target: options.neutralTarget!, seed: seed))
    let read = corpus.labeled.map(\.segment.id)
    #expect(SelectionAccounting.check(read: read, kept: result.kept.map(\.segment.id), drops: result.drops).isEmpty)
    #expect(result.kept.count + result.drops.count == read.count)
    #expect(result.dropCounts.values.reduce(0, +) == result.drops.count)
  }
}

@Suite struct SelectionFinishTests {
  @Test func finishExcludesAllNeutralSpeakersThenBalances() {
    let corpus = RandomCorpus.calls(seed: 21, callers: 400, weights: [1, 1, 8, 1], allNeutralRate: 0.3, droppedRate: 0)
    let kept = corpus.labeled
    let options = SelectionOptions(excludeAllNeutral: true, neutralTarget: .ratio(1), seed: 2)
    let result = Selection.finish(kept, options: options, classes: ["Anger", "Fear", "Neutral", "Positive"])
    let bySpeaker = Dictionary(grouping: result.kept, by: \.segment.speaker)
    #expect(bySpeaker.values.allSatisfy { items in items.contains { $0.label != "Neutral" } })
    let reasons = Set(result.drops.map(\.reason))
    #expect(reasons == [.allNeutralSpeaker, .balancing])
    #expect(
      SelectionAccounting.check(read: kept.map(\.segment.id), kept: result.kept.map(\.segment.id), drops: result.drops)
        .isEmpty)
    // No Neutral class in the task: nothing to exclude or balance.
    #expect(Selection.finish(kept, options: options, classes: ["Anger", "Fear"]).drops.isEmpty)
  }

  @Test func labeledSegmentBecomesAManifestEntry() throws {
    let speaker = Speaker(id: "C1", gender: .female, role: .caller, origin: Origin(file: "a.xml", line: 2))
    var segment = Segment(
      id: "D1-1", dialog: "D1", speaker: "C1", span: TimeSpan(start: 10, end: 15),
      audio: AudioRef(path: "/c/D1.wav", start: 10, end: 15), origin: Origin(file: "a.xml", line: 9))
    let labeled = LabeledSegment(segment: segment, annotations: [], consensus: "Anger", label: "Anger", drop: nil)
    let windows = ManifestEntry.windowCount(duration: 5, sampleRate: 8000)
    // 5 s at 8 kHz: 40000 samples → 498 frames of 25/10 ms → 1 + ⌈198 / 200⌉ = 2 windows.
    #expect(windows == 2)
    #expect(ManifestEntry.windowCount(duration: 0.01, sampleRate: 16000) == 1)
    let entry = try ManifestEntry(kept: labeled, speaker: speaker, windows: windows)
    #expect(entry.path == "/c/D1.wav" && entry.label == "Anger" && entry.gender == .female && entry.windows == 2)
    #expect(abs(entry.duration! - 5) < 1e-12 && abs(entry.start - 10) < 1e-12)
    segment.span = nil
    segment.audio = nil
    let noTimes = LabeledSegment(segment: segment, annotations: [], consensus: "Anger", label: "Anger", drop: nil)
    #expect {
      try ManifestEntry(kept: noTimes, speaker: speaker, windows: 1)
    } throws: { error in
      "\(error)" == "a.xml:9: segment D1-1 has no positive duration (expected start and end times or an audio span)"
    }
  }
}

@Suite struct PaperScaleSelectionTests {
  /// The paper's CEMO-4eC → CEMO-4eC_s step: 807 callers / 6931 segments → 485 / 4825.
  @Test func excludeAllNeutralAtThePaperScale() {
    let origin = Origin(file: "paper.xml")
    var items: [LabeledSegment] = []
    func add(_ caller: Int, _ n: Int, expressive: Bool) {
      for j in 0..<n {
        let label = expressive && j == n - 1 ? "Anger" : "Neutral"
        let id = "C\(caller)-\(j)"
        items.append(
          LabeledSegment(
            segment: Segment(id: id, dialog: "D\(caller)", speaker: "C\(caller)", origin: origin), annotations: [],
            consensus: label, label: label, drop: nil))
      }
    }
    // 485 callers with some non-Neutral segment (4825 segments), 322 Neutral-only callers (2106).
    for c in 0..<485 { add(c, c < 460 ? 10 : 9, expressive: true) }
    for c in 485..<807 { add(c, c - 485 < 174 ? 7 : 6, expressive: false) }
    #expect(items.count == 6931)
    var random = SeededRandom(seed: 5)
    let result = Selection.excludeAllNeutral(items.shuffled(using: &random), neutralClass: "Neutral")
    #expect(result.kept.count == 4825)
    #expect(Set(result.kept.map(\.segment.speaker)).count == 485)
    #expect(result.drops.count == 2106)
  }
}
