import Folds
import Foundation
import TestSupport
import Testing

@testable import Pipeline

/// Labels-only work on whole-file segments (a table without start/end) whose audio is not there:
/// the run completes with their durations unknown (null in the manifests, counted in the
/// summaries), every consumer does what it says, and `--min-duration` is refused before any work.
@Suite(.serialized) struct UnknownDurationTests {
  /// 12 speakers × 4 rows of the four iemocap-4 classes, no times, audio paths that do not exist;
  /// `present`: rows whose audio is written (1.2 s WAV files).
  static func table(_ dir: String, present: Set<Int> = []) throws -> String {
    let classes = ["anger", "neutral", "happiness", "sadness"]
    var text = "path,speaker,label,gender\n"
    for s in 0..<12 {
      for k in 0..<4 {
        let n = s * 4 + k
        text += "audio/s\(s)_\(k).wav,s\(s),\(classes[(s + k) % 4]),\(s % 2 == 0 ? "female" : "male")\n"
        if present.contains(n) { try FilesPipelineTests.wav(dir + "/audio/s\(s)_\(k).wav", index: n) }
      }
    }
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let path = dir + "/corpus.csv"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  static func lines(_ prep: String) throws -> [String] {
    var result: [String] = []
    for k in 1...5 {
      for split in ["train", "val", "test"] {
        let text = try String(contentsOfFile: "\(prep)/folds/fold-\(k)/\(split).jsonl", encoding: .utf8)
        result += text.split(separator: "\n").map(String.init)
      }
    }
    return result
  }

  static func json(_ path: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
  }

  @Test func labelsOnlyOnWholeFilesWithoutAudioCompletesAndEveryConsumerBehaves() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let table = try Self.table(tmp.path + "/c")
    let prep = tmp.path + "/prep"
    let run = try CLIRunner.run([
      "prep", "table", table, "--task", "iemocap-4", "--labels-only", "--out", prep, "--quiet",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("durations unknown: 48 kept segments"))

    // Every manifest line validates against the schema; each is a whole file of unknown length.
    let validator = try JSONSchemaValidator(contentsOf: repositoryFile("schemas/fold-manifest.schema.json"))
    let lines = try Self.lines(prep)
    #expect(lines.count == 5 * 48)
    for line in lines {
      let errors = try validator.errors(json: Data(line.utf8))
      #expect(errors.isEmpty, "\(line): \(errors)")
      #expect(line.contains(#","start":0.0,"end":null,"duration":null,"windows":null"#), "\(line)")
    }
    // Lines without the three nulls together break the schema.
    let broken = lines[0].replacingOccurrences(of: #""duration":null"#, with: #""duration":1.5"#)
    #expect(!(try validator.errors(json: Data(broken.utf8))).isEmpty)

    // Summaries: kept + dropped = read; unknown durations counted; no duration figure invented.
    let summary = try Self.json(prep + "/summary.json")
    try OutputSchemaTests.expectValid(file: prep + "/summary.json", "summary")
    try OutputSchemaTests.expectValid(file: prep + "/audit.json", "audit")
    #expect(summary["kept"] as? Int == 48)
    #expect(summary["labels_only"] as? Bool == true)
    #expect((summary["notes"] as? [String: Any])?["unknown_durations"] as? Int == 48)
    let folds = try Self.json(prep + "/folds/summary.json")
    let kept = folds["kept"] as! [String: Any]
    #expect(kept["unknown_durations"] as? Int == 48)
    #expect(kept["windows"] as? Int == 0)
    let counts = try String(contentsOfFile: prep + "/folds/counts.md", encoding: .utf8)
    #expect(counts.contains("Durations unknown (whole files without their audio, labels-only): 48 segments"))
    let audit = try Self.json(prep + "/audit.json")
    let distribution = (audit["distribution"] as? [String: Any])?["all"] as? [String: Any]
    #expect(distribution?["duration_missing"] as? Int == 48)
    #expect((distribution?["duration"] as? [String: Any])?["mean"] is NSNull)
    #expect(FileManager.default.fileExists(atPath: prep + "/catalog.sqlite"))

    // check-folds passes; a null line the folds summary does not count is a finding.
    let check = try CLIRunner.run(["check-folds", prep])
    #expect(check.status == 0, "\(check.stderr)")

    // Exports: table writes empty times; kaldi and lhotse refuse on one line naming the manifest line.
    let exported = try CLIRunner.run(["export", prep, "--format", "table", "--out", tmp.path + "/table"])
    #expect(exported.status == 0, "\(exported.stderr)")
    let csv = try String(contentsOfFile: tmp.path + "/table/corpus.csv", encoding: .utf8)
    let row = csv.split(separator: "\n")[1]
    #expect(
      row.hasSuffix(",,,anger") || row.hasSuffix(",,,neutral") || row.hasSuffix(",,,happiness")
        || row.hasSuffix(",,,sadness"), "\(row)")
    // The exported table reads back: the same kept segments, again of unknown duration.
    let again = try CLIRunner.run([
      "prep", "table", tmp.path + "/table/corpus.csv", "--task", "iemocap-4", "--labels-only", "--folds", "0",
      "--out", tmp.path + "/again", "--quiet",
    ])
    #expect(again.status == 0, "\(again.stderr)")
    #expect(
      ((try Self.json(tmp.path + "/again/summary.json"))["notes"] as? [String: Any])?["unknown_durations"] as? Int == 48
    )
    for (format, needs) in [("kaldi", "its segments file needs them"), ("lhotse", "its cuts need them")] {
      let refused = try CLIRunner.run(["export", prep, "--format", format, "--out", tmp.path + "/" + format])
      #expect(refused.status != 0)
      #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
      #expect(refused.stderr.contains(prep + "/folds/fold-1/train.jsonl:1: segment "), "\(refused.stderr)")
      #expect(refused.stderr.contains("has no known duration (48 kept segments are whole files"), "\(refused.stderr)")
      #expect(refused.stderr.contains(needs), "\(refused.stderr)")
    }
    // train refuses a labels-only output, as for any other.
    let train = try CLIRunner.run(["train", prep, "--out", tmp.path + "/run"])
    #expect(train.status != 0)
    #expect(train.stderr.contains("this prep output has no features (labels-only)"), "\(train.stderr)")
  }

