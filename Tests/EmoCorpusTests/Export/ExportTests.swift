import Foundation
import TestSupport
import Testing

@testable import EmoCorpus
@testable import EmoSupport
@testable import Folds

@Suite struct ExportTests {
  static func entry(_ id: String, _ speaker: String, _ label: String, path: String, start: Double, end: Double)
    -> ManifestEntry
  {
    ManifestEntry(
      id: id, speaker: speaker, dialog: "D1", gender: speaker.hasPrefix("F") ? .female : .male, role: .caller,
      label: label, path: path, start: start, end: end, duration: end - start, windows: 1)
  }

  static func input() -> ExportInput {
    let a = "/data/audio/D1.wav"
    let b = "/data/other/D1.wav"  // same stem, different folder: recording ids must stay unique
    let train = [
      entry("seg-10", "M2", "Anger", path: a, start: 3, end: 4.5),
      entry("seg-2", "F1", "Neutral", path: a, start: 0.5, end: 2),
      entry("F1-seg-3", "F1", "Fear", path: b, start: 1, end: 2),
    ]
    let test = [entry("seg-7", "M9", "Neutral", path: b, start: 2, end: 3.25)]
    return ExportInput(
      splits: [
        ExportSplit(fold: 1, split: "train", entries: train), ExportSplit(fold: 1, split: "test", entries: test),
      ],
      coderLabels: ["seg-10": ["c1": "HotAnger", "c2": "Annoyance"]],
      recordings: [
        a: RecordingInfo(path: a, sampleRate: 8000, numSamples: 80000, channels: 1),
        b: RecordingInfo(path: b, sampleRate: 8000, numSamples: 40000, channels: 2),
      ])
  }

  @Test func kaldiDirectoriesPassValidateDataDirRules() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    try KaldiExport.write(Self.input(), to: tmp.path)
    let train = tmp.path + "/fold-1/train"
    #expect(KaldiDirectoryCheck.check(train).isEmpty)
    #expect(KaldiDirectoryCheck.check(tmp.path + "/fold-1/test").isEmpty)
    let utt2spk = try String(contentsOfFile: train + "/utt2spk", encoding: .utf8)
    #expect(utt2spk == "F1-seg-2 F1\nF1-seg-3 F1\nM2-seg-10 M2\n")
    let segments = try String(contentsOfFile: train + "/segments", encoding: .utf8)
    #expect(segments == "F1-seg-2 D1 0.500 2.000\nF1-seg-3 D1-2 1.000 2.000\nM2-seg-10 D1 3.000 4.500\n")
    let spk2gender = try String(contentsOfFile: train + "/spk2gender", encoding: .utf8)
    #expect(spk2gender == "F1 f\nM2 m\n")
    let wav = try String(contentsOfFile: train + "/wav.scp", encoding: .utf8)
    #expect(wav == "D1 /data/audio/D1.wav\nD1-2 /data/other/D1.wav\n")
  }

  @Test func kaldiCheckCatchesUnsortedAndInconsistentFiles() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    try KaldiExport.write(Self.input(), to: tmp.path)
    let train = tmp.path + "/fold-1/train"
    try "M2-seg-10 M2\nF1-seg-2 F1\nF1-seg-3 F1\n".write(toFile: train + "/utt2spk", atomically: true, encoding: .utf8)
    let findings = KaldiDirectoryCheck.check(train)
    #expect(
      findings.contains {
        $0.hasSuffix("utt2spk:2: 'F1-seg-2' after 'M2-seg-10' (expected sorted, unique keys as LC_ALL=C sort -u)")
      })
    #expect(findings.contains { $0.contains("spk2utt: does not match utt2spk") } == false)
  }

  @Test func kaldiLeavesOutSpk2genderWhenAGenderIsUnknown() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    var input = Self.input()
    input.splits[0].entries[0].gender = .unknown
    try KaldiExport.write(input, to: tmp.path)
    #expect(!FileManager.default.fileExists(atPath: tmp.path + "/fold-1/train/spk2gender"))
    #expect(KaldiDirectoryCheck.check(tmp.path + "/fold-1/train").isEmpty)
  }

  @Test func lhotseManifestsCarryLhotseFieldNames() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    try LhotseExport.write(Self.input(), to: tmp.path)
    func objects(_ name: String) throws -> [[String: Any]] {
      try GzipWriter.read(tmp.path + "/" + name).split(separator: "\n").map {
        try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
      }
    }
    let recordings = try objects("recordings.jsonl.gz")
    #expect(recordings.count == 2)
    for r in recordings {
      #expect(Set(r.keys).isSuperset(of: ["id", "sources", "sampling_rate", "num_samples", "duration"]))
      let source = (r["sources"] as! [[String: Any]])[0]
      #expect(source["type"] as? String == "file")
    }
    let supervisions = try objects("supervisions.jsonl.gz")
    #expect(supervisions.map { $0["id"] as! String } == ["F1-seg-3", "seg-10", "seg-2", "seg-7"])
    let anger = supervisions[1]
    #expect(anger["recording_id"] as? String == "D1")
    #expect(anger["start"] as? Double == 3)
    let custom = anger["custom"] as! [String: Any]
    #expect(custom["emotion"] as? String == "Anger")
    #expect((custom["coders"] as? [String: String]) == ["c1": "HotAnger", "c2": "Annoyance"])
    let cuts = try objects("fold-1/cuts_train.jsonl.gz")
    #expect(cuts.count == 3)
    let cut = cuts.first { $0["id"] as? String == "seg-10" }!
    #expect(cut["type"] as? String == "MonoCut")
    #expect(cut["start"] as? Double == 3)
    #expect(cut["duration"] as? Double == 1.5)
    let sup = (cut["supervisions"] as! [[String: Any]])[0]
    #expect(sup["start"] as? Double == 0)  // relative to the cut
    #expect(try objects("fold-1/cuts_test.jsonl.gz").count == 1)
  }

  @Test func gzipOutputIsDeterministic() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    try GzipWriter.write("same text\n", to: tmp.path + "/a.gz")
    try GzipWriter.write("same text\n", to: tmp.path + "/b.gz")
    let a = try Data(contentsOf: URL(fileURLWithPath: tmp.path + "/a.gz"))
    let b = try Data(contentsOf: URL(fileURLWithPath: tmp.path + "/b.gz"))
    #expect(a == b)
    #expect(a.prefix(2) == Data([0x1f, 0x8b]))
  }

  @Test func lhotseExportNeedsAudioHeaders() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    var input = Self.input()
    input.recordings = [:]
    #expect(throws: Error.self) { try LhotseExport.write(input, to: tmp.path) }
  }
}
