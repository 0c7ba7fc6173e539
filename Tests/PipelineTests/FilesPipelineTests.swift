import AudioFeatures
import EmoCorpus
import Folds
import Foundation
import Readers
import TestSupport
import Testing

@testable import Pipeline

/// `prep files` / `audit files` end to end on small trees of real WAV files named as the public
/// corpora name them.
@Suite(.serialized) struct FilesPipelineTests {
  /// Writes a short, distinct WAV (a tone whose pitch depends on `index`) at `path`.
  static func wav(_ path: String, index: Int, seconds: Double = 1.2) throws {
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    let rate = 16000
    let frequency = 150 + 37 * Double(index)
    let samples = (0..<Int(seconds * Double(rate))).map { t -> Float in
      Float(0.3 * sin(2 * Double.pi * frequency * Double(t) / Double(rate)))
        + Float(0.01 * sin(Double(t * (index + 3)) * 1.7))
    }
    try AudioWriter.write(samples, sampleRate: rate, to: path)
  }

  static let emodbSpeakers: [(code: String, gender: String)] = [
    ("03", "male"), ("08", "female"), ("09", "female"), ("10", "male"), ("11", "male"), ("13", "female"),
  ]
  static let emodbEmotions: [(letter: String, label: String)] = [
    ("W", "anger"), ("F", "happiness"), ("T", "sadness"), ("N", "neutral"), ("L", "boredom"),
  ]

  /// An EmoDB-like tree (`wav/03a01Wa.wav`), a hidden macOS copy and a file the pattern does not
  /// match; returns the relative paths of the corpus files in sorted order.
  @discardableResult
  static func emodbTree(_ root: String) throws -> [String] {
    var paths: [String] = []
    var index = 0
    for speaker in emodbSpeakers {
      for emotion in emodbEmotions {
        let path = "wav/\(speaker.code)a0\(index % 5 + 1)\(emotion.letter)a.wav"
        try wav(root + "/" + path, index: index)
        paths.append(path)
        index += 1
      }
    }
    try Data("not audio".utf8).write(to: URL(fileURLWithPath: root + "/wav/._03a01Wa.wav"))
    try wav(root + "/wav/test_tone.wav", index: 99)
    return paths.sorted()
  }

  /// The CSV a user would write by hand for the same tree.
  static func emodbTable(_ root: String, paths: [String]) throws {
    var lines = ["path,speaker,gender,label"]
    for path in paths {
      let name = (path as NSString).lastPathComponent
      let code = String(name.prefix(2))
      let letter = String(name.dropFirst(5).prefix(1))
      let gender = emodbSpeakers.first { $0.code == code }!.gender
      let label = emodbEmotions.first { $0.letter == letter }!.label
      lines.append("\(path),emodb-\(code),\(gender),\(label)")
    }
    try (lines.joined(separator: "\n") + "\n").write(toFile: root + "/corpus.csv", atomically: true, encoding: .utf8)
  }

  /// Every file under `dir/folds`, relative path → bytes.
  static func manifests(_ dir: String) throws -> [String: Data] {
    let folds = dir + "/folds"
    var result: [String: Data] = [:]
    let enumerator = FileManager.default.enumerator(atPath: folds)
    while let relative = enumerator?.nextObject() as? String {
      guard relative.hasSuffix(".jsonl") || relative.hasSuffix(".md") else { continue }
      result[relative] = try Data(contentsOf: URL(fileURLWithPath: folds + "/" + relative))
    }
    return result
  }

  static func json(_ path: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
  }

  static func config(_ source: SourceKind, _ root: String, _ out: String) -> PrepConfig {
    var c = PrepConfig(source: source, root: root, task: "iemocap-4", out: out)
    c.jobs = 2
    c.folds = 3
    c.audit = false
    return c
  }

  static func quiet(_: String) {}

  @Test func presetRunAndTheEquivalentHandWrittenTableGiveByteIdenticalManifests() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let root = tmp.path + "/emodb"
    let paths = try Self.emodbTree(root)
    try Self.emodbTable(root, paths: paths)

