import EmoSupport
import Foundation
import TestSupport
import Testing

@testable import EmoCorpus
@testable import Folds

/// Folds taken from another toolkit's split: written and read with their leaks, which check-folds
/// still reports; every other rule still holds.
@Suite struct ExternalFoldsCheckTests {
  /// One fold where the test part is every 4th segment (so speakers are shared with training) and
  /// validation the 2nd of every 4 — a random split as toolkits make them.
  static func leakyPlan(_ entries: [ManifestEntry], strategy: FoldStrategy) -> FoldPlan {
    let ids = entries.map(\.id).sorted()
    var parts: [Split: [String]] = [.train: [], .val: [], .test: []]
    for (i, id) in ids.enumerated() { parts[i % 4 == 0 ? .test : i % 4 == 1 ? .val : .train]!.append(id) }
    let speaker = Dictionary(uniqueKeysWithValues: entries.map { ($0.id, $0.speaker) })
    func speakers(_ part: Split) -> [String] { Set(parts[part]!.map { speaker[$0]! }).sorted() }
    return FoldPlan(
      folds: [
        Fold(
          index: 1, train: parts[.train]!, val: parts[.val]!, test: parts[.test]!, trainSpeakers: speakers(.train),
          valSpeakers: speakers(.val), testSpeakers: speakers(.test))
      ], strategy: strategy, seed: 1)
  }

  static let source = ExternalSplitSource(format: .speechbrain, path: "/splits/sb")

  @Test func externalLeaksAreInstalledReturnedAndStillFindings() throws {
    let dir = try TemporaryDirectory("external-folds")
    defer { dir.remove() }
    let entries = RandomCorpus.calls(seed: 5, callers: 20, agents: 0).entries()
    let plan = Self.leakyPlan(entries, strategy: .external(source: Self.source, carvedValidation: false))
    let (summary, leaks) = try ManifestWriter.writeReportingLeaks(plan: plan, entries: entries, to: dir.path)
    #expect(summary.folds == 1)
    #expect(!leaks.isEmpty)
    #expect(leaks.allSatisfy { $0.hasPrefix("fold 1: speaker ") || $0.hasPrefix("fold 1: dialog ") })
    #expect(leaks.allSatisfy { !$0.contains(".folds.tmp") })
    // check-folds DIR reports exactly those leaks (coverage is the split's own business).
    #expect(try FoldCheck.check(prepDir: dir.path) == leaks)
    let (folds, loaded, returned) = try FoldCheck.loadChecked(prepDir: dir.path)
    #expect(returned == leaks)
    #expect(loaded.strategy == plan.strategy)
    #expect(Set(folds[0][.test].map(\.entry.id)) == Set(plan.folds[0].test))
    #expect(SplitLeakage.audit(folds).leak)
  }

  @Test func plannedFoldsWithTheSameLeaksAreRefused() throws {
    let dir = try TemporaryDirectory("external-folds")
    defer { dir.remove() }
    let entries = RandomCorpus.calls(seed: 5, callers: 20, agents: 0).entries()
    let plan = Self.leakyPlan(entries, strategy: .stratifiedGroups(k: 3))
    #expect(throws: FoldCheckFailure.self) { try ManifestWriter.write(plan: plan, entries: entries, to: dir.path) }
    #expect(!FileManager.default.fileExists(atPath: dir.path + "/folds"))
  }

  @Test func anExternalFoldSetWithABrokenManifestIsStillRefusedOnLoad() throws {
    let dir = try TemporaryDirectory("external-folds")
    defer { dir.remove() }
    let entries = RandomCorpus.calls(seed: 5, callers: 20, agents: 0).entries()
    let plan = Self.leakyPlan(entries, strategy: .external(source: Self.source, carvedValidation: true))
    _ = try ManifestWriter.writeReportingLeaks(plan: plan, entries: entries, to: dir.path)
    let test = dir.path + "/folds/fold-1/test.jsonl"
    var lines = try String(contentsOfFile: test, encoding: .utf8).split(separator: "\n").map(String.init)
    lines.removeLast()
    try (lines.joined(separator: "\n") + "\n").write(toFile: test, atomically: true, encoding: .utf8)
    #expect {
      _ = try FoldCheck.loadChecked(prepDir: dir.path)
    } throws: {
      "\($0)".hasPrefix("\(dir.path)/folds/summary.json: fold 1 test: summary.json says")
    }
  }
}