  @Test func checkFoldsFindsNullLinesTheFoldsSummaryDoesNotCount() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let table = try Self.table(tmp.path + "/c")
    var c = FilesPipelineTests.config(.table, table, tmp.path + "/p")
    c.labelsOnly = true
    c.folds = 5
    _ = try PrepPipeline.run(c, log: FilesPipelineTests.quiet)
    #expect(try FoldCheck.check(prepDir: tmp.path + "/p").isEmpty)
    // A prep summary saying audio was read: such lines cannot come from that run.
    let prepSummary = tmp.path + "/p/summary.json"
    let original = try String(contentsOfFile: prepSummary, encoding: .utf8)
    let withAudio = original.replacingOccurrences(of: #""labels_only" : true"#, with: #""labels_only" : false"#)
    #expect(withAudio != original)
    try withAudio.write(toFile: prepSummary, atomically: true, encoding: .utf8)
    #expect(
      try FoldCheck.check(prepDir: tmp.path + "/p") == [
        "\(prepSummary): labels_only is false, but folds/summary.json counts 48 segments of unknown duration "
          + "(expected lines of unknown length only from a labels-only prep)"
      ])
    let cli = try CLIRunner.run(["check-folds", tmp.path + "/p"])
    #expect(cli.status == 1 && cli.stderr.contains("labels_only is false"), "\(cli.stderr)")
    try original.write(toFile: prepSummary, atomically: true, encoding: .utf8)
    // A folds summary that counts no unknown durations (as one of known lengths would): findings.
    let path = tmp.path + "/p/folds/summary.json"
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let edited = text.replacingOccurrences(
      of: #"\s*"unknown_durations" : \d+,?"#, with: "", options: .regularExpression)
    #expect(edited != text)
    try edited.write(toFile: path, atomically: true, encoding: .utf8)
    let findings = try FoldCheck.check(prepDir: tmp.path + "/p")
    #expect(findings.contains { $0.contains("kept: summary.json says 0 segments of unknown duration") }, "\(findings)")
  }

