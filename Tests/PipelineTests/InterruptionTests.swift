import EmoSupport
import Foundation
import TestSupport
import Testing

/// Killed (as by `kill -9`, at an injected fault point) in the middle of the feature step, then the same command again: the rerun reuses the
/// finished shards and the cache is byte-identical to an uninterrupted run's (issue 6); the killed
/// run leaves nothing a later run would trust.
@Suite(.serialized) struct InterruptionTests {
  static func files(_ dir: String) throws -> [String: Data] {
    var result: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
    where name.hasPrefix("shard-") || name == "index.json" {
      result[name] = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))
    }
    return result
  }

  @Test func killedPrepResumesToTheSameFeatureCache() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let corpus = tmp.path + "/c"
    let synth = try CLIRunner.run([
      "synth", "--layout", "cemo", "--out", corpus, "--speakers", "120", "--dialogs", "90", "--quiet",
    ])
    #expect(synth.status == 0, "\(synth.stderr)")
    func args(_ out: String) -> [String] {
      ["prep", "cemo", corpus, "--task", "cemo-4", "--folds", "0", "--out", out, "--quiet", "--jobs", "2"]
    }
    let reference = try CLIRunner.run(args(tmp.path + "/a"))
    #expect(reference.status == 0, "\(reference.stderr)")

    // The same run, killed (SIGKILL) by the fault point right after its first shard is committed.
    let out = tmp.path + "/b"
    let killed = try CLIRunner.run(
      args(out), environment: [FaultPoint.environmentKey: "features.shard-committed"])
    #expect(killed.killedBySignal && killed.status == SIGKILL, "the run was not stopped at the fault point")
    let fm = FileManager.default
    #expect(!fm.fileExists(atPath: out + "/summary.json"))
    #expect(!fm.fileExists(atPath: out + "/catalog.sqlite"))
    #expect(!fm.fileExists(atPath: out + "/features/index.json"))
    let survivors = try Self.files(out + "/features")

    let rerun = try CLIRunner.run(args(out))
    #expect(rerun.status == 0, "\(rerun.stderr)")
    let expected = try Self.files(tmp.path + "/a/features")
    let resumed = try Self.files(out + "/features")
    #expect(resumed.keys.sorted() == expected.keys.sorted())
    #expect(resumed == expected)
    // Finished shards of the killed run were kept and reused as they were.
    for (name, bytes) in survivors { #expect(expected[name] == bytes, "\(name) differs") }
    // The finished run's outputs equal the uninterrupted run's (paths aside: both name their folder).
    let summaryA = try String(contentsOfFile: tmp.path + "/a/summary.json", encoding: .utf8)
    let summaryB = try String(contentsOfFile: out + "/summary.json", encoding: .utf8)
    #expect(summaryA == summaryB)
  }
}

/// Killed (at an injected fault point) during training, then `train --resume`: the same final weights as an uninterrupted
/// run with the same seed and thread count (issue 7).
@Suite(.serialized) struct TrainingInterruptionTests {
  @Test func killedTrainingResumesToTheSameWeights() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let corpus = tmp.path + "/c"
    let prep = tmp.path + "/p"
    for args in [
      ["synth", "--layout", "cemo", "--out", corpus, "--speakers", "16", "--dialogs", "12", "--quiet"],
      ["prep", "cemo", corpus, "--task", "cemo-4", "--roles", "caller", "--folds", "3", "--out", prep, "--quiet"],
    ] {
      let r = try CLIRunner.run(args)
      #expect(r.status == 0, "\(r.stderr)")
    }
    func train(_ run: String, resume: Bool = false) -> [String] {
      ["train", prep, "--out", run, "--folds", "1", "--epochs", "4", "--jobs", "2", "--quiet"]
        + (resume ? ["--resume"] : [])
    }
    let reference = try CLIRunner.run(train(tmp.path + "/a"))
    #expect(reference.status == 0, "\(reference.stderr)")

    // The same training, killed (SIGKILL) by the fault point once epoch 2's checkpoint is written.
    let run = tmp.path + "/b"
    let killed = try CLIRunner.run(train(run), environment: [FaultPoint.environmentKey: "train.checkpoint-written@2"])
    #expect(killed.killedBySignal && killed.status == SIGKILL, "training was not stopped at the fault point")
    #expect(FileManager.default.fileExists(atPath: run + "/fold-1/checkpoint.bin"))
    #expect(!FileManager.default.fileExists(atPath: run + "/fold-1/weights.bin"))

    let resumed = try CLIRunner.run(train(run, resume: true))
    #expect(resumed.status == 0, "\(resumed.stderr)")
    let a = try Data(contentsOf: URL(fileURLWithPath: tmp.path + "/a/fold-1/weights.bin"))
    let b = try Data(contentsOf: URL(fileURLWithPath: run + "/fold-1/weights.bin"))
    #expect(a == b)
  }
}
