import EmoSupport
import Foundation
import TestSupport
import Testing

@testable import EmoCorpus
@testable import Folds

@Suite struct FoldCheckTests {
  static func lines(_ path: String) -> [String] {
    ManifestWriterTests.read(path).split(separator: "\n").map(String.init)
  }

  static func save(_ lines: [String], _ path: String) throws {
    try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
  }

  static func entry(_ line: String) -> ManifestEntry {
    try! ManifestEntry(jsonLine: Substring(line), file: "", line: 1)
  }

  @Test func testSegmentCopiedIntoTrainingIsCaught() throws {
    let (dir, _) = try ManifestWriterTests.written()
    defer { dir.remove() }
    let folds = dir.path + "/folds"
    let test = Self.lines(folds + "/fold-2/test.jsonl")
    var train = Self.lines(folds + "/fold-2/train.jsonl")
    train.append(test[3])
    try Self.save(train, folds + "/fold-2/train.jsonl")
    let findings = try FoldCheck.check(prepDir: dir.path)
    let copied = Self.entry(test[3])
    #expect(
      findings.first
        == "fold 2: segment \(copied.id) is in train (\(folds)/fold-2/train.jsonl:\(train.count)) "
        + "and in test (\(folds)/fold-2/test.jsonl:4)")
    #expect(findings.contains { $0.hasPrefix("fold 2: speaker \(copied.speaker) is in train") })
    #expect(findings.contains { $0.hasPrefix("\(folds)/summary.json: fold 2 train: summary.json says") })
  }

  @Test func speakerMovedIntoAnotherSplitIsCaught() throws {
    let (dir, _) = try ManifestWriterTests.written()
    defer { dir.remove() }
    let folds = dir.path + "/folds"
    let train = Self.lines(folds + "/fold-1/train.jsonl")
    var test = Self.lines(folds + "/fold-1/test.jsonl")
    let intruder = Self.entry(train[0]).speaker
    let moved = Self.entry(test[0])
    test[0] = test[0].replacingOccurrences(of: "\"speaker\":\"\(moved.speaker)\"", with: "\"speaker\":\"\(intruder)\"")
    try Self.save(test, folds + "/fold-1/test.jsonl")
    let findings = try FoldCheck.check(prepDir: dir.path)
    #expect(
      findings.first
        == "fold 1: speaker \(intruder) is in train (\(folds)/fold-1/train.jsonl:1) and in test (\(folds)/fold-1/test.jsonl:1)"
    )
  }

  @Test func brokenLineIsCaughtWithItsPosition() throws {
    let (dir, _) = try ManifestWriterTests.written()
    defer { dir.remove() }
    let folds = dir.path + "/folds"
    var val = Self.lines(folds + "/fold-3/val.jsonl")
    let lost = Self.entry(val[1])
    val[1] = String(val[1].prefix(20))
    try Self.save(val, folds + "/fold-3/val.jsonl")
    let findings = try FoldCheck.check(prepDir: dir.path)
    #expect(
      findings.first
        == "\(folds)/fold-3/val.jsonl:2: not valid JSON at column 21: unterminated string "
        + "(expected one manifest object per line)")
    #expect(findings.contains { $0.hasPrefix("fold 3: segment \(lost.id) is in none of its splits") })
  }

  @Test func segmentInTwoTestFoldsAndInNoneAreCaught() throws {
    let (dir, _) = try ManifestWriterTests.written()
    defer { dir.remove() }
    let folds = dir.path + "/folds"
    // Swap a line between fold 1 test and fold 2 test manifests: one segment is then tested twice...
    var test1 = Self.lines(folds + "/fold-1/test.jsonl")
    var train1 = Self.lines(folds + "/fold-1/train.jsonl")
    let moved = test1.removeFirst()
    train1 = (train1 + [moved]).sorted()
    try Self.save(test1, folds + "/fold-1/test.jsonl")
    try Self.save(train1, folds + "/fold-1/train.jsonl")
    let findings = try FoldCheck.check(prepDir: dir.path)
    let id = Self.entry(moved).id
    #expect(findings.contains { $0.hasPrefix("segment \(id) is in no test split (it is in fold 1 train, ") })
  }

  @Test func sameAudioUnderAnotherIdIsCaught() throws {
    let dir = try TemporaryDirectory("folds")
    defer { dir.remove() }
    let hash = String(repeating: "0f", count: 32)
    var entries: [ManifestEntry] = []
    for i in 0..<6 {
      let label: String = i % 2 == 0 ? "A" : "B"
      let audio: String = i == 0 || i == 5 ? hash : String(repeating: "1\(i)", count: 32)
      let start = Double(i)
      entries.append(
        ManifestEntry(
          id: "s\(i)", speaker: "C\(i)", dialog: "D\(i)", gender: .female, role: .caller, label: label,
          path: "/x.wav", start: start, end: start + 1, duration: 1, windows: 1, audioHash: audio))
    }
    // Fold i tests s(2i), s(2i+1) and validates on the next pair: s0 and s5 always sit in different splits.
    let pairs = (0..<3).map { ["s\(2 * $0)", "s\(2 * $0 + 1)"] }
    let folds = (0..<3).map { f in
      let test = pairs[f]
      let val = pairs[(f + 1) % 3]
      let train = pairs[(f + 2) % 3]
      let speakers = { (ids: [String]) in ids.map { "C" + $0.dropFirst() } }
      return Fold(
        index: f + 1, train: train, val: val, test: test, trainSpeakers: speakers(train), valSpeakers: speakers(val),
        testSpeakers: speakers(test))
    }
    let plan = FoldPlan(folds: folds, strategy: .stratifiedGroups(k: 3), seed: 1)
    #expect {
      try ManifestWriter.write(plan: plan, entries: entries, to: dir.path)
    } throws: { error in
      guard let failure = error as? FoldCheckFailure else { return false }
      return failure.findings.contains {
        $0.contains("has the same audio as segment") && $0.contains("audio_hash 0f0f0f0f0f0f…")
      }
    }
    // Nothing was installed and nothing left behind.
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == [])
  }

  @Test func summaryDisagreeingWithTheManifestsIsCaught() throws {
    let (dir, _) = try ManifestWriterTests.written()
    defer { dir.remove() }
    let path = dir.path + "/folds/summary.json"
    var summary = try JSONDecoder().decode(FoldSummary.self, from: FileManager.default.contents(atPath: path)!)
    summary.perFold[3].val.classes["Fear"]!.windows += 1
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    try encoder.encode(summary).write(to: URL(fileURLWithPath: path))
    let stated = summary.perFold[3].val.classes["Fear"]!.windows
    #expect(
      try FoldCheck.check(prepDir: dir.path) == [
        "\(path): fold 4 val: summary.json says \(stated) Fear windows, "
          + "the manifest \(dir.path)/folds/fold-4/val.jsonl has \(stated - 1)"
      ])
  }

  @Test func missingFoldsFolderIsAnError() throws {
    let dir = try TemporaryDirectory("folds")
    defer { dir.remove() }
    #expect {
      try FoldCheck.check(prepDir: dir.path)
    } throws: { error in
      "\(error)" == "\(dir.path)/folds: no folds folder (expected the output of emocorpus prep with --folds 1 or more)"
    }
  }

  static let good =
    #"{"id":"s1","speaker":"C1","dialog":"D1","gender":"female","role":"caller","label":"Anger","path":"","#
    + #""start":1,"end":2.5,"duration":1.5,"windows":1}"#

  static func edited(_ from: String, _ to: String) -> String { good.replacingOccurrences(of: from, with: to) }

  /// Bad manifest lines and the exact finding each gives (after `m.jsonl:9: `).
  static let badLines: [(String, String)] = {
    var table: [(String, String)] = []
    table.append(("", "empty line (expected one manifest object per line)"))
    table.append(("[1]", "not valid JSON at column 1: not a JSON object (expected one manifest object per line)"))
    table.append(
      (
        edited("}", ",\"x\":1}"),
        "unknown field \"x\" (expected only id, speaker, dialog, gender, role, label, path, start, end, duration, windows, audio_hash, soft_label, dimensions)"
      ))
    table.append(
      (
        edited("\"windows\":1", "\"windows\":1,\"windows\":2"),
        "field \"windows\" appears twice (expected each field once)"
      ))
    table.append(
      (
        edited("\"label\":\"Anger\",", ""),
        "missing field \"label\" (expected all of id, speaker, dialog, gender, role, label, path, start, end, duration, windows)"
      ))
    table.append((edited("\"s1\"", "7"), "field \"id\" is a number (expected a non-empty string)"))
    table.append((edited("\"C1\"", "\"\""), "field \"speaker\" is empty (expected a non-empty string)"))
    table.append((edited("\"female\"", "\"F\""), "field \"gender\" is \"F\" (expected male, female or unknown)"))
    table.append((edited("\"caller\"", "null"), "field \"role\" is null (expected caller, agent or speaker)"))
    table.append((edited("\"start\":1", "\"start\":-1"), "field \"start\" is -1 (expected a number >= 0)"))
    table.append((edited("\"end\":2.5", "\"end\":\"2.5\""), "field \"end\" is a string (expected a number >= 0)"))
    table.append((edited("\"end\":2.5", "\"end\":1.0"), "end 1.0 is not after start 1 (expected end > start)"))
    table.append((edited("\"windows\":1", "\"windows\":0"), "field \"windows\" is 0 (expected an integer >= 1)"))
    let lengths = "expected end, duration and windows all numbers, or all null when the length is unknown"
    table.append((edited("\"end\":2.5", "\"end\":null"), "field \"duration\" is 1.5 but \"end\" is null (\(lengths))"))
    table.append(
      (edited("\"windows\":1", "\"windows\":null"), "field \"windows\" is null but \"end\" is 2.5 (\(lengths))"))
    table.append(
      (
        edited("\"end\":2.5,\"duration\":1.5", "\"end\":null,\"duration\":null"),
        "field \"windows\" is 1 but \"end\" is null (\(lengths))"
      ))
    table.append((edited("\"windows\":1", "\"windows\":1.5"), "field \"windows\" is 1.5 (expected an integer >= 1)"))
    table.append(
      (
        edited("}", ",\"audio_hash\":\"abc\"}"),
        "field \"audio_hash\" is \"abc\" (expected 64 lowercase hexadecimal digits)"
      ))
    let soft = "expected an array of probabilities (numbers in [0, 1]) summing to 1"
    table.append((edited("}", ",\"soft_label\":[0.5,0.4]}"), "field \"soft_label\" sums to 0.9 (\(soft))"))
    table.append((edited("}", ",\"soft_label\":[1.5,-0.5]}"), "field \"soft_label\" holds 1.5 (\(soft))"))
    table.append((edited("}", ",\"soft_label\":[]}"), "field \"soft_label\" is an empty array (\(soft))"))
    table.append((edited("}", ",\"soft_label\":{\"a\":1}}"), "field \"soft_label\" is an object (\(soft))"))
    table.append(
      (
        edited("\"D1\"", "\"D1\\q\""),
        "not valid JSON at column 39: invalid escape (expected one manifest object per line)"
      ))
    return table
  }()

  /// Schema rules, checked in Swift exactly as `schemas/fold-manifest.schema.json` states them.
  @Test(arguments: badLines)
  func manifestLineBreakingTheSchemaIsRejectedWithItsReason(line: String, message: String) {
    #expect {
      try ManifestEntry(jsonLine: Substring(line), file: "m.jsonl", line: 9)
    } throws: { error in
      "\(error)" == "m.jsonl:9: " + message
    }
  }

  @Test func schemaFileStatesTheSameRules() throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
      "../../../schemas/fold-manifest.schema.json")
    let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
    #expect(schema["required"] as? [String] == Array(ManifestEntry.fieldOrder.prefix(ManifestEntry.requiredFields)))
    let properties = schema["properties"] as! [String: Any]
    #expect(Set(properties.keys) == Set(ManifestEntry.fieldOrder))
    #expect((properties["gender"] as! [String: Any])["enum"] as? [String] == Gender.allCases.map(\.rawValue))
    #expect((properties["role"] as! [String: Any])["enum"] as? [String] == Role.allCases.map(\.rawValue))
    #expect(schema["additionalProperties"] as? Bool == false)
  }
}

