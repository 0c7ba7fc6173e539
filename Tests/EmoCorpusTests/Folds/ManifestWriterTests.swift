import EmoSupport
import Foundation
import TestSupport
import Testing

@testable import EmoCorpus
@testable import Folds

@Suite struct ManifestWriterTests {
  static func read(_ path: String) -> String {
    String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
  }

  static func tree(_ dir: String) -> [String: String] {
    let files = FileManager.default.enumerator(atPath: dir)!.compactMap { $0 as? String }.filter { $0.contains(".") }
    return Dictionary(uniqueKeysWithValues: files.map { ($0, read(dir + "/" + $0)) })
  }

  static func written(seed: UInt64 = 4, callers: Int = 120) throws -> (TemporaryDirectory, [ManifestEntry]) {
    let dir = try TemporaryDirectory("folds")
    let entries = RandomCorpus.calls(seed: seed, callers: callers, agents: 4, agentRate: 0.2).entries()
    let plan = try FoldPlanner.plan(entries, strategy: .stratifiedGroups(k: 5), seed: seed)
    try ManifestWriter.write(
      plan: plan, entries: entries, classes: ["Anger", "Fear", "Positive", "Neutral"], to: dir.path)
    return (dir, entries)
  }

  @Test func writtenFoldsPassTheCheckAndHoldEveryKeptSegment() throws {
    let (dir, entries) = try Self.written()
    defer { dir.remove() }
    #expect(try FoldCheck.check(prepDir: dir.path) == [])
    let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
    #expect(names == ["folds"])  // no temporary folder left behind
    let tree = Self.tree(dir.path + "/folds")
    #expect(tree.keys.sorted().first == "counts.md")
    #expect(tree.count == 5 * 3 + 2)
    let test = (1...5).flatMap { tree["fold-\($0)/test.jsonl"]!.split(separator: "\n") }
    #expect(test.count == entries.count)
    let summary = try JSONDecoder().decode(FoldSummary.self, from: Data(tree["summary.json"]!.utf8))
    #expect(summary.kept.segments == entries.count)
    #expect(summary.classes == ["Anger", "Fear", "Positive", "Neutral"])
    #expect(summary.kept.windows == entries.compactMap(\.windows).reduce(0, +))
    let train = summary.perFold[0].train
    #expect(summary.perFold[0].oversampling.segmentsPerClass == train.classes.values.map(\.segments).max())
    #expect(tree["counts.md"]!.contains("| Neutral | \(summary.kept.classes["Neutral"]!.segments) / "))
  }

  @Test func sameInputAndSeedGiveByteIdenticalTrees() throws {
    let (a, _) = try Self.written(seed: 8)
    let (b, _) = try Self.written(seed: 8)
    let (c, _) = try Self.written(seed: 9)
    defer { [a, b, c].forEach { $0.remove() } }
    #expect(Self.tree(a.path) == Self.tree(b.path))
    #expect(Self.tree(a.path) != Self.tree(c.path))
  }

