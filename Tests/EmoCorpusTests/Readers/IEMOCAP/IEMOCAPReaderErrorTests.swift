import EmoSupport
import Foundation
import TestSupport
import Testing

@testable import EmoCorpus
@testable import Readers

/// Every IEMOCAP input error, word for word: fatal with `strict`, otherwise
/// the faulty turn block alone is dropped as malformed with the same location and cause.
@Suite struct IEMOCAPReaderErrorTests {
  static let summary = "[1.0000 - 2.0000]\tSes01F_impro01_F000\tneu\t[2.5000, 2.5000, 2.5000]"
  static let summaryShape = "(expected \"[START - END]<TAB>TURN<TAB>EMO<TAB>[V, A, D]\")"
  static let categoricalShape = "(expected \"C-E2:<TAB>Label; Label;<TAB>(note)\")"
  static let dimensionalShape = "(expected \"A-E3:<TAB>val 3; act 2; dom 2;<TAB>(note)\")"

  /// Bad file lines → the message after `<file>:`.
  static let cases: [([String], String)] = [
    (
      ["[1.0000 - 2.0000\tSes01F_impro01_F000\tneu"],
      "2: malformed summary line: no \"]\" after the times \(summaryShape)"
    ),
    (
      ["[1.0000 2.0000]\tSes01F_impro01_F000\tneu\t[2.5, 2.5, 2.5]"],
      "2: malformed summary line: times are not \"START - END\" \(summaryShape)"
    ),
    (
      ["[1.0x - 2.0]\tSes01F_impro01_F000\tneu\t[2.5, 2.5, 2.5]"],
      "2: malformed summary line: START is not a number \(summaryShape)"
    ),
    (
      ["[1.0 - ]\tSes01F_impro01_F000\tneu\t[2.5, 2.5, 2.5]"],
      "2: malformed summary line: END is not a number \(summaryShape)"
    ),
    (["[1.0 - 2.0]\tSes01F_impro01_F000"], "2: malformed summary line: no EMO after TURN \(summaryShape)"),
    (["[1.0 - 2.0]\tSes01F_impro01_F000\tneu"], "2: malformed summary line: no [V, A, D] after EMO \(summaryShape)"),
    (
      ["[1.0 - 2.0]\tSes01F_impro01_F000\tneu\t[2.5, 2.5]"],
      "2: malformed summary line: [V, A, D] is not three numbers \(summaryShape)"
    ),
    (
      ["[2.5000 - 2.5000]\tSes01F_impro01_F000\tneu\t[2.5, 2.5, 2.5]"],
      "2: turn Ses01F_impro01_F000 ends at 2.5000, not after its start 2.5000 (expected END > START)"
    ),
    (
      ["[3.0 - 2.0]\tSes01F_impro01_F000\tneu\t[2.5, 2.5, 2.5]"],
      "2: turn Ses01F_impro01_F000 ends at 2.0, not after its start 3.0 (expected END > START)"
    ),
    (
      ["C-E2:\tNeutral;\t(secret words)", summary],
      "2: evaluator line before any turn (expected a summary line \"[START - END]<TAB>TURN<TAB>EMO<TAB>[V, A, D]\" first)"
    ),
    (
      ["[1.0 - 2.0]\tSes01F_impro02_F000\tneu\t[2.5, 2.5, 2.5]"],
      "2: turn Ses01F_impro02_F000 does not belong to dialog Ses01F_impro01 (expected Ses01F_impro01_F000 or Ses01F_impro01_M000)"
    ),
    (
      ["[1.0 - 2.0]\tSes01F_impro01_X000\tneu\t[2.5, 2.5, 2.5]"],
      "2: turn Ses01F_impro01_X000 has no _F/_M speaker field (expected Ses01F_impro01_F000 or Ses01F_impro01_M000)"
    ),
    (
      [summary, "C-E2\tNeutral;\t(secret words)"],
      "3: malformed evaluator line: no \":\" after the evaluator tag \(categoricalShape)"
    ),
    (
      [summary, "C-E 2:\tNeutral;\t()"],
      "3: malformed evaluator line: evaluator tag is not letters and digits \(categoricalShape)"
    ),
    (
      [summary, "A-E3:\tval 3; arousal 2;\t()"],
      "3: malformed evaluator line: unknown rating \"arousal\" \(dimensionalShape)"
    ),
    (
      [summary, "Neutral;\t(secret words)"],
      "3: unrecognized line (expected a \"%\" header, a summary line \"[START - END]<TAB>TURN<TAB>EMO<TAB>[V, A, D]\" or an evaluator line \"C-E2:<TAB>Label; Label;<TAB>(note)\")"
    ),
    (
      [summary, "C-E2:\tNeutral;\t()", summary],
      "4: turn Ses01F_impro01_F000 already read at {file}:2 (expected each turn once)"
    ),
  ]