@Suite struct FoldCheckCoverageTests {
  @Test func segmentInTwoTestFoldsIsCaught() throws {
    let (dir, _) = try ManifestWriterTests.written()
    defer { dir.remove() }
    let folds = dir.path + "/folds"
    // Move one of fold 2's training lines into fold 2's test split: it is then tested in two folds.
    var train2 = FoldCheckTests.lines(folds + "/fold-2/train.jsonl")
    var test2 = FoldCheckTests.lines(folds + "/fold-2/test.jsonl")
    let moved = train2.removeFirst()
    test2.append(moved)
    try FoldCheckTests.save(train2, folds + "/fold-2/train.jsonl")
    try FoldCheckTests.save(test2, folds + "/fold-2/test.jsonl")
    let id = FoldCheckTests.entry(moved).id
    let home = (1...5).first { k in
      FoldCheckTests.lines(folds + "/fold-\(k)/test.jsonl").contains(moved) && k != 2
    }!
    let homeLine = FoldCheckTests.lines(folds + "/fold-\(home)/test.jsonl").firstIndex(of: moved)! + 1
    let first =
      home < 2
      ? (home, "\(folds)/fold-\(home)/test.jsonl:\(homeLine)") : (2, "\(folds)/fold-2/test.jsonl:\(test2.count)")
    let second =
      home < 2
      ? (2, "\(folds)/fold-2/test.jsonl:\(test2.count)") : (home, "\(folds)/fold-\(home)/test.jsonl:\(homeLine)")
    #expect(
      try FoldCheck.check(prepDir: dir.path).contains(
        "segment \(id) is in the test split of fold \(first.0) (\(first.1)) and in the test split of fold \(second.0) (\(second.1))"
      ))
  }

  @Test func missingSummaryAndFoldGapsAreCaught() throws {
    let (dir, _) = try ManifestWriterTests.written()
    defer { dir.remove() }
    let folds = dir.path + "/folds"
    try FileManager.default.removeItem(atPath: folds + "/summary.json")
    try FileManager.default.removeItem(atPath: folds + "/fold-3")
    let findings = try FoldCheck.check(prepDir: dir.path)
    #expect(findings.first == "\(folds)/summary.json: missing (expected the summary written with the manifests)")
    #expect(findings.contains("\(folds): holds fold-1, fold-2, fold-4, fold-5 (expected fold-1 … fold-K without gaps)"))
  }

  @Test func writerRejectsAPlanNamingUnknownSegments() throws {
    let dir = try TemporaryDirectory("folds")
    defer { dir.remove() }
    let entries = RandomCorpus.calls(seed: 1, callers: 30).entries()
    var plan = try FoldPlanner.plan(entries, strategy: .stratifiedGroups(k: 3), seed: 1)
    plan.folds[1].val.append("ghost")
    #expect(throws: FoldError.unknownSegment("ghost", fold: 2)) {
      try ManifestWriter.write(plan: plan, entries: entries, to: dir.path)
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == [])
  }
}