    var files = Self.config(.files, root, tmp.path + "/by-name")
    files.files = FileReaderOptions(preset: "emodb")
    var lines: [String] = []
    let byName = try PrepPipeline.run(files, log: { lines.append($0) })
    let byTable = try PrepPipeline.run(
      Self.config(.table, root + "/corpus.csv", tmp.path + "/by-table"), log: Self.quiet)

    #expect(byName.segmentsRead == 30)
    #expect(byName.kept == 24)
    #expect(byName.droppedPerReason["class_not_in_task"] == 6)
    #expect(byName.keptPerClass == byTable.keptPerClass)
    #expect(byName.featuresReady == 24)
    let a = try Self.manifests(tmp.path + "/by-name")
    let b = try Self.manifests(tmp.path + "/by-table")
    #expect(a.keys.sorted() == b.keys.sorted())
    #expect(a.count == 3 * 3 + 1)
    for (name, bytes) in a { #expect(bytes == b[name], "\(name) differs") }
    #expect(try FoldCheck.check(prepDir: tmp.path + "/by-name").isEmpty)

    // Files set aside are in the summary and in the log.
    let notes = byName.notes
    #expect(notes?.files?.unmatchedFiles == FileNotes.Files(["wav/test_tone.wav"]))
    #expect(notes?.files?.hiddenFiles.files == ["wav/._03a01Wa.wav"])
    #expect(notes?.files?.presetCounts?.found == FilePreset.Expected(files: 30, speakers: 6, labels: 5))
    #expect(notes?["unknown_gender_speakers"] == 0)
    #expect(
      lines.contains { $0.hasPrefix("1 audio file not matched by the pattern") && $0.contains("wav/test_tone.wav") })
    #expect(lines.contains { $0.contains("a complete copy has 535 files") })
    let summary = try Self.json(tmp.path + "/by-name/summary.json")
    let unmatched = (summary["notes"] as! [String: Any])["unmatched_files"] as! [String: Any]
    #expect(unmatched["count"] as? Int == 1)
    #expect(unmatched["files"] as? [String] == ["wav/test_tone.wav"])
    let tableNotes = (try Self.json(tmp.path + "/by-table/summary.json"))["notes"] as? [String: Any]
    #expect(tableNotes?["unmatched_files"] == nil)
    #expect(tableNotes?["unknown_gender_speakers"] as? Int == 0)
    // The summary reads back, counts and file lists alike.
    let decoded = try JSONDecoder().decode(
      PrepSummary.self, from: Data(contentsOf: URL(fileURLWithPath: tmp.path + "/by-name/summary.json")))
    #expect(decoded.notes == byName.notes)
  }

  /// The ASED convention written as a user would from the README reproduces the preset.
  @Test func ownPatternReproducesThePreset() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let root = tmp.path + "/ased"
    let folders = [("n", "01Neutral"), ("f", "02Fearful"), ("h", "03Happy"), ("s", "04Sad"), ("a", "05Angry")]
    var index = 0
    for speaker in 1...6 {
      for (number, (letter, folder)) in folders.enumerated() {
        let gender = speaker % 2 == 0 ? "02" : "01"
        let name = "\(letter)\(number + 1)-0\(speaker % 7 + 1)-01-\(gender)-0\(speaker).wav"
        try Self.wav(
          "\(root)/\(folder)/\(speaker == 3 && letter == "s" ? name.uppercased().replacingOccurrences(of: ".WAV", with: ".wav") : name)",
          index: index)
        index += 1
      }
    }
    var preset = Self.config(.files, root, tmp.path + "/preset")
    preset.files = FileReaderOptions(preset: "ased")
    let a = try PrepPipeline.run(preset, log: Self.quiet)
    var own = Self.config(.files, root, tmp.path + "/own")
    own.files = FileReaderOptions(
      pattern: #"(?<label>[a-z])\d-\d\d-\d\d-(?<gender>\d\d)-(?<speaker>\d\d)\.wav"#,
      labelMap: try CodeMap(parsing: "n=neutral,f=fear,h=happiness,s=sadness,a=anger", option: "--label-map"),
      genderMap: try CodeMap(parsing: "01=female,02=male", option: "--gender-map"), speakerPrefix: "ased-")
    let b = try PrepPipeline.run(own, log: Self.quiet)
    #expect(a.kept == 24)
    #expect(a.keptPerClass == b.keptPerClass)
    #expect(a.notes?.files?.caseMismatchedFiles.files == ["04Sad/S4-04-01-01-03.wav"])
    let manifestsA = try Self.manifests(tmp.path + "/preset")
    #expect(manifestsA == (try Self.manifests(tmp.path + "/own")))
    let test = String(decoding: manifestsA["fold-1/test.jsonl"]!, as: UTF8.self)
    #expect(test.contains("\"speaker\":\"ased-0"))
    #expect(test.contains("\"gender\":\"female\"") || test.contains("\"gender\":\"male\""))
  }

  /// EmoDB's genders come from a speaker list: a user's gender map can name speakers too.
  @Test func genderMapNamesSpeakersWhenThePatternCapturesNoGender() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let root = tmp.path + "/emodb"
    try Self.emodbTree(root)
    var preset = Self.config(.files, root, tmp.path + "/preset")
    preset.files = FileReaderOptions(preset: "emodb")
    preset.labelsOnly = true
    _ = try PrepPipeline.run(preset, log: Self.quiet)
    var own = preset
    own.out = tmp.path + "/own"
    own.files = FileReaderOptions(
      pattern: #"(?<speaker>\d\d)[a-z]\d\d(?<label>[A-Z])[a-z]?\.wav"#,
      labelMap: try CodeMap(parsing: "W=anger,L=boredom,E=disgust,A=fear,F=happiness,T=sadness,N=neutral", option: "l"),
      genderMap: try CodeMap(parsing: "03=male,08=female,09=female,10=male,11=male,13=female", option: "g"),
      speakerPrefix: "emodb-")
    _ = try PrepPipeline.run(own, log: Self.quiet)
    let a = try Self.manifests(tmp.path + "/preset")
    #expect(!a.isEmpty)
    #expect(a == (try Self.manifests(tmp.path + "/own")))
  }

  @Test func labelsOnlyTakesWholeFileDurationsFromTheHeaders() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let root = tmp.path + "/emodb"
    try Self.emodbTree(root)
    var c = Self.config(.files, root, tmp.path + "/p")
    c.files = FileReaderOptions(preset: "emodb")
    c.labelsOnly = true
    let summary = try PrepPipeline.run(c, log: Self.quiet)
    #expect(summary.labelsOnly)
    #expect(summary.kept == 24)
    let line = try String(contentsOfFile: tmp.path + "/p/folds/fold-1/test.jsonl", encoding: .utf8)
      .split(separator: "\n")[0]
    let entry = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
    #expect(entry["end"] as? Double == 1.2)
    #expect(entry["duration"] as? Double == 1.2)
    #expect(entry["path"] as? String != "")
  }

  /// Whole files learn their duration from the audio: `--min-duration` applies to them then.
  @Test(arguments: [false, true]) func minimumDurationAppliesToWholeFiles(labelsOnly: Bool) throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let root = tmp.path + "/c"
    for (index, name) in ["Angry/s1_01", "Angry/s2_02", "Sad/s1_03", "Sad/s2_04"].enumerated() {
      try Self.wav(root + "/" + name + ".wav", index: index, seconds: index % 2 == 0 ? 1.2 : 2.0)
    }
    var c = Self.config(.files, root, tmp.path + "/p")
    c.files = FileReaderOptions(pattern: #"(?<label>[a-z]+)/(?<speaker>s\d)_\d+\.wav"#)
    c.folds = 0
    c.minDuration = 1.5
    c.labelsOnly = labelsOnly
    let summary = try PrepPipeline.run(c, log: Self.quiet)
    #expect(summary.kept == 2)
    #expect(summary.droppedPerReason["too_short"] == 2)
    #expect(summary.kept + summary.dropped == summary.segmentsRead)
  }

  @Test func everyStepThroughTheCLI() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let root = tmp.path + "/emodb"
    try Self.emodbTree(root)
    let out = tmp.path + "/p"
    let prep = try CLIRunner.run([
      "prep", "files", root, "--preset", "emodb", "--task", "iemocap-4", "--folds", "3", "--out", out, "--jobs", "2",
    ])
    #expect(prep.status == 0, "\(prep.stderr)")
    #expect(prep.stderr.contains("1 audio file not matched by the pattern"))
    #expect(prep.stderr.contains("wav/test_tone.wav"))
    #expect(prep.stdout.contains("task iemocap-4 (files)"))
    #expect(try CLIRunner.run(["check-folds", out]).status == 0)
    let config = try String(contentsOfFile: out + "/config.resolved.yaml", encoding: .utf8)
    #expect(config.contains("source: files") && config.contains("preset: emodb"))

    // Re-running from the resolved config reproduces the manifests.
    let again = tmp.path + "/again"
    let rerun = try CLIRunner.run(["prep", "--config", out + "/config.resolved.yaml", "--out", again, "--quiet"])
    #expect(rerun.status == 0, "\(rerun.stderr)")
    #expect(try Self.manifests(out) == Self.manifests(again))

    // audit files: distributions with durations from the headers.
    let audit = try CLIRunner.run(["audit", "files", root, "--preset", "emodb", "--out", tmp.path + "/a"])
    #expect(audit.status == 0, "\(audit.stderr)")
    let report = try Self.json(tmp.path + "/a/audit.json")
    #expect(String(describing: report).contains("boredom"))

    for format in ["kaldi", "lhotse"] {
      let export = try CLIRunner.run(["export", out, "--format", format, "--out", tmp.path + "/" + format])
      #expect(export.status == 0, "\(format): \(export.stderr)")
    }
    let spk2gender = try String(contentsOfFile: tmp.path + "/kaldi/fold-1/test/spk2gender", encoding: .utf8)
    #expect(spk2gender.contains("emodb-") && (spk2gender.contains(" m") || spk2gender.contains(" f")))

    let train = try CLIRunner.run([
      "train", out, "--out", tmp.path + "/run", "--epochs", "1", "--folds", "1", "--quiet",
    ])
    #expect(train.status == 0, "\(train.stderr)")
    let results = try Self.json(tmp.path + "/run/results.json")
    #expect(results["classes"] as? [String] == ["neutral", "sadness", "anger", "happiness"])
  }

  /// nEMO ships data.tsv: the preset reads it under its own column names, audio in samples/.
  @Test func nemoPresetReadsItsTableAsShipped() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let root = tmp.path + "/nEMO"
    var rows = ["file_id\temotion\traw_text\tnormalized_text\tspeaker_id\tgender\tage"]
    var index = 0
    for (speaker, gender) in [("WR0", "male"), ("EB0", "female"), ("KS0", "male")] {
      for emotion in ["anger", "neutral", "surprised", "sadness"] {
        let file = "\(speaker)_\(emotion)_\(index).wav"
        try Self.wav(root + "/samples/" + file, index: index)
        rows.append("\(file)\t\(emotion)\tZdanie.\tzdanie\t        \(speaker)\t\(gender)\t23")
        index += 1
      }
    }
    try Self.wav(root + "/samples/XX0_anger_99.wav", index: 99)
    try (rows.joined(separator: "\n") + "\n").write(toFile: root + "/data.tsv", atomically: true, encoding: .utf8)
    let out = tmp.path + "/p"
    let prep = try CLIRunner.run([
      "prep", "files", root, "--preset", "nemo", "--task", "iemocap-4", "--labels-only", "--folds", "0", "--out", out,
    ])
    #expect(prep.status == 0, "\(prep.stderr)")
    #expect(prep.stderr.contains("1 audio file not named in data.tsv"))
    let summary = try Self.json(out + "/summary.json")
    #expect(summary["segments_read"] as? Int == 12)
    #expect(summary["kept"] as? Int == 9)
    #expect((summary["dropped_per_reason"] as! [String: Int])["class_not_in_task"] == 3)
    let notes = summary["notes"] as! [String: Any]
    #expect((notes["unmatched_files"] as! [String: Any])["files"] as? [String] == ["samples/XX0_anger_99.wav"])
    #expect(
      (notes["preset_counts"] as! [String: Any])["found"] as? [String: Int] == [
        "files": 12, "speakers": 3, "labels": 4,
      ])
    let catalog = try Catalog(opening: out + "/catalog.sqlite")
    #expect(try catalog.count("SELECT COUNT(*) FROM speakers WHERE id LIKE 'nemo-%'") == 3)
    #expect(try catalog.count("SELECT COUNT(*) FROM speakers WHERE gender = 'female'") == 1)
  }

  @Test func usageErrorsExitTwoAndNameTheProblem() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let root = tmp.path + "/c"
    try Self.wav(root + "/Angry/s1_01.wav", index: 1)
    let out = tmp.path + "/out"
    let cases: [(args: [String], message: String)] = [
      (
        ["prep", "files", root, "--pattern", #"(?<speaker>s\d)_\d+\.wav"#, "--task", "iemocap-4", "--out", out],
        "no (?<label>…) group"
      ),
      (
        ["prep", "files", root, "--pattern", "(?<speaker>s(?<label>", "--task", "iemocap-4", "--out", out],
        "not a valid regular expression"
      ),
      (["prep", "files", root, "--task", "iemocap-4", "--out", out], "files needs --pattern REGEX or --preset NAME"),
      (["prep", "files", root, "--preset", "emodbb", "--task", "iemocap-4", "--out", out], "did you mean 'emodb'"),
      (
        ["prep", "table", root, "--preset", "emodb", "--task", "iemocap-4", "--out", out],
        "--preset applies to files corpora (got SOURCE table)"
      ),
      (
        ["prep", "files", root, "--preset", "ased", "--label-map", "a=x,a", "--task", "iemocap-4", "--out", out],
        "--label-map: 'a' is not code=value"
      ),
      (["audit", "files", root, "--pattern", #"(?<label>\w+)/.*"#, "--out", out], "no (?<speaker>…) group"),
    ]
    for (args, message) in cases {
      let result = try CLIRunner.run(args)
      #expect(result.status == 2, "\(args): \(result.stderr)")
      #expect(result.stderr.contains(message), "\(args): \(result.stderr)")
    }
    #expect(!FileManager.default.fileExists(atPath: out))

    let list = try CLIRunner.run(["prep", "files", "--preset", "list"])
    #expect(list.status == 0)
    for name in ["emodb", "ravdess", "crema-d", "tess", "savee", "urdu", "ased", "turev"] {
      #expect(list.stdout.contains(name))
    }
    #expect(try CLIRunner.run(["audit", "--preset", "list"]).stdout == list.stdout)
  }

  @Test func aCodeOutsideTheLabelMapIsAnUnknownLabelNamingTheFile() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let root = tmp.path + "/emodb"
    try Self.emodbTree(root)
    try Self.wav(root + "/wav/03a05Xa.wav", index: 50)
    let out = tmp.path + "/out"
    let fails = try CLIRunner.run(["prep", "files", root, "--preset", "emodb", "--task", "iemocap-4", "--out", out])
    #expect(fails.status == 1)
    #expect(fails.stderr.contains("emocorpus: \(root)/wav/03a05Xa.wav: unknown label 'X'"), "\(fails.stderr)")
    let dropped = try CLIRunner.run([
      "prep", "files", root, "--preset", "emodb", "--task", "iemocap-4", "--drop-unknown", "--labels-only",
      "--folds", "0", "--out", out,
    ])
    #expect(dropped.status == 0, "\(dropped.stderr)")
    #expect((try Self.json(out + "/summary.json")["dropped_per_reason"] as! [String: Int])["unknown_label"] == 1)
  }
}