  @Test func rewritingReplacesTheFoldsWholesale() throws {
    let (dir, _) = try Self.written(seed: 2, callers: 200)
    defer { dir.remove() }
    let entries = RandomCorpus.calls(seed: 3, callers: 30).entries()
    let plan = try FoldPlanner.plan(entries, strategy: .stratifiedGroups(k: 3), seed: 3)
    // A killed run's half-written tree is cleared, never mistaken for folds.
    try dir.write(".folds.tmp-1-2/fold-1/train.jsonl", "{")
    try ManifestWriter.write(plan: plan, entries: entries, to: dir.path)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["folds"])
    #expect(!FileManager.default.fileExists(atPath: dir.path + "/folds/fold-4"))
    #expect(try FoldCheck.check(prepDir: dir.path) == [])
  }

  @Test func linesFollowTheSpecFieldOrderSortedById() throws {
    let entry = ManifestEntry(
      id: "D1-\"q\"", speaker: "C1", dialog: "D1", gender: .male, role: .caller, label: "Colère", path: "/a b/c.wav",
      start: 0.52, end: 2.1, duration: 1.58, windows: 1, audioHash: String(repeating: "ab", count: 32))
    #expect(
      try entry.jsonLine()
        == #"{"id":"D1-\"q\"","speaker":"C1","dialog":"D1","gender":"male","role":"caller","label":"Colère","#
        + #""path":"/a b/c.wav","start":0.52,"end":2.1,"duration":1.58,"windows":1,"audio_hash":""#
        + String(repeating: "ab", count: 32) + #""}"#)
    #expect(try ManifestEntry(jsonLine: Substring(try entry.jsonLine()), file: "f", line: 1) == entry)
    let (dir, _) = try Self.written()
    defer { dir.remove() }
    let ids = Self.read(dir.path + "/folds/fold-2/train.jsonl").split(separator: "\n").map {
      try! ManifestEntry(jsonLine: $0, file: "f", line: 1).id
    }
    #expect(ids == ids.sorted())
  }

  @Test func sessionFoldsPassTheCheckAlthoughValidationAndTestShareDialogs() throws {
    let corpus = RandomCorpus.sessions(seed: 5)
    let entries = corpus.entries()
    for bothWays in [false, true] {
      let dir = try TemporaryDirectory("folds")
      defer { dir.remove() }
      let plan = try FoldPlanner.plan(
        entries, strategy: .sessions(validation: .female, bothWays: bothWays),
        sessionOfSpeaker: FoldPlanner.sessions(of: corpus.speakers), seed: 1)
      try ManifestWriter.write(plan: plan, entries: entries, to: dir.path)
      #expect(try FoldCheck.check(prepDir: dir.path) == [])
    }
  }

  /// The writer checks each fold as it writes it, without reading the files back: a line the
  /// manifest reader refuses is found where `check-folds` would find it, with the reader's words,
  /// once per fold that lists it, and nothing is installed.
  @Test func aLineTheReaderRefusesFailsTheWriteWhereTheReaderWouldFindIt() throws {
    let dir = try TemporaryDirectory("folds")
    defer { dir.remove() }
    var entries = RandomCorpus.calls(seed: 4, callers: 40, agents: 0).entries()
    entries[5].end = entries[5].start  // end not after start: the reader refuses the line
    let bad = entries[5]
    let plan = try FoldPlanner.plan(entries, strategy: .stratifiedGroups(k: 3), seed: 4)
    var expected: [String] = []
    for fold in plan.folds {
      for split in Split.allCases {
        guard let n = fold.ids(split).sorted().firstIndex(of: bad.id) else { continue }
        let file = "\(dir.path)/folds/fold-\(fold.index)/\(split.rawValue).jsonl"
        do {
          _ = try ManifestEntry(jsonLine: Substring(try bad.jsonLine()), file: file, line: n + 1)
        } catch {
          expected.append("\(error)")
        }
      }
    }
    #expect(expected.count == 3)
    #expect(expected.allSatisfy { $0.contains("is not after start") })
    do {
      try ManifestWriter.write(plan: plan, entries: entries, to: dir.path)
      Issue.record("a refused line was written")
    } catch let failure as FoldCheckFailure {
      #expect(Array(failure.findings.prefix(3)) == expected)
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
  }

  /// The leaks the writer returns for folds it installs with them (another toolkit's split) are
  /// what `check-folds` finds reading the installed files back, for several folds.
  @Test func returnedLeaksAreTheFindingsOfTheFilesReadBack() throws {
    let dir = try TemporaryDirectory("folds")
    defer { dir.remove() }
    let entries = RandomCorpus.calls(seed: 7, callers: 60, agents: 2, agentRate: 0.2).entries()
    let planned = try FoldPlanner.plan(entries, strategy: .stratifiedGroups(k: 4), seed: 7)
    // The planned folds with one speaker moved into every fold's test part: a leaky split.
    let moved = entries[0].speaker
    let ids = Set(entries.filter { $0.speaker == moved }.map(\.id))
    let folds = planned.folds.map { fold in
      Fold(
        index: fold.index, train: fold.train.filter { !ids.contains($0) }, val: fold.val.filter { !ids.contains($0) },
        test: fold.test + ids.filter { !fold.test.contains($0) }.sorted(), trainSpeakers: fold.trainSpeakers,
        valSpeakers: fold.valSpeakers, testSpeakers: fold.testSpeakers)
    }
    let source = ExternalSplitSource(format: .csv, path: "/splits/x.csv")
    let plan = FoldPlan(folds: folds, strategy: .external(source: source, carvedValidation: false), seed: 7)
    let (_, leaks) = try ManifestWriter.writeReportingLeaks(plan: plan, entries: entries, to: dir.path)
    let reread = try FoldCheck.inspect(foldsDir: dir.path + "/folds", keepingFolds: false)
    #expect(reread.integrity == [])
    #expect(leaks == reread.leaks)
  }
}