  /// With no audio file there at all, prep runs labels-only by itself, whole files included.
  @Test func noReferencedAudioAtAllRunsLabelsOnlyOnWholeFiles() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let table = try Self.table(tmp.path + "/c")
    var notes: [String] = []
    var c = FilesPipelineTests.config(.table, table, tmp.path + "/p")
    c.folds = 4
    let summary = try PrepPipeline.run(c, log: { notes.append($0) })
    #expect(summary.labelsOnly)
    #expect(summary.labelsOnlyReason == "no referenced audio file exists")
    #expect(notes.contains("no referenced audio file exists: running labels-only (no features)"))
    #expect(summary.kept == 48 && summary.kept + summary.dropped == summary.segmentsRead)
    #expect(summary.notes?["unknown_durations"] == 48)
    #expect(summary.table().contains("durations unknown: 48 kept segments"))
    #expect(try FoldCheck.check(prepDir: tmp.path + "/p").isEmpty)
  }

  /// Some files there, some not: the ones there give their header's duration, exactly as when
  /// every file is there; the others are kept with theirs unknown; nothing is dropped.
  @Test func headersThatCanBeReadGiveDurationsTheOthersStayUnknown() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let table = try Self.table(tmp.path + "/c", present: Set(0..<24))
    var c = FilesPipelineTests.config(.table, table, tmp.path + "/p")
    c.labelsOnly = true
    c.folds = 5
    let summary = try PrepPipeline.run(c, log: FilesPipelineTests.quiet)
    #expect(summary.kept == 48 && summary.dropped == 0)
    #expect(summary.notes?["unknown_durations"] == 24)
    let lines = try Self.lines(tmp.path + "/p")
    let known = lines.filter { !$0.contains("null") }
    #expect(known.count == 5 * 24)
    #expect(known.allSatisfy { $0.contains(#""start":0.0,"end":1.2,"duration":1.2,"windows":1"#) })
    #expect(try FoldCheck.check(prepDir: tmp.path + "/p").isEmpty)
  }

  /// Every file there: labels-only output as it always was (no null, no new key anywhere).
  @Test func labelsOnlyWithTheAudioThereIsUnchanged() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let table = try Self.table(tmp.path + "/c", present: Set(0..<48))
    var c = FilesPipelineTests.config(.table, table, tmp.path + "/p")
    c.labelsOnly = true
    c.folds = 5
    let summary = try PrepPipeline.run(c, log: FilesPipelineTests.quiet)
    #expect(summary.kept == 48)
    #expect(summary.notes?["unknown_durations"] == nil)
    #expect(!summary.table().contains("durations unknown"))
    let line = try String(contentsOfFile: tmp.path + "/p/folds/fold-1/test.jsonl", encoding: .utf8)
      .split(separator: "\n")[0]
    let id = (try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any])["id"] as! String
    let parts = id.split(separator: "_")  // s<speaker>_<k>
    let speaker = String(parts[0])
    let k = Int(parts[1])!
    let n = Int(speaker.dropFirst())! * 4 + k
    let label = ["anger", "neutral", "happiness", "sadness"][(n / 4 + k) % 4]
    #expect(
      line
        == #"{"id":"\#(id)","speaker":"\#(speaker)","dialog":"\#(id)","gender":"\#(n / 4 % 2 == 0 ? "female" : "male")","role":"speaker","label":"\#(label)","path":"\#(tmp.path)/c/audio/\#(id).wav","start":0.0,"end":1.2,"duration":1.2,"windows":1}"#
    )
    let folds = try String(contentsOfFile: tmp.path + "/p/folds/summary.json", encoding: .utf8)
    #expect(!folds.contains("unknown_durations"))
    let counts = try String(contentsOfFile: tmp.path + "/p/folds/counts.md", encoding: .utf8)
    #expect(!counts.contains("unknown"))
  }

  /// `--min-duration` cannot apply to an unknown duration: refused right after reading, before the
  /// normalizer (which would refuse these labels) or the selection (whose neutral option this task
  /// cannot serve) is reached, and before any output is touched.
  @Test(arguments: [true, false]) func minimumDurationIsRefusedBeforeAnyWork(labelsOnly: Bool) throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let table = try Self.table(tmp.path + "/c")
    var c = PrepConfig(source: .table, root: table, task: "cemo-positive-negative", out: tmp.path + "/out")
    c.labelsOnly = labelsOnly
    c.audit = false
    c.excludeAllNeutral = true
    c.minDuration = 1.5
    #expect {
      try PrepPipeline.run(c, log: { _ in })
    } throws: { error in
      "\(error)"
        == "\(table):2: segment s0_0 has no start/end and no readable audio, so --min-duration cannot apply to it "
        + "in a labels-only run (expected start and end columns, or the audio file; or leave out --min-duration)"
    }
    #expect(!FileManager.default.fileExists(atPath: tmp.path + "/out"))

    // Without --min-duration the same run gets as far as those later refusals.
    c.minDuration = nil
    #expect {
      try PrepPipeline.run(c, log: { _ in })
    } throws: { error in
      !"\(error)".contains("--min-duration")
    }
  }

  /// With the audio there, --min-duration applies to whole files in a labels-only run as before;
  /// one file missing is enough for the refusal (it names that row).
  @Test func minimumDurationWithOneHeaderMissingIsRefusedNamingItsRow() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let table = try Self.table(tmp.path + "/c", present: Set(0..<48).subtracting([5]))
    var c = FilesPipelineTests.config(.table, table, tmp.path + "/p")
    c.labelsOnly = true
    c.minDuration = 1.0
    #expect {
      try PrepPipeline.run(c, log: FilesPipelineTests.quiet)
    } throws: { error in
      "\(error)".hasPrefix("\(table):7: segment s1_1 has no start/end and no readable audio")
    }
    try FilesPipelineTests.wav(tmp.path + "/c/audio/s1_1.wav", index: 5)
    let summary = try PrepPipeline.run(c, log: FilesPipelineTests.quiet)
    #expect(summary.kept == 48)
  }
}
