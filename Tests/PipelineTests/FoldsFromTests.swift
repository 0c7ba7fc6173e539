import EmoCorpus
import EmoSupport
import Folds
import Foundation
import Synth
import TestSupport
import Testing

@testable import Pipeline

/// `prep --folds-from`: someone else's split instead of planned folds, its test sets kept exactly,
/// its leaks reported by check-folds and never fixed.
@Suite struct FoldsFromTests {
  static func quiet(_: String) {}

  /// A synthetic IEMOCAP tree (labels only) and its turns.
  static func iemocap(_ tmp: TemporaryDirectory, audio: Bool = false, speakers: Int? = nil, dialogs: Int? = nil)
    throws -> (root: String, turns: [Segment])
  {
    let root = tmp.path + "/iemocap"
    _ = try CorpusSynthesizer.generate(
      SynthOptions(
        layout: .iemocap, outputDirectory: root, speakers: speakers, dialogs: dialogs, writeAudio: audio, jobs: 2))
    return (root, try CorpusLoading.read(.iemocap, root: root).segments)
  }

  static func config(_ root: String, _ out: String, _ source: ExternalSplitSource) -> PrepConfig {
    var c = PrepConfig(source: .iemocap, root: root, task: "iemocap-4", out: out)
    c.jobs = 2
    c.audit = false
    c.foldsFrom = source
    return c
  }

  /// EmoBox's IEMOCAP partition shape: fold K tests session K; keys `iemocap-<turn>`, speakers in
  /// the stm by dialog prefix (as EmoBox's are); one key of a turn the corpus does not have.
  static func emoBoxSplit(_ turns: [Segment], in tmp: TemporaryDirectory) throws -> (
    path: String, tests: [Int: Set<String>]
  ) {
    let sessions = Set(turns.map { Int($0.id.dropFirst(3).prefix(2))! }).sorted()
    func line(_ turn: String) -> String {
      let dialog = turn[..<turn.lastIndex(of: "_")!]
      return "{\"key\": \"iemocap-\(turn)\", \"dataset\": \"iemocap\", \"wav\": \"downloads/iemocap/Session"
        + "\(Int(turn.dropFirst(3).prefix(2))!)/sentences/wav/\(dialog)/\(turn).wav\", \"type\": \"raw\", "
        + "\"sample_rate\": 16000, \"num_frame\": 40000.0, \"task\": \"category\", \"length\": 2.5, \"emo\": \"neu\", "
        + "\"channel\": 1}"
    }
    let all = turns.map(\.id) + ["Ses09F_impro01_F000"]
    try tmp.write(
      "emobox/iemocap/data.seg.wrd.stm",
      all.map { t in
        "iemocap-\(t) 1 \(t.prefix(6)) 0 2.5 <id=iemocap-\(t),lang=en,spk=\(t.prefix(6)),emotion=neu> neu"
      }.joined(separator: "\n") + "\n")
    var tests: [Int: Set<String>] = [:]
    for (k, session) in sessions.enumerated() {
      let inSession = all.filter { Int($0.dropFirst(3).prefix(2))! == session }
      let rest = all.filter { Int($0.dropFirst(3).prefix(2))! != session }
      try tmp.write(
        "emobox/iemocap/fold_\(k + 1)/iemocap_test_fold_\(k + 1).jsonl",
        inSession.map(line).joined(separator: "\n") + "\n")
      try tmp.write(
        "emobox/iemocap/fold_\(k + 1)/iemocap_train_fold_\(k + 1).jsonl", rest.map(line).joined(separator: "\n") + "\n")
      tests[k + 1] = Set(inSession)
    }
    return (tmp.path + "/emobox/iemocap", tests)
  }

  @Test func emoBoxSessionSplitKeepsItsTestSetsAndStaysClean() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let (root, turns) = try Self.iemocap(tmp)
    let (path, tests) = try Self.emoBoxSplit(turns, in: tmp)
    let source = ExternalSplitSource(format: .emobox, path: path)
    let out = tmp.path + "/prep"
    let summary = try PrepPipeline.run(Self.config(root, out, source), log: Self.quiet)

    let report = try #require(summary.foldsFrom)
    #expect(report.unmatchedIDs == ["iemocap-Ses09F_impro01_F000"])
    #expect(report.matched == turns.count)
    #expect(report.validationCarvedFolds == Array(1...tests.count))
    #expect(report.leakingFolds.isEmpty)
    #expect(report.notInSplit == 0)
    #expect(summary.kept + summary.dropped == summary.segmentsRead)
    #expect(summary.folds == tests.count)

