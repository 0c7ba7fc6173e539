import EmoSupport
import TestSupport
import Testing

@testable import EmoCorpus
@testable import Folds

/// Independent checks of a plan (not the library's FoldCheck): partition, disjointness, coverage.
func planViolations(_ plan: FoldPlan, _ entries: [ManifestEntry]) -> [String] {
  let byID = Dictionary(uniqueKeysWithValues: entries.map { ($0.id, $0) })
  let all = Set(byID.keys)
  var problems: [String] = []
  var tested: [String: Int] = [:]
  for fold in plan.folds {
    let parts = Split.allCases.map { Set(fold.ids($0)) }
    if parts.map(\.count).reduce(0, +) != all.count || parts.reduce(Set(), { $0.union($1) }) != all {
      problems.append("fold \(fold.index) is not a partition")
    }
    let speakers = parts.map { Set($0.map { byID[$0]!.speaker }) }
    let dialogs = parts.map { Set($0.map { byID[$0]!.dialog }) }
    for a in 0..<3 {
      if speakers[a].sorted() != fold.speakers(Split.allCases[a]) { problems.append("fold \(fold.index) speaker list") }
      for b in (a + 1)..<3 {
        if !speakers[a].isDisjoint(with: speakers[b]) { problems.append("fold \(fold.index) speakers \(a)/\(b)") }
        let sessionValTest = plan.strategy.valAndTestMayShareDialogs && a == 1 && b == 2
        if !sessionValTest && !dialogs[a].isDisjoint(with: dialogs[b]) {
          problems.append("fold \(fold.index) dialogs \(a)/\(b)")
        }
      }
    }
    if fold.test.isEmpty || fold.val.isEmpty || fold.train.isEmpty { problems.append("fold \(fold.index) empty split") }
    for id in fold.test { tested[id, default: 0] += 1 }
  }
  if plan.strategy.testsEverySegment && (tested.count != all.count || tested.values.contains { $0 != 1 }) {
    problems.append("not every segment in exactly one test fold")
  }
  return problems
}

@Suite struct FoldPlannerTests {
  static func entry(_ id: String, _ speaker: String, _ dialog: String, _ label: String, gender: Gender = .female)
    -> ManifestEntry
  {
    ManifestEntry(
      id: id, speaker: speaker, dialog: dialog, gender: gender, role: .caller, label: label, path: "", start: 0,
      end: 1, duration: 1, windows: 1)
  }

  /// Many seeds, sizes from a handful of callers to thousands, skews, shared dialogs and agents.
  @Test(arguments: 1...24 as ClosedRange<UInt64>)
  func generatedCorporaGiveLeakFreeFoldsCoveringEverySegmentOnce(seed: UInt64) throws {
    let sizes = [12, 40, 150, 600, 2500]
    let callers = sizes[Int(seed) % sizes.count]
    let skews: [[Double]] = [[1, 1, 1, 1], [1, 1, 8, 2], [0.3, 2, 10, 1]]
    let corpus = RandomCorpus.calls(
      seed: seed, callers: callers, agents: seed % 3 == 0 ? callers / 20 : 0, weights: skews[Int(seed) % 3],
      twoCallerRate: 0.1, agentRate: 0.3)
    let entries = corpus.entries()
    let k = 3 + Int(seed % 3)
    let groups = SpeakerGroups(entries).count
    do {
      let plan = try FoldPlanner.plan(entries, strategy: .stratifiedGroups(k: k), seed: seed)
      #expect(plan.folds.count == k)
      #expect(planViolations(plan, entries).isEmpty)
    } catch let error as FoldError {
      #expect(error == .tooFewGroups(folds: k, groups: groups))
      #expect(groups < k)
    }
  }

  @Test func twoSpeakersPerClassAreEnough() throws {
    let classes = ["Anger", "Fear", "Neutral", "Positive"]
    let entries = classes.enumerated().flatMap { c, label in
      (0..<2).flatMap { s in
        (0..<3).map { n in Self.entry("\(label)\(s)-\(n)", "\(label)\(s)", "D\(label)\(s)", label) }
      }
    }
    let plan = try FoldPlanner.plan(entries, strategy: .stratifiedGroups(k: 5), seed: 1)
    #expect(planViolations(plan, entries).isEmpty)
    // Each class has 2 speakers: they go to two different test folds.
    for label in classes {
      let folds = plan.folds.filter { fold in fold.test.contains { $0.hasPrefix(label) } }
      #expect(folds.count == 2)
    }
  }

  @Test func testFoldClassProportionsStayWithinTwoPointsOnLargeCorpora() throws {
    let corpus = RandomCorpus.calls(seed: 11, callers: 4000, weights: [1, 0.5, 6, 1.5], twoCallerRate: 0.05)
    let entries = corpus.entries()
    let plan = try FoldPlanner.plan(entries, strategy: .stratifiedGroups(k: 5), seed: 11)
    let labelOf = Dictionary(uniqueKeysWithValues: entries.map { ($0.id, $0.label) })
    func shares(_ ids: [String]) -> [String: Double] {
      var counts: [String: Double] = [:]
      for id in ids { counts[labelOf[id]!, default: 0] += 1 }
      return counts.mapValues { $0 / Double(ids.count) }
    }
    let whole = shares(entries.map(\.id))
    for fold in plan.folds {
      let part = shares(fold.test)
      for (label, share) in whole {
        // Tolerance: 2 percentage points of the class share.
        #expect(abs((part[label] ?? 0) - share) < 0.02, "fold \(fold.index) \(label)")
      }
      #expect(abs(Double(fold.test.count) / Double(entries.count) - 0.2) < 0.02)
    }
  }

