import EmoCorpus
import Foundation
import TestSupport
import Testing

/// `check-folds --external` and `prep --folds-from` through the real binary: exit statuses, the JSON
/// keys, the human report, and training on a leaky split as it is.
@Suite struct FoldsFromCLITests {
  @Test func leakyCSVExitsOneWithTheDocumentedJSON() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let path = try ExternalSplitFixtures.csv(in: tmp)
    let r = try CLIRunner.run(["check-folds", "--external", "csv", path, "--json"])
    #expect(r.status == 1)
    #expect(r.stderr == "emocorpus: \(path): test speakers also in training or validation in 1 of 1 folds\n")
    let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    #expect(json["leak"] as? Bool == true)
    let fold = (json["folds"] as! [[String: Any]])[0]
    #expect(fold["fold"] as? Int == 1)
    #expect(fold["test_speakers"] as? Int == 1)
    #expect(fold["shared_with_train"] as? Int == 1)
    #expect(fold["shared_with_val"] as? Int == 0)
    #expect(fold["shared_speakers"] as? [String] == ["spk0"])
    #expect(fold["test_segments_affected"] as? Int == 3)
  }

  @Test func humanReportOfEmoBoxAndCleanExitZero() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let path = try ExternalSplitFixtures.emoBox(in: tmp)
    let r = try CLIRunner.run(["check-folds", "--external", "emobox", path])
    #expect(r.status == 1)
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first == "\(path): EmoBox split, 2 folds, 6 segments, speakers from data.seg.wrd.stm")
    #expect(lines.contains("  test speakers also in train: 1, in val: 0 (male_03)"))
    #expect(lines.contains("  test segments of those speakers: 1 of 2"))
    #expect(
      lines.last
        == "verdict: LEAK in 1 of 2 folds (fold 1): 1 of 4 test segments are by speakers also in training or validation"
    )

    let sessions = try ExternalSplitFixtures.s3prl(in: tmp)
    let clean = try CLIRunner.run(["check-folds", "--external", "s3prl", sessions])
    #expect(clean.status == 0)
    #expect(clean.stdout.hasSuffix("verdict: clean (2 folds, no test speaker in its fold's training or validation)\n"))
    let byTurn = try CLIRunner.run(["check-folds", "--external", "s3prl", sessions, "--speaker-rule", "iemocap"])
    #expect(byTurn.status == 1)
    #expect(byTurn.stdout.contains("speakers from IEMOCAP turn names"))
  }

  @Test(arguments: [
    (["check-folds", "--external", "fold", "x"], "The value 'fold' is invalid for '--external <format>'"),
    // --json also reports a prep output (typed findings, content leakage); --speaker-rule only audits external splits.
    (["check-folds", "/tmp", "--speaker-rule", "iemocap"], "--speaker-rule goes with --external FORMAT"),
    (["check-folds", "/tmp", "--require", "text"], "The value 'text' is invalid for '--require"),
    (["check-folds", "--external", "csv", "x.csv", "--speaker-rule", "turns"], "The value 'turns' is invalid"),
    (
      ["prep", "iemocap", "/tmp", "--task", "iemocap-4", "--out", "/tmp/o", "--folds-from", "emobox"],
      "The value 'emobox' is invalid for '--folds-from <format:path>'"
    ),
    (
      [
        "prep", "iemocap", "/tmp", "--task", "iemocap-4", "--out", "/tmp/o", "--folds-from", "csv:x.csv", "--folds",
        "3",
      ],
      "--folds-from takes the split's own folds: give --folds-from or --folds/--iemocap-val, not both"
    ),
  ])
  func usageErrorsExitTwo(_ args: [String], _ message: String) throws {
    let r = try CLIRunner.run(args)
    #expect(r.status == 2)
    #expect(r.stderr.contains(message))
  }

  /// A split that leaks everywhere (every 5th turn tested, speakers in every part) still trains:
  /// prep installs it, train says the leak and runs, check-folds DIR fails on it.
  @Test func trainingOnALeakySplitAsItIs() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let corpus = tmp.path + "/corpus"
    let synth = try CLIRunner.run([
      "synth", "--layout", "iemocap", "--out", corpus, "--speakers", "4", "--dialogs", "6", "--quiet",
    ])
    #expect(synth.status == 0, "\(synth.stderr)")
    let wavs = FileManager.default.enumerator(atPath: corpus)!.compactMap { $0 as? String }
      .filter { $0.contains("sentences/wav/") && $0.hasSuffix(".wav") }.sorted()
    var csv = "id,speaker,fold,split,path\n"
    for (i, wav) in wavs.enumerated() {
      let turn = ((wav as NSString).lastPathComponent as NSString).deletingPathExtension
      csv += "clip\(i),\(turn.prefix(6)),1,\(i % 5 == 0 ? "test" : i % 5 == 1 ? "val" : "train"),\(wav)\n"
    }
    let split = try tmp.write("split.csv", csv)
    let prep = tmp.path + "/prep"
    let p = try CLIRunner.run([
      "prep", "iemocap", corpus, "--task", "iemocap-4", "--subset", "all", "--out", prep, "--folds-from",
      "csv:" + split,
      "--no-audit",
    ])
    #expect(p.status == 0, "\(p.stderr.suffix(400))")
    #expect(p.stdout.contains("LEAK: test speakers also in training or validation in fold 1"))
    // Ids matched by the audio file name (clipN is no segment id).
    #expect(p.stdout.contains("0 unmatched"))
    let check = try CLIRunner.run(["check-folds", prep])
    #expect(check.status == 1)
    #expect(check.stderr.contains("fold 1: speaker "))
    let train = try CLIRunner.run(["train", prep, "--out", tmp.path + "/run", "--epochs", "1"])
    #expect(train.status == 0, "\(train.stderr.suffix(400))")
    #expect(train.stderr.contains("training on an external split as it is:"))
    #expect(FileManager.default.fileExists(atPath: tmp.path + "/run/results.json"))
  }
}