  /// A good turn after the bad lines: without `strict` it is read whatever happened before it.
  static let goodTurn = ["[5.0 - 6.0]\tSes01F_impro01_M001\tang\t[2.0, 4.0, 3.0]", "C-E2:\tAnger;\t()"]

  @Test(arguments: cases) func strictStopsAtTheMalformedLine(lines: [String], message: String) throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let file = try folder.write(
      "Session1/dialog/EmoEvaluation/Ses01F_impro01.txt",
      ([IEMOCAPFixture.header] + lines + Self.goodTurn).joined(separator: "\r\n"))
    let expected = "\(file):" + message.replacingOccurrences(of: "{file}", with: file)
    let error = #expect(throws: LocatedError.self) { try IEMOCAPReader(strict: true).read(root: folder.path) }
    #expect(error?.description == expected)
    #expect(error?.description.contains("secret") == false)
  }

  @Test(arguments: cases) func dropsTheMalformedTurnAndReadsTheRest(lines: [String], message: String) throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let file = try folder.write(
      "Session1/dialog/EmoEvaluation/Ses01F_impro01.txt",
      ([IEMOCAPFixture.header] + lines + Self.goodTurn).joined(separator: "\r\n"))
    let corpus = try IEMOCAPReader().read(root: folder.path)
    #expect(corpus.segments.last?.id == "Ses01F_impro01_M001")
    #expect(corpus.faults.count == 1)
    let fault = try #require(corpus.faults.first)
    #expect(fault.description == "\(file):" + message.replacingOccurrences(of: "{file}", with: file))
    #expect(!fault.description.contains("secret"))
    // The drop is named after the turn when its name can be read and is not taken, else after its place.
    let place = "Ses01F_impro01.txt:\(fault.origin.line)"
    #expect(fault.id == place || (fault.id.hasPrefix("Ses01F_impro0") && lines.joined().contains(fault.id)))
    #expect(!corpus.segments.map(\.id).contains(fault.id))
    #expect(corpus.itemsRead == corpus.segments.count + 1)
    #expect(fault.drop == Drop(segmentID: fault.id, reason: .malformed, detail: fault.cause, origin: fault.origin))
  }

  /// `C-F1:<TAB>;<TAB>()` and `A-F1:<TAB>;<TAB>()` as the real release writes them (five such
  /// lines, e.g. Ses01M_impro03.txt:115): the actor gave no self-evaluation. A missing rating, kept.
  @Test func emptyEvaluatorLinesAreMissingRatingsNotFaults() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let lines = [
      IEMOCAPFixture.header, "", Self.summary, "C-E2:\tNeutral;\t()", "C-E3:\t;\t()", "C-F1:\t;\t()",
      "A-E3:\tval 3; act 2; dom  2;\t()", "A-F1:\t;\t()", "A-E2:\t\t()", "",
    ]
    try folder.write("Session1/dialog/EmoEvaluation/Ses01F_impro01.txt", lines.joined(separator: "\r\n"))
    for strict in [false, true] {
      let corpus = try IEMOCAPReader(strict: strict).read(root: folder.path)
      #expect(corpus.faults.isEmpty)
      let annotations = try #require(corpus.segments.first).annotations
      #expect(annotations.map(\.coder) == ["E2", "E3", "F1", "E3", "F1", "E2"])
      #expect(annotations.map(\.major) == ["Neutral", nil, nil, nil, nil, nil])
      #expect(
        annotations.map(\.kind) == [
          .categorical, .categorical, .selfEvaluation, .dimensional, .dimensional, .dimensional,
        ])
      #expect(annotations[4].dimensions == nil && annotations[5].dimensions == nil)
      #expect(
        CoderNoLabel.counts(corpus.segments) == [
          CoderNoLabel(coder: "E2", kind: .dimensional, items: 1),
          CoderNoLabel(coder: "E3", kind: .categorical, items: 1),
          CoderNoLabel(coder: "F1", kind: .selfEvaluation, items: 1),
          CoderNoLabel(coder: "F1", kind: .dimensional, items: 1),
        ])
    }
  }

  /// A dialog file saved as UTF-16 (an editor's "Unicode"): read with its byte-order mark, refused
  /// without it — never read as Latin-1 with a NUL in every other byte.
  @Test func utf16DialogFilesAreDecodedOrRefusedClearly() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let text = [IEMOCAPFixture.header, Self.summary, "C-E2:\tNeutral;\t()", ""].joined(separator: "\r\n")
    let units = text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    let path = folder.path + "/Session1/dialog/EmoEvaluation/Ses01F_impro01.txt"
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data([0xFF, 0xFE] + units).write(to: URL(fileURLWithPath: path))
    let corpus = try IEMOCAPReader(strict: true).read(root: folder.path)
    #expect(corpus.segments.map(\.id) == ["Ses01F_impro01_F000"])
    #expect(corpus.segments[0].annotations.map(\.major) == ["Neutral"])

    try Data(units).write(to: URL(fileURLWithPath: path))
    let error = #expect(throws: LocatedError.self) { try IEMOCAPReader().read(root: folder.path) }
    #expect(
      error?.description
        == "\(path): looks like UTF-16 text without a byte-order mark (expected UTF-8 or ISO-8859-1 text, or UTF-16 with a byte-order mark)"
    )
  }

  @Test func rejectsMissingRoot() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let error = #expect(throws: LocatedError.self) { try IEMOCAPReader().read(root: folder.path + "/nope") }
    #expect(
      error?.description
        == "\(folder.path)/nope: IEMOCAP root not found (expected a folder holding Session1 … Session5)")
  }

  @Test func rejectsAFileAsRoot() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let file = try folder.write("Session1.txt", "")
    let error = #expect(throws: LocatedError.self) { try IEMOCAPReader().read(root: file) }
    #expect(
      error?.description
        == "\(file): IEMOCAP root is a file, not a folder (expected a folder holding Session1 … Session5)")
  }

  @Test func rejectsEmoEvaluationFoldersWithoutDialogFiles() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try folder.write("Session1/dialog/EmoEvaluation/Categorical/Ses01F_impro01_e2_cat.txt", Self.summary + "\n")
    let error = #expect(throws: LocatedError.self) { try IEMOCAPReader().read(root: folder.path) }
    #expect(
      error?.description
        == "\(folder.path): no dialog evaluation file in Session*/dialog/EmoEvaluation (expected ROOT/SessionN/dialog/EmoEvaluation/<dialog>.txt)"
    )
  }

  @Test func rejectsRootWithoutEmoEvaluationFolder() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try folder.write("Session1/sentences/wav/Ses01F_impro01/Ses01F_impro01_F000.wav", "")
    let error = #expect(throws: LocatedError.self) { try IEMOCAPReader().read(root: folder.path) }
    #expect(
      error?.description
        == "\(folder.path): no Session*/dialog/EmoEvaluation folder (expected the IEMOCAP release layout ROOT/SessionN/dialog/EmoEvaluation/*.txt)"
    )
  }

  @Test func theSameTurnInTwoSessionsIsReadOnce() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let text = IEMOCAPFixture.header + "\n" + Self.summary + "\n"
    let first = try folder.write("Session1/dialog/EmoEvaluation/Ses01F_impro01.txt", text)
    let second = try folder.write("Session2/dialog/EmoEvaluation/Ses01F_impro01.txt", text)
    let message = "\(second):2: turn Ses01F_impro01_F000 already read at \(first):2 (expected each turn once)"
    let error = #expect(throws: LocatedError.self) { try IEMOCAPReader(strict: true).read(root: folder.path) }
    #expect(error?.description == message)
    let corpus = try IEMOCAPReader().read(root: folder.path)
    #expect(corpus.segments.map(\.id) == ["Ses01F_impro01_F000"])
    #expect(corpus.faults.map(\.description) == [message])
    // The turn name is taken by the first reading: the drop is named after its place.
    #expect(corpus.faults.map(\.id) == ["Ses01F_impro01.txt:2"])
  }
}