  @Test func planIsDeterministicForTheSeedAndIndependentOfInputOrder() throws {
    let entries = RandomCorpus.calls(seed: 5, callers: 300).entries()
    let a = try FoldPlanner.plan(entries, strategy: .stratifiedGroups(k: 5), seed: 9)
    let b = try FoldPlanner.plan(entries.reversed(), strategy: .stratifiedGroups(k: 5), seed: 9)
    let c = try FoldPlanner.plan(entries, strategy: .stratifiedGroups(k: 5), seed: 10)
    #expect(a == b)
    #expect(a.folds.map(\.test) != c.folds.map(\.test))
  }

  @Test func tooFewSpeakerGroupsIsAClearError() {
    let entries = [
      Self.entry("a", "C1", "D1", "Anger"), Self.entry("b", "C2", "D2", "Fear"), Self.entry("c", "C3", "D3", "Anger"),
    ]
    #expect {
      try FoldPlanner.plan(entries, strategy: .stratifiedGroups(k: 5), seed: 1)
    } throws: { error in
      "\(error)"
        == "cannot make 5 speaker-independent folds from 3 speaker groups (expected at least 5 groups; try --folds 3)"
    }
    #expect(
      FoldError.tooFewGroups(folds: 5, groups: 2).description
        == "cannot make 5 speaker-independent folds from 2 speaker groups (expected at least 5 groups; "
        + "speakers who share dialogs form one group, and train, validation and test need 3)")
    #expect(throws: FoldError.tooFewFolds(2)) {
      try FoldPlanner.plan(entries, strategy: .stratifiedGroups(k: 2), seed: 1)
    }
    #expect(throws: FoldError.duplicateSegment("a")) {
      try FoldPlanner.plan(entries + [entries[0]], strategy: .stratifiedGroups(k: 3), seed: 1)
    }
  }

  @Test func speakersSharingADialogFormOneGroupAndDroppedAgentsLinkNothing() {
    let withAgent = [
      Self.entry("1", "C1", "D1", "Anger"), Self.entry("2", "A1", "D1", "Neutral"),
      Self.entry("3", "C2", "D2", "Anger"), Self.entry("4", "A1", "D2", "Neutral"),
      Self.entry("5", "C3", "D3", "Fear"), Self.entry("6", "C4", "D3", "Fear"), Self.entry("7", "C5", "D4", "Fear"),
    ]
    let groups = SpeakerGroups(withAgent)
    #expect(groups.count == 3)
    #expect(groups.groupOfEntry == [0, 0, 0, 0, 1, 1, 2])
    // `--roles caller` removed the agent's segments before planning: C1 and C2 are independent.
    #expect(SpeakerGroups(withAgent.filter { $0.speaker != "A1" }).count == 4)
  }

  static func sessionEntries() -> ([ManifestEntry], [String: Int]) {
    let corpus = RandomCorpus.sessions(seed: 3)
    return (corpus.entries(), FoldPlanner.sessions(of: corpus.speakers))
  }

  @Test func fiveSessionFoldsTestTheMaleAndValidateTheFemaleSpeaker() throws {
    let (entries, sessions) = Self.sessionEntries()
    let plan = try FoldPlanner.plan(
      entries, strategy: .sessions(validation: .female, bothWays: false), sessionOfSpeaker: sessions, seed: 1)
    #expect(plan.folds.map(\.testSpeakers) == (1...5).map { ["S\($0)M"] })
    #expect(plan.folds.map(\.valSpeakers) == (1...5).map { ["S\($0)F"] })
    #expect(plan.folds[0].trainSpeakers.count == 8)
    #expect(planViolations(plan, entries).isEmpty)
    let swapped = try FoldPlanner.plan(
      entries, strategy: .sessions(validation: .male, bothWays: false), sessionOfSpeaker: sessions, seed: 1)
    #expect(swapped.folds.map(\.testSpeakers) == (1...5).map { ["S\($0)F"] })
  }

  @Test func tenSessionFoldsTestEverySpeakerOnce() throws {
    let (entries, sessions) = Self.sessionEntries()
    let plan = try FoldPlanner.plan(
      entries, strategy: .sessions(validation: .female, bothWays: true), sessionOfSpeaker: sessions, seed: 1)
    #expect(plan.folds.count == 10)
    #expect(plan.folds.map(\.testSpeakers) == (1...5).flatMap { [["S\($0)M"], ["S\($0)F"]] })
    #expect(planViolations(plan, entries).isEmpty)
  }

  @Test func sessionFoldsRejectMissingSessionsAndGenders() {
    let (entries, sessions) = Self.sessionEntries()
    let strategy = FoldStrategy.sessions(validation: .female, bothWays: false)
    var partial = sessions
    partial["S2F"] = nil
    #expect(throws: FoldError.missingSession(speaker: "S2F")) {
      try FoldPlanner.plan(entries, strategy: strategy, sessionOfSpeaker: partial, seed: 1)
    }
    let noMale3 = entries.filter { $0.speaker != "S3M" }
    #expect {
      try FoldPlanner.plan(noMale3, strategy: strategy, sessionOfSpeaker: sessions, seed: 1)
    } throws: { error in
      "\(error)"
        == "session 3 has no male speaker for the test split (expected one female and one male speaker per session)"
    }
  }
}