    let folds = FoldManifests.load(foldsDir: out + "/folds").folds
    let kept = Set(folds[0].splits.values.flatMap { $0.map(\.entry.id) })
    for fold in folds {
      #expect(Set(fold[.test].map(\.entry.id)) == tests[fold.index]!.intersection(kept))
      #expect(!fold[.val].isEmpty)
    }
    #expect(try FoldCheck.check(prepDir: out) == [])
    #expect(!SplitLeakage.audit(folds).leak)
    // The split is recorded and a rerun from the config gives the same folds.
    let resolved = try PrepConfig.load(out + "/config.resolved.yaml")
    #expect(resolved.foldsFrom == source)
    #expect(
      try String(contentsOfFile: out + "/config.resolved.yaml", encoding: .utf8).contains("folds_from: emobox:\(path)"))
    var again = resolved
    again.out = tmp.path + "/again"
    _ = try PrepPipeline.run(again, log: Self.quiet)
    #expect(
      FoldManifests.load(foldsDir: again.out + "/folds").folds.map { $0[.val].map(\.entry.id) }
        == folds.map { $0[.val].map(\.entry.id) })
    let table = summary.table()
    #expect(
      table.contains(
        "folds from emobox:\(path): \(turns.count + 1) ids, \(turns.count) matched to segments, 1 unmatched"))
    #expect(table.contains("  unmatched: iemocap-Ses09F_impro01_F000"))
  }

  /// SpeechBrain's random 80/10/10 split: prep keeps it (test set exactly, its own validation), writes
  /// the manifests, says the leak; check-folds finds the speakers the IEMOCAP rule finds in the split.
  @Test func leakySpeechBrainSplitIsKeptAndReported() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let (root, turns) = try Self.iemocap(tmp)
    let improvised = turns.map(\.id).filter { $0.contains("_impro") }.sorted()
    var parts: [String: [(id: String, emo: String)]] = ["train": [], "valid": [], "test": []]
    for (i, id) in improvised.enumerated() {
      parts[i % 10 == 0 ? "test" : i % 10 == 1 ? "valid" : "train"]!.append((id, "neu"))
    }
    for (name, items) in parts {
      try tmp.write("sb/\(name).json", ExternalSplitFixtures.speechBrainJSON(items, root: root))
    }
    let source = ExternalSplitSource(format: .speechbrain, path: tmp.path + "/sb")
    let out = tmp.path + "/prep"
    var notes: [String] = []
    let summary = try PrepPipeline.run(Self.config(root, out, source)) { notes.append($0) }
    let report = try #require(summary.foldsFrom)
    #expect(report.leakingFolds == [1])
    #expect(report.validationCarvedFolds.isEmpty)
    #expect(report.unmatchedIDs.isEmpty)
    #expect(notes.contains { $0.hasPrefix("the external split leaks:") })
    #expect(summary.table().contains("LEAK: test speakers also in training or validation in fold 1"))

    let folds = FoldManifests.load(foldsDir: out + "/folds").folds
    let kept = Set(Split.allCases.flatMap { folds[0][$0].map(\.entry.id) })
    #expect(Set(folds[0][.test].map(\.entry.id)) == Set(parts["test"]!.map(\.id)).intersection(kept))
    #expect(Set(folds[0][.val].map(\.entry.id)) == Set(parts["valid"]!.map(\.id)).intersection(kept))
    let findings = try FoldCheck.check(prepDir: out)
    #expect(findings.contains { $0.hasPrefix("fold 1: speaker ") })
    let (_, _, leaks) = try FoldCheck.loadChecked(prepDir: out)
    #expect(leaks == findings)
    // Export runs on it too, and says the leak.
    var exportNotes: [String] = []
    let exported = try ExportPipeline.run(prepDir: out, format: .table, out: tmp.path + "/table") {
      exportNotes.append($0)
    }
    #expect(exported == kept.count)
    #expect(exportNotes.contains { $0.hasPrefix("these folds come from an external split that leaks") })

    // The turn-name audit of the split itself sees the same test speakers as the corpus reader.
    let fromSplit = try SplitLeakage.audit(source, speakerRule: .iemocap).report.folds[0]
    let fromPrep = SplitLeakage.audit(folds).folds[0]
    if kept.count == improvised.count {
      #expect(fromSplit.sharedSpeakers == fromPrep.sharedSpeakers)
      #expect(fromSplit.testSegmentsAffected == fromPrep.testSegmentsAffected)
    }
    #expect(!fromPrep.sharedSpeakers.isEmpty)
  }

  @Test func segmentsTheSplitDoesNotNameAreDroppedAndCounted() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let (root, turns) = try Self.iemocap(tmp)
    // Sessions 1 and 3 train (two speaker groups: validation is carved from one), 2 tests, 4 and 5 are left out.
    let training = turns.map(\.id).filter { $0.hasPrefix("Ses01") || $0.hasPrefix("Ses03") }
    let session2 = turns.map(\.id).filter { $0.hasPrefix("Ses02") }
    var csv = "id,speaker,fold,split\n"
    for id in training { csv += "\(id),x,1,train\n" }
    for id in session2 { csv += "\(id),y,1,test\n" }
    let path = try tmp.write("split.csv", csv)
    let out = tmp.path + "/prep"
    let summary = try PrepPipeline.run(
      Self.config(root, out, ExternalSplitSource(format: .csv, path: path)), log: Self.quiet)
    let notInSplit = summary.droppedPerReason[DropReason.notInSplit.rawValue] ?? 0
    #expect(notInSplit > 0)
    #expect(summary.foldsFrom?.notInSplit == notInSplit)
    #expect(summary.kept + summary.dropped == summary.segmentsRead)
    let catalog = try Catalog(opening: out + "/catalog.sqlite")
    #expect(try catalog.count("SELECT COUNT(*) FROM drops WHERE reason = 'not_in_split'") == notInSplit)
    let folds = FoldManifests.load(foldsDir: out + "/folds").folds
    #expect(folds[0][.test].allSatisfy { $0.entry.id.hasPrefix("Ses02") })
    let trainSessions = Set(folds[0][.train].map { $0.entry.id.prefix(5) })
    let valSessions = Set(folds[0][.val].map { $0.entry.id.prefix(5) })
    #expect(trainSessions.count == 1 && valSessions.count == 1)
    #expect(trainSessions.union(valSessions) == ["Ses01", "Ses03"])
    #expect(summary.foldsFrom?.validationCarvedFolds == [1])
  }
}
