import EmoCorpus
import EmoSupport
import Folds
import Foundation
import TestSupport
import Testing

@testable import Pipeline

/// `prep msp-podcast ROOT`: the release's own Split_Set as folds by default, X and O accounted,
/// Unknown speakers counted, `--folds N` planning speaker folds instead.
@Suite struct MSPPodcastPrepTests {
  static func quiet(_: String) {}

  static func config(_ root: String, _ out: String) -> PrepConfig {
    var c = PrepConfig(source: .mspPodcast, root: root, task: "msp-podcast-8", out: out)
    c.jobs = 2
    c.labelsOnly = true
    return c
  }

  /// The ids of one part of one fold's manifests.
  static func ids(_ out: String, fold: Int, _ part: String) throws -> Set<String> {
    let text = try String(contentsOfFile: "\(out)/folds/fold-\(fold)/\(part).jsonl", encoding: .utf8)
    return Set(
      text.split(separator: "\n").map { line in
        let object = try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
        return object["id"] as! String
      })
  }

  @Test func foldKTestsTestKAndTrainsOnTrain() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let root = tmp.path + "/msp"
    try MSPPodcastFixture.write(to: root)
    let out = tmp.path + "/out"
    let summary = try PrepPipeline.run(Self.config(root, out), log: Self.quiet)
    #expect(summary.segmentsRead == 12)
    #expect(summary.droppedPerReason["no_agreement"] == 1)
    #expect(summary.droppedPerReason["other_class"] == 1)
    #expect(summary.kept == 10)
    #expect(summary.notes?["unknown_speaker_files"] == 3)
    #expect(summary.folds == 3)
    #expect(summary.foldsFrom?.source == "msp-podcast:\(root)")
    let train: Set = [
      "MSP-PODCAST_0001_0001", "MSP-PODCAST_0001_0002", "MSP-PODCAST_0001_0003", "MSP-PODCAST_0001_0004",
    ]
    let tests: [Int: Set<String>] = [
      1: ["MSP-PODCAST_0002_0004"],  // 0002_0003 is O: dropped
      2: ["MSP-PODCAST_0003_0001", "MSP-PODCAST_0003_0002"],
      3: ["MSP-PODCAST_0003_0003", "MSP-PODCAST_0003_0004"],
    ]
    for k in 1...3 {
      #expect(try Self.ids(out, fold: k, "test") == tests[k]!, "fold \(k) test")
      #expect(try Self.ids(out, fold: k, "train") == train, "fold \(k) train")
      #expect(try Self.ids(out, fold: k, "val") == ["MSP-PODCAST_0002_0002"], "fold \(k) validation")  // X dropped
    }
    // summary.json dimensions: the kept files' consensus values (X's and O's left out).
    let arousal = try #require(summary.dimensions?["arousal"])
    let kept = [4.8, 6.333333, 3.5, 5.0, 3.0, 4.0, 5.5, 6.0, 2.0, 4.0]
    let mean = kept.reduce(0, +) / 10
    let std = (kept.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 9).squareRoot()
    #expect(arousal.items == 10 && arousal.ratings == 0 && arousal.raters == 0 && arousal.outOfScale == 0)
    #expect(arousal.scale == [1, 7])
    #expect(abs(arousal.consensusMean! - mean) < 1e-12 && abs(arousal.consensusStd! - std) < 1e-12)
    try OutputSchemaTests.expectValid(file: out + "/summary.json", "summary")
    // The resolved config says where the split came from, and reproduces the run.
    let resolved = try PrepConfig.load(out + "/config.resolved.yaml")
    #expect(resolved.foldsFrom == ExternalSplitSource(format: .mspPodcast, path: root))
  }

  @Test func foldsNPlansSpeakerFoldsInstead() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let root = tmp.path + "/msp"
    // One consensus value outside 1-7: left out and counted under dimensions.
    try MSPPodcastFixture.write(
      to: root, consensus: MSPPodcastFixture.consensus.replacingOccurrences(of: "N,4.8,4.4", with: "N,8.8,4.4"))
    let out = tmp.path + "/out"
    var c = Self.config(root, out)
    c.foldsFrom = nil
    c.folds = 3
    let summary = try PrepPipeline.run(c, log: Self.quiet)
    #expect(summary.foldsFrom == nil)
    #expect(summary.folds == 3)
    // Every kept file is tested once; an Unknown file's speaker is its own, so it can land anywhere.
    var tested: [String] = []
    for k in 1...3 { tested += try Self.ids(out, fold: k, "test") }
    #expect(tested.count == 10 && Set(tested).count == 10)
    #expect(summary.dimensions?["arousal"]?.outOfScale == 1)
    #expect(summary.dimensions?["arousal"]?.items == 9)
    #expect(summary.dimensions?["valence"]?.items == 10)
  }

  @Test func aTreeWithoutASplitSaysHowToPlanFolds() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let root = tmp.path + "/msp"
    try MSPPodcastFixture.write(to: root, consensusName: nil, labelsText: MSPPodcastFixture.labelsText)
    let error = #expect(throws: LocatedError.self) {
      try PrepPipeline.run(Self.config(root, tmp.path + "/out"), log: Self.quiet)
    }
    #expect(
      error?.description
        == "\(root)/Labels: no labels_consensus.csv (or labels_concensus.csv): this release gives no Split_Set (expected the consensus table with its Split_Set column, or speaker folds planned with --folds N)"
    )
  }

  @Test func softLabelsKeepTheRatersDistribution() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let root = tmp.path + "/msp"
    // The X file's raters mostly say Angry; the O file's raters are split evenly (a tie).
    let detailed = """
      FileName,WorkerID,EmoClass_Major,EmoClass_Second,EmoAct,EmoVal,EmoDom
      MSP-PODCAST_0002_0001.wav,w1,Angry,,5,2,5
      MSP-PODCAST_0002_0001.wav,w2,Angry,Sad,6,2,5
      MSP-PODCAST_0002_0001.wav,w3,Sad,,4,3,4
      MSP-PODCAST_0002_0003.wav,w1,Happy,,4,5,4
      MSP-PODCAST_0002_0003.wav,w2,Sad,,3,3,3

      """
    try MSPPodcastFixture.write(to: root, detailed: detailed)
    var c = Self.config(root, tmp.path + "/out")
    c.softLabels = true
    let summary = try PrepPipeline.run(c, log: Self.quiet)
    #expect(summary.droppedPerReason["no_agreement"] == 0)
    #expect(summary.droppedPerReason["other_class"] == 0)
    #expect(summary.droppedPerReason["no_consensus"] == 1)
    #expect(summary.keptPerClass["anger"] == 3)
    // The catalog keeps every rating by dimension name and each file's consensus value with its origin.
    let catalog = try Catalog(opening: tmp.path + "/out/catalog.sqlite")
    #expect(try catalog.count("SELECT COUNT(*) FROM ratings") == 5 * 3)
    #expect(
      try catalog.count("SELECT COUNT(*) FROM ratings WHERE dimension = 'arousal' AND coder = 'w2' AND value = 6") == 1)
    #expect(try catalog.count("SELECT COUNT(*) FROM segment_dimensions WHERE source = 'corpus'") == 12 * 3)
    #expect(try catalog.count("SELECT COUNT(*) FROM dimension_scales WHERE min = 1 AND max = 7") == 3)
    #expect(try catalog.count("SELECT COUNT(*) FROM drops WHERE reason = 'no_consensus'") == 1)
  }

  @Test func raterMeansAreTheConsensusWithoutATableAndExclusionsAreLocated() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let root = tmp.path + "/msp"
    let detailed = """
      FileName,WorkerID,EmoClass_Major,EmoClass_Second,EmoAct,EmoVal,EmoDom
      MSP-PODCAST_0001_0001.wav,w1,Angry,,5,2,9
      MSP-PODCAST_0001_0001.wav,w2,Angry,,6,3,5

      """
    try MSPPodcastFixture.write(to: root, consensusName: nil, detailed: detailed)
    var c = Self.config(root, tmp.path + "/out")
    c.foldsFrom = nil
    c.folds = 0
    _ = try PrepPipeline.run(c, log: Self.quiet)
    let catalog = try Catalog(opening: tmp.path + "/out/catalog.sqlite")
    let rows = try catalog.rows(
      "SELECT dimension, value, source FROM segment_dimensions ORDER BY dimension")
    #expect(rows.count == 3)
    #expect(rows.map { $0[2] } == [.text("raters"), .text("raters"), .text("raters")])
    #expect(rows[0][0] == .text("arousal") && rows[0][1] == .real(5.5))
    #expect(rows[1][0] == .text("dominance") && rows[1][1] == .real(5))
    let excluded = try catalog.rows("SELECT coder, dimension, text, reason, origin_line FROM rating_exclusions")
    #expect(excluded == [[.text("w1"), .text("dominance"), .text("9"), .text("out_of_scale"), .integer(2)]])
  }
}
