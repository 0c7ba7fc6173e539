import AudioFeatures
import EmoCorpus
import EmoSupport
import Folds
import Foundation
import Synth
import TestSupport
import Testing

@testable import Pipeline

/// Prep end to end on synthetic corpora, through the library entry point the CLI calls.
@Suite struct PrepPipelineTests {
  static func quiet(_: String) {}

  static func config(_ source: SourceKind, _ root: String, _ task: String, _ out: String) -> PrepConfig {
    var c = PrepConfig(source: source, root: root, task: task, out: out)
    c.jobs = 2
    return c
  }

  @Test func cemoPaperPresetGivesThePapersCEMO4eCsCounts() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    _ = try CorpusSynthesizer.generate(
      SynthOptions(layout: .cemo, outputDirectory: tmp.path + "/c", writeAudio: false, preset: .cemoPaper))
    var c = Self.config(.cemo, tmp.path + "/c", "cemo-4", tmp.path + "/p")
    c.roles = [.caller]
    c.excludeAllNeutral = true
    c.audit = false
    let summary = try PrepPipeline.run(c, log: Self.quiet)
    #expect(summary.speakersKept == 485)
    #expect(summary.kept == 4825)
    // The paper's Table I: CEMO-4eC_s training counts.
    #expect(summary.keptPerClass == ["Anger": 672, "Fear": 312, "Positive": 459, "Neutral": 3382])
    #expect(summary.kept + summary.dropped == summary.segmentsRead)
    #expect(summary.labelsOnly)
    #expect(try FoldCheck.check(prepDir: tmp.path + "/p").isEmpty)
  }

  @Test func iemocapPaperPresetGivesTheReleaseCounts() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    _ = try CorpusSynthesizer.generate(
      SynthOptions(layout: .iemocap, outputDirectory: tmp.path + "/i", writeAudio: false, preset: .iemocapPaper))
    var c = Self.config(.iemocap, tmp.path + "/i", "iemocap-4", tmp.path + "/p")
    c.folds = 0
    c.audit = false
    let four = try PrepPipeline.run(c, log: Self.quiet)
    #expect(four.kept == 2280)
    #expect(four.keptPerClass == ["neutral": 1099, "sadness": 608, "anger": 289, "happiness": 284])
    c.task = "iemocap-4-exc"
    c.subset = .all
    #expect(try PrepPipeline.run(c, log: Self.quiet).kept == 5531)
  }

  @Test func tableExportReadsBackWithTheSameSegmentsSpeakersAndLabels() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    _ = try CorpusSynthesizer.generate(
      SynthOptions(layout: .cemo, outputDirectory: tmp.path + "/c", speakers: 12, dialogs: 8, writeAudio: false))
    var c = Self.config(.cemo, tmp.path + "/c", "cemo-4", tmp.path + "/p")
    c.roles = [.caller]
    c.folds = 3
    c.audit = false
    _ = try PrepPipeline.run(c, log: Self.quiet)
    try ExportPipeline.run(prepDir: tmp.path + "/p", format: .table, out: tmp.path + "/t")
    var back = Self.config(.table, tmp.path + "/t/corpus.csv", "cemo-4", tmp.path + "/p2")
    back.folds = 3
    back.audit = false
    let summary = try PrepPipeline.run(back, log: Self.quiet)
    let original = FoldManifests.load(foldsDir: tmp.path + "/p/folds").folds[0]
    let again = FoldManifests.load(foldsDir: tmp.path + "/p2/folds").folds[0]
    func triples(_ f: FoldManifests) -> Set<[String]> {
      Set(Split.allCases.flatMap { f[$0] }.map { [$0.entry.id, $0.entry.speaker, $0.entry.label, $0.entry.dialog] })
    }
    #expect(triples(original) == triples(again))
    #expect(summary.dropped == 0)
  }

  @Test func invalidInputLeavesThePreviousRunsOutputsInPlace() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    _ = try CorpusSynthesizer.generate(
      SynthOptions(layout: .cemo, outputDirectory: tmp.path + "/c", speakers: 8, dialogs: 6, writeAudio: false))
    var c = Self.config(.cemo, tmp.path + "/c", "cemo-4", tmp.path + "/p")
    c.roles = [.caller]
    c.folds = 3
    _ = try PrepPipeline.run(c, log: Self.quiet)
    let summary = try Data(contentsOf: URL(fileURLWithPath: tmp.path + "/p/summary.json"))
    c.task = "cemo4"
    #expect(throws: LocatedError.self) { try PrepPipeline.run(c, log: Self.quiet) }
    #expect(try Data(contentsOf: URL(fileURLWithPath: tmp.path + "/p/summary.json")) == summary)
  }

  @Test func rerunFromResolvedConfigReproducesManifestsByteForByte() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    _ = try CorpusSynthesizer.generate(
      SynthOptions(layout: .cemo, outputDirectory: tmp.path + "/c", speakers: 10, dialogs: 8, writeAudio: false))
    var c = Self.config(.cemo, tmp.path + "/c", "cemo-4", tmp.path + "/p")
    c.neutralTarget = .ratio(1.5)
    c.roles = [.caller]
    c.folds = 3
    _ = try PrepPipeline.run(c, log: Self.quiet)
    func snapshot() throws -> [String: Data] {
      var files: [String: Data] = [:]
      let root = tmp.path + "/p"
      for name in ["summary.json", "config.resolved.yaml", "folds/summary.json", "folds/counts.md"]
        + (1...3).flatMap({ k in ["train", "val", "test"].map { "folds/fold-\(k)/\($0).jsonl" } })
      {
        files[name] = try Data(contentsOf: URL(fileURLWithPath: root + "/" + name))
      }
      return files
    }
    let first = try snapshot()
    let resolved = try PrepConfig.load(tmp.path + "/p/config.resolved.yaml")
    #expect(resolved.neutralTarget == .ratio(1.5))
    #expect(!resolved.inputs.isEmpty)
    _ = try PrepPipeline.run(resolved, log: Self.quiet)
    #expect(try snapshot() == first)
  }

  @Test func missingAudioDropsItsSegmentsAndIsFatalWithStrict() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let report = try CorpusSynthesizer.generate(
      SynthOptions(layout: .table, outputDirectory: tmp.path + "/t", speakers: 6, dialogs: 6, jobs: 2))
    let wavs = try FileManager.default.contentsOfDirectory(atPath: tmp.path + "/t/wav").sorted()
    try FileManager.default.removeItem(atPath: tmp.path + "/t/wav/" + wavs[0])
    var c = Self.config(.table, tmp.path + "/t/corpus.csv", "iemocap-4", tmp.path + "/p")
    c.folds = 0
    c.audit = false
    let summary = try PrepPipeline.run(c, log: Self.quiet)
    #expect(summary.droppedPerReason["missing_audio"]! > 0)
    #expect(summary.kept + summary.dropped == report.segments)
    #expect(!summary.labelsOnly)
    c.strict = true
    #expect(throws: PipelineError.self) { try PrepPipeline.run(c, log: Self.quiet) }
  }

  @Test func neutralOptionsNeedATaskWithANeutralClass() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    _ = try CorpusSynthesizer.generate(
      SynthOptions(layout: .cemo, outputDirectory: tmp.path + "/c", speakers: 6, dialogs: 5, writeAudio: false))
    var c = Self.config(.cemo, tmp.path + "/c", "cemo-positive-negative", tmp.path + "/p")
    c.neutralTarget = .count(100)
    #expect {
      try PrepPipeline.run(c, log: Self.quiet)
    } throws: { error in
      String(describing: error)
        == "invalid --neutral-target with task cemo-positive-negative, which has no Neutral class "
        + "(expected a task with a neutral class, such as cemo-4)"
    }
    // The audit holds --exclude-all-neutral to the same rule instead of ignoring it.
    var request = c.corpus
    request.neutralTarget = nil
    request.excludeAllNeutral = true
    #expect {
      try AuditPipeline.run(request, task: "cemo-positive-negative", out: tmp.path + "/a", log: Self.quiet)
    } throws: { error in
      String(describing: error).hasPrefix(
        "invalid --exclude-all-neutral with task cemo-positive-negative, which has no Neutral class")
    }
    #expect(!FileManager.default.fileExists(atPath: tmp.path + "/a/audit.json"))
  }

  @Test func shardedFeaturesMergeIntoTheSingleRunsCacheAndMergeIsIdempotent() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    _ = try CorpusSynthesizer.generate(
      SynthOptions(layout: .cemo, outputDirectory: tmp.path + "/c", speakers: 24, dialogs: 18, jobs: 2))
    func config(_ out: String) -> PrepConfig {
      var c = Self.config(.cemo, tmp.path + "/c", "cemo-4", tmp.path + "/" + out)
      c.folds = 3
      c.audit = false
      return c
    }
    _ = try PrepPipeline.run(config("single"), log: Self.quiet)
    for k in 1...3 {
      var part = config("sharded")
      part.shard = FeatureShard(index: k, count: 3)
      _ = try PrepPipeline.run(part, log: Self.quiet)
    }
    #expect(!FileManager.default.fileExists(atPath: tmp.path + "/sharded/summary.json"))
    var merge = config("sharded")
    merge.mergeShards = true
    _ = try PrepPipeline.run(merge, log: Self.quiet)
    _ = try PrepPipeline.run(merge, log: Self.quiet)  // again: nothing left to merge, same result
    for file in ["features/index.json", "folds/fold-1/train.jsonl", "summary.json"] {
      let a = try Data(contentsOf: URL(fileURLWithPath: tmp.path + "/single/" + file))
      let b = try Data(contentsOf: URL(fileURLWithPath: tmp.path + "/sharded/" + file))
      #expect(a == b, "\(file) differs")
    }
    let resolved = try PrepConfig.load(tmp.path + "/sharded/config.resolved.yaml")
    #expect(!resolved.mergeShards && resolved.shard == nil)
  }
}
