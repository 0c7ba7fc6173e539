import EmoCorpus
import Foundation
import TestSupport
import Testing

/// Content leakage through the real binary: duplicate and conflicting audio dropped by prep,
/// text-independent folds, and check-folds' report, JSON keys and exit statuses.
@Suite(.serialized) struct ContentLeakageCLITests {
  static func prep(_ root: String, _ out: String, _ extra: [String]) throws -> CLIRunner.Result {
    try CLIRunner.run(
      ["prep", "files", root, "--preset", "emodb", "--task", "iemocap-4", "--labels-only", "--out", out] + extra)
  }

  /// EmoDB names: speaker folds share every sentence (fails --require text-independent); folds
  /// made with --independent speaker,text share none (passes), and count what they leave unused.
  @Test func emodbSpeakerFoldsFailTextIndependenceAndTextIndependentFoldsPass() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let root = tmp.path + "/emodb"
    try FilesPipelineTests.emodbTree(root)

    let plain = tmp.path + "/plain"
    let made = try Self.prep(root, plain, ["--folds", "3"])
    #expect(made.status == 0, "\(made.stderr)")
    let ok = try CLIRunner.run(["check-folds", plain])
    #expect(ok.status == 0)
    #expect(ok.stdout.contains("say one of"))
    let required = try CLIRunner.run(["check-folds", plain, "--require", "text-independent", "--json"])
    #expect(required.status == 1)
    #expect(required.stderr.contains("shares sentences with training"))
    let json = try JSONSerialization.jsonObject(with: Data(required.stdout.utf8)) as! [String: Any]
    #expect(
      Set(json.keys) == [
        "ok", "leak", "findings", "min_words", "segments_with_sentence", "folds", "conflicting_duplicates",
        "text_independent", "require",
      ])
    #expect(json["ok"] as? Bool == false)
    #expect(json["leak"] as? Bool == false)
    #expect(json["text_independent"] as? Bool == false)
    let fold = (json["folds"] as! [[String: Any]])[0]
    let shared = fold["shared_sentences"] as! [String: Any]
    #expect(Set(shared.keys) == ["count", "test_segments", "share"])
    #expect((shared["count"] as! Int) > 0)
    #expect(Set((fold["shared_audio"] as! [String: Any]).keys) == ["count", "test_segments", "share"])

    let independent = tmp.path + "/independent"
    let madeTI = try Self.prep(root, independent, ["--folds", "3", "--independent", "speaker,text"])
    #expect(madeTI.status == 0, "\(madeTI.stderr)")
    let passes = try CLIRunner.run(["check-folds", independent, "--require", "text-independent"])
    #expect(passes.status == 0, "\(passes.stderr)")
    let summary =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: independent + "/folds/summary.json")))
      as! [String: Any]
    #expect((summary["strategy"] as! [String: Any])["kind"] as? String == "speaker_text")
    for fold in summary["per_fold"] as! [[String: Any]] {
      #expect((fold["cross_fold"] as! Int) > 0)
    }
    let counts = try String(contentsOfFile: independent + "/folds/counts.md", encoding: .utf8)
    #expect(counts.contains("cross_fold"))

    let tooMany = try Self.prep(root, tmp.path + "/x", ["--folds", "8", "--independent", "speaker,text"])
    #expect(tooMany.status == 1)
    #expect(tooMany.stderr.contains("it can make at most 6 folds"))
  }

  /// Byte-identical files: the same clip at two paths (dropped once as duplicate_audio), the same
  /// clip under two emotions (both conflicting_labels; kept with --keep-conflicts).
  @Test func duplicateAndConflictingAudioDroppedAndCounted() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let root = tmp.path + "/emodb"
    try FilesPipelineTests.emodbTree(root)
    let fm = FileManager.default
    try fm.createDirectory(atPath: root + "/old/wav", withIntermediateDirectories: true)
    try fm.copyItem(atPath: root + "/wav/03a01Wa.wav", toPath: root + "/old/wav/03a01Wa.wav")
    // 08a03Ta.wav is sadness; the same bytes named as anger.
    try fm.copyItem(atPath: root + "/wav/08a03Ta.wav", toPath: root + "/wav/08a05Wb.wav")

    let out = tmp.path + "/out"
    let r = try Self.prep(root, out, ["--folds", "3"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.contains("1 segments dropped as duplicate_audio"))
    #expect(r.stderr.contains("2 segments dropped as conflicting_labels"))
    let summary =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json")))
      as! [String: Any]
    let dropped = summary["dropped_per_reason"] as! [String: Int]
    #expect(dropped["duplicate_audio"] == 1)
    #expect(dropped["conflicting_labels"] == 2)
    let catalog = try Catalog(opening: out + "/catalog.sqlite")
    let details = try catalog.rows("SELECT segment_id, detail FROM drops WHERE reason = 'duplicate_audio'")
    #expect(details.count == 1)
    // Paths are read in sorted order: old/wav/… comes first and keeps the file-name id.
    #expect(details[0][0].string == "wav_03a01Wa")
    #expect(
      details[0][1].string
        == "\(root)/wav/03a01Wa.wav has the same audio as \(root)/old/wav/03a01Wa.wav (kept as 03a01Wa)")
    let check = try CLIRunner.run(["check-folds", out, "--json"])
    #expect(check.status == 0)
    let json = try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as! [String: Any]
    #expect(json["conflicting_duplicates"] as? [[String]] == [["08a03Ta", "08a05Wb"]])

    let kept = tmp.path + "/kept"
    let k = try Self.prep(root, kept, ["--folds", "3", "--keep-conflicts"])
    #expect(k.status == 0, "\(k.stderr)")
    let keptSummary =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: kept + "/summary.json")))
      as! [String: Any]
    #expect((keptSummary["dropped_per_reason"] as! [String: Int])["conflicting_labels"] == 0)
  }

  /// EmoBox's ids are EmoDB file names: with --preset emodb their sentence codes are compared.
  /// Hand count (ExternalSplitFixtures.emoBox): fold 1 trains on a01 (twice), tests a02 and a04 →
  /// nothing shared; fold 2 trains on a01, a02, a04 and tests a01 and b02 → 1 sentence, 1 of 2 segments.
  @Test func externalEmoBoxSentencesFromFileNames() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let path = try ExternalSplitFixtures.emoBox(in: tmp)
    let r = try CLIRunner.run(["check-folds", "--external", "emobox", path, "--preset", "emodb", "--json"])
    #expect(r.status == 1)  // fold 1 shares a speaker
    let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    let folds = json["folds"] as! [[String: Any]]
    let shared = folds.map { $0["shared_sentences"] as! [String: Any] }
    #expect(shared[0]["count"] as? Int == 0)
    #expect(shared[1]["count"] as? Int == 1)
    #expect(shared[1]["test_segments"] as? Int == 1)
    #expect(abs((shared[1]["share"] as! Double) - 0.5) < 1e-12)
    #expect(folds[0]["shared_with_train"] as? Int == 1)
    let text = try CLIRunner.run(["check-folds", "--external", "emobox", path, "--preset", "emodb"])
    #expect(text.stdout.contains("fold 2: 1 of 2 test segments (50.0 %) say one of 1 sentences also in training"))
    let usage = try CLIRunner.run(["check-folds", tmp.path, "--preset", "emodb"])
    #expect(usage.status == 2)
  }
}
