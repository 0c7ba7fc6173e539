import Foundation
import TestSupport
import Testing

/// `prep --config FILE` with flags: the flags override the file and are recorded.
@Suite struct PrepConfigOverrideTests {
  @Test func flagsGivenWithAConfigOverrideItAndAreRecorded() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let corpus = tmp.path + "/c"
    var r = try CLIRunner.run([
      "synth", "--layout", "cemo", "--out", corpus, "--speakers", "12", "--dialogs", "10", "--no-audio", "--quiet",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    r = try CLIRunner.run([
      "prep", "cemo", corpus, "--task", "cemo-4", "--roles", "caller", "--folds", "3", "--out", tmp.path + "/a",
      "--quiet",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    r = try CLIRunner.run([
      "prep", "--config", tmp.path + "/a/config.resolved.yaml", "--folds", "4", "--seed", "9", "--rate", "16000",
      "--out", tmp.path + "/b", "--quiet",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let resolved = try String(contentsOfFile: tmp.path + "/b/config.resolved.yaml", encoding: .utf8)
    for line in ["folds: 4", "seed: 9", "rate: 16000", "out: \(tmp.path)/b"] {
      #expect(resolved.contains("\n\(line)\n") || resolved.contains("  \(line)\n"), "\(line)")
    }
    #expect(FileManager.default.fileExists(atPath: tmp.path + "/b/folds/fold-4/test.jsonl"))
    #expect(!FileManager.default.fileExists(atPath: tmp.path + "/b/folds/fold-5"))
    // The first run's file is untouched: the override is this run's.
    let first = try String(contentsOfFile: tmp.path + "/a/config.resolved.yaml", encoding: .utf8)
    #expect(first.contains("\nfolds: 3\n") && first.contains("\nseed: 1\n"))
  }

  @Test func aConfigFileBreakingAValueRuleFailsBeforeAnyWork() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let corpus = tmp.path + "/c"
    _ = try CLIRunner.run([
      "synth", "--layout", "cemo", "--out", corpus, "--speakers", "8", "--dialogs", "6", "--no-audio", "--quiet",
    ])
    var r = try CLIRunner.run([
      "prep", "cemo", corpus, "--task", "cemo-4", "--roles", "caller", "--folds", "0", "--out", tmp.path + "/a",
      "--quiet",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let file = tmp.path + "/edited.yaml"
    let text = try String(contentsOfFile: tmp.path + "/a/config.resolved.yaml", encoding: .utf8)
      .replacingOccurrences(of: "\nfolds: 0\n", with: "\nfolds: 1\n")
      .replacingOccurrences(of: "out: \(tmp.path)/a", with: "out: \(tmp.path)/b")
    try text.write(toFile: file, atomically: true, encoding: .utf8)
    r = try CLIRunner.run(["prep", "--config", file])
    #expect(r.status == 1)
    #expect(r.stderr == "emocorpus: \(file): invalid config: --folds must be 0 or at least 2 (got 1)\n")
    #expect(!FileManager.default.fileExists(atPath: tmp.path + "/b"))
    // On the command line the same rule is a usage error.
    r = try CLIRunner.run(["prep", "--config", tmp.path + "/a/config.resolved.yaml", "--folds", "1"])
    #expect(r.status == 2)
    #expect(r.stderr.contains("--folds must be 0 or at least 2 (got 1)"))
    // A libsamplerate quality given over a config that resamples with soxr would be ignored: refused.
    #expect(
      try String(contentsOfFile: tmp.path + "/a/config.resolved.yaml", encoding: .utf8).contains("resampler: soxr"))
    r = try CLIRunner.run([
      "prep", "--config", tmp.path + "/a/config.resolved.yaml", "--resample-quality", "medium", "--out",
      tmp.path + "/c",
    ])
    #expect(r.status == 2)
    #expect(r.stderr.contains("--resample-quality picks libsamplerate's converter: add --resampler libsamplerate"))
    r = try CLIRunner.run([
      "prep", "--config", tmp.path + "/a/config.resolved.yaml", "--resampler", "libsamplerate", "--resample-quality",
      "medium", "--out", tmp.path + "/d", "--quiet",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      try String(contentsOfFile: tmp.path + "/d/config.resolved.yaml", encoding: .utf8).contains(
        "resample_quality: medium"))
  }

  @Test func twoFoldsOfAGroupCorpusFailBeforeFeatures() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let corpus = tmp.path + "/c"
    _ = try CLIRunner.run([
      "synth", "--layout", "cemo", "--out", corpus, "--speakers", "6", "--dialogs", "5", "--quiet",
    ])
    let r = try CLIRunner.run(["prep", "cemo", corpus, "--task", "cemo-4", "--folds", "2", "--out", tmp.path + "/p"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("expected --folds 3 or more"), "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: tmp.path + "/p/features"))
  }
}
