import EmoSupport
import Foundation
import TestSupport
import Testing

@testable import EmoCorpus
@testable import Readers

@Suite struct CEMOXMLReaderTests {
  @Test func readsAValidUTF8File() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let file = try folder.write("calls.xml", CEMOFixtures.valid())
    let corpus = try CEMOXMLReader().read(root: file)

    #expect(corpus.name == "cemo-test")
    #expect(corpus.source == .cemo)
    #expect(corpus.root == folder.path)
    #expect(corpus.coders == ["c1", "c2"])
    #expect(corpus.speakers.map(\.id) == ["A07", "C0001", "C0002"])
    #expect(corpus.speaker("A07")?.role == .agent)
    #expect(corpus.speaker("A07")?.gender == .female)
    #expect(corpus.speaker("C0002")?.gender == .unknown)
    #expect(corpus.speaker("C0001")?.origin == Origin(file: file, line: 6))
    #expect(corpus.dialogs.map(\.id) == ["D0001", "D0002"])
    #expect(corpus.dialogs.map(\.audioPath) == [folder.path + "/audio/D0001.wav", folder.path + "/audio/D0002.wav"])
    #expect(corpus.segments.map(\.id) == ["D0001-001", "D0001-002", "D0001-003", "D0002-001"])

    let first = corpus.segments[0]
    #expect(first.dialog == "D0001")
    #expect(first.speaker == "C0001")
    #expect(first.origin == Origin(file: file, line: 10))
    let span = try #require(first.span)
    #expect(abs(span.start - 0.52) < 1e-12 && abs(span.end - 2.10) < 1e-12)
    #expect(first.audio?.path == folder.path + "/audio/D0001.wav")
    #expect(abs((first.audio?.start ?? -1) - 0.52) < 1e-12)
    #expect(abs((first.audio?.end ?? -1) - 2.10) < 1e-12)
    #expect(first.annotations.map(\.coder) == ["c1", "c2"])
    #expect(first.annotations.map(\.major) == ["Stress", "Anxiety"])
    #expect(first.annotations.map(\.minor) == ["Fear", nil])
    #expect(first.annotations[0].origin == Origin(file: file, line: 11))
    #expect(corpus.segments[1].annotations[1].note == "calm voice")
    #expect(corpus.segments[2].annotations[0].major == "Colère froide")

    let digest = SHA256.hex(try Data(contentsOf: URL(fileURLWithPath: file)))
    #expect(corpus.inputFiles == [InputFile(path: file, sha256: digest)])
  }

  @Test func agentInTwoDialogsAndDialogWithTwoCallers() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let corpus = try CEMOXMLReader().read(root: try folder.write("calls.xml", CEMOFixtures.valid()))
    let agentDialogs = Set(corpus.segments.filter { $0.speaker == "A07" }.map(\.dialog))
    #expect(agentDialogs == ["D0001", "D0002"])
    let callers = Set(
      corpus.segments.filter { $0.dialog == "D0001" && corpus.speaker($0.speaker)?.role == .caller }.map(\.speaker))
    #expect(callers == ["C0001", "C0002"])
  }

  @Test func readsISO88591WithFrenchLabels() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let file = try folder.write("latin1.xml", CEMOFixtures.valid(encoding: "ISO-8859-1"), encoding: .isoLatin1)
    // The bytes on disk really are Latin-1 (è is one byte, 0xE8).
    #expect(try Data(contentsOf: URL(fileURLWithPath: file)).contains(0xE8))
    let corpus = try CEMOXMLReader().read(root: file)
    #expect(corpus.segments[2].annotations[0].major == "Colère froide")
    #expect(corpus.segments[2].annotations[0].minor == "Soulagement")
  }

  @Test func readsAFolderOfFilesInNameOrder() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let second = try folder.write("b-calls.xml", CEMOFixtures.second())
    let first = try folder.write("a-calls.xml", CEMOFixtures.valid())
    try folder.write("notes.txt", "not a corpus file")
    try folder.write("._a-calls.xml", "\u{0}\u{5}binary resource fork")
    let corpus = try CEMOXMLReader().read(root: folder.path)

    #expect(corpus.name == "cemo-test")
    #expect(corpus.root == folder.path)
    #expect(corpus.inputFiles.map(\.path) == [first, second])
    #expect(corpus.coders == ["c1", "c2", "c3"])
    #expect(corpus.speakers.map(\.id) == ["A07", "C0001", "C0002", "C0003"])
    #expect(corpus.speaker("A07")?.origin == Origin(file: first, line: 5))
    #expect(corpus.dialogs.map(\.id) == ["D0001", "D0002", "D0003"])
    #expect(corpus.segments.count == 6)
    #expect(Set(corpus.segments.filter { $0.speaker == "A07" }.map(\.dialog)) == ["D0001", "D0002", "D0003"])
    #expect(corpus.notes == ["\(folder.path)/._a-calls.xml: hidden file skipped"])
  }

  @Test func folderOfFilesWithDifferentNamesIsNamedAfterTheFolder() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try folder.write("a.xml", CEMOFixtures.valid(name: "batch-1"))
    try folder.write("b.xml", CEMOFixtures.second(name: "batch-2"))
    let corpus = try CEMOXMLReader().read(root: folder.path + "/")
    #expect(corpus.name == (folder.path as NSString).lastPathComponent)
  }

  @Test func symbolicLinkInsideTheRootIsAccepted() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try FileManager.default.createDirectory(atPath: folder.path + "/wav", withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: folder.path + "/audio", withDestinationPath: "wav")
    let corpus = try CEMOXMLReader().read(root: try folder.write("calls.xml", CEMOFixtures.valid()))
    #expect(corpus.dialogs[0].audioPath == folder.path + "/audio/D0001.wav")
  }

  // MARK: - Errors: one per kind, word for word.

  struct ErrorCase: Sendable, CustomTestStringConvertible {
    var kind: String
    var replace: String
    var with: String
    /// Expected message; FILE and ROOT stand for the file and the corpus root.
    var message: String
    /// Without `strict`: the ids of the segments dropped as malformed; nil for a file-level fault.
    var dropped: [String]? = nil
    var testDescription: String { kind }
  }

  static let errorCases: [ErrorCase] = [
    ErrorCase(
      kind: "unknown speaker", replace: #"speaker="C0002" start"#, with: #"speaker="C0009" start"#,
      message:
        "FILE:18: segment 'D0001-003' refers to unknown speaker 'C0009' (expected a speaker declared in this file's <speakers>)",
      dropped: ["D0001-003"]),
    ErrorCase(
      kind: "unknown coder", replace: #"<annotation coder="c1" major="Colère"#,
      with: #"<annotation coder="c3" major="Colère"#,
      message:
        "FILE:19: annotation of segment 'D0001-003' refers to unknown coder 'c3' (expected a coder declared in this file's <coders>)",
      dropped: ["D0001-003"]),
    ErrorCase(
      kind: "duplicate speaker", replace: #"<speaker id="C0002""#, with: #"<speaker id="C0001""#,
      message:
        "FILE:7: duplicate speaker id 'C0001', first declared at FILE:6 (expected each speaker declared once per file)"),
    ErrorCase(
      kind: "duplicate coder", replace: #"<coder id="c2"/>"#, with: #"<coder id="c1"/>"#,
      message: "FILE:3: duplicate coder id 'c1', first declared at FILE:3 (expected each coder declared once per file)"
    ),
    ErrorCase(
      kind: "duplicate dialog", replace: #"<dialog id="D0002""#, with: #"<dialog id="D0001""#,
      message:
        "FILE:22: duplicate dialog id 'D0001', first declared at FILE:9 (expected dialog ids unique across the corpus)",
      dropped: ["D0002-001"]),
    ErrorCase(
      kind: "duplicate segment", replace: #"<segment id="D0001-002""#, with: #"<segment id="D0001-001""#,
      message:
        "FILE:14: duplicate segment id 'D0001-001', first declared at FILE:10 (expected segment ids unique across the corpus)",
      dropped: ["calls.xml:14"]),
    ErrorCase(
      kind: "duplicate annotation", replace: #"<annotation coder="c2" major="Anxiety"/>"#,
      with: #"<annotation coder="c1" major="Anxiety"/>"#,
      message:
        "FILE:12: coder 'c1' annotates segment 'D0001-001' twice, first at FILE:11 (expected one annotation per coder and segment)",
      dropped: ["D0001-001"]),
    ErrorCase(
      kind: "end equal to start", replace: #"start="0" end="1.5""#, with: #"start="1.5" end="1.5""#,
      message: "FILE:23: segment 'D0002-001' ends at 1.5 s, not after its start 1.5 s (expected end > start)",
      dropped: ["D0002-001"]),
    ErrorCase(
      kind: "end before start", replace: #"start="0" end="1.5""#, with: #"start="2" end="1.5""#,
      message: "FILE:23: segment 'D0002-001' ends at 1.5 s, not after its start 2 s (expected end > start)",
      dropped: ["D0002-001"]),
    ErrorCase(
      kind: "negative time", replace: #"start="0" end="1.5""#, with: #"start="-0.5" end="1.5""#,
      message:
        "FILE:23: Element 'segment', attribute 'start': [facet 'minInclusive'] The value '-0.5' is less than the minimum value allowed ('0')."
    ),
    ErrorCase(
      kind: "overlapping segments of one speaker",
      replace: #"<segment id="D0001-002" speaker="A07" start="2.10""#,
      with: #"<segment id="D0001-002" speaker="C0001" start="2.00""#,
      message:
        "FILE:14: segment 'D0001-002' [2.00, 4.00] of speaker 'C0001' overlaps segment 'D0001-001' [0.52, 2.10] at FILE:10 (expected one speaker's segments not to overlap within a dialog)",
      dropped: ["D0001-002"]),
    ErrorCase(
      kind: "segment inside a longer one", replace: #"<segment id="D0001-003" speaker="C0002" start="3.00" end="5.25""#,
      with: #"<segment id="D0001-003" speaker="C0001" start="1.00" end="1.50""#,
      message:
        "FILE:18: segment 'D0001-003' [1.00, 1.50] of speaker 'C0001' overlaps segment 'D0001-001' [0.52, 2.10] at FILE:10 (expected one speaker's segments not to overlap within a dialog)",
      dropped: ["D0001-003"]),
    ErrorCase(
      kind: "absolute audio path", replace: #"audio="./audio/../audio/D0002.wav""#, with: #"audio="/etc/passwd""#,
      message:
        "FILE:22: dialog 'D0002' audio '/etc/passwd' is an absolute path (expected a path relative to the corpus root ROOT)"
    ),
    ErrorCase(
      kind: "audio path escaping through ..", replace: #"audio="./audio/../audio/D0002.wav""#,
      with: #"audio="audio/../../x.wav""#,
      message:
        "FILE:22: dialog 'D0002' audio 'audio/../../x.wav' leads outside the corpus root through '..' (expected a path relative to the corpus root ROOT)"
    ),
    ErrorCase(
      kind: "malformed XML", replace: "</corpus>", with: "</corpsu>",
      message: "FILE:27: Opening and ending tag mismatch: corpus line 2 and corpsu"),
    ErrorCase(
      kind: "schema: bad role", replace: #"role="agent""#, with: #"role="boss""#,
      message:
        "FILE:5: Element 'speaker', attribute 'role': [facet 'enumeration'] The value 'boss' is not an element of the set {'caller', 'agent'}."
    ),
    ErrorCase(
      kind: "schema: missing major", replace: #"<annotation coder="c2" major="Interest"/>"#,
      with: #"<annotation coder="c2"/>"#,
      message: "FILE:24: Element 'annotation': The attribute 'major' is required but missing."),
    ErrorCase(
      kind: "schema: unknown element", replace: "<coders>", with: "<notes/><coders>",
      message: "FILE:3: Element 'notes': This element is not expected. Expected is ( coders )."),
    ErrorCase(
      kind: "DOCTYPE", replace: #"<corpus name"#, with: "<!DOCTYPE corpus SYSTEM \"cemo.dtd\">\n<corpus name",
      message:
        "FILE:2: DOCTYPE/entity declarations are not allowed (expected a plain CEMO annotation file without DTD)"),
  ]

  @Test(arguments: errorCases)
  func rejects(_ errorCase: ErrorCase) throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let valid = CEMOFixtures.valid()
    #expect(valid.contains(errorCase.replace), "fixture text to replace not found")
    let file = try folder.write("calls.xml", valid.replacingOccurrences(of: errorCase.replace, with: errorCase.with))
    let expected = errorCase.message.replacingOccurrences(of: "FILE", with: file)
      .replacingOccurrences(of: "ROOT", with: folder.path)
    #expect(readError(file, strict: true) == expected)
    guard let dropped = errorCase.dropped else {
      #expect(readError(file) == expected)  // a file-level fault: fatal without --strict too
      return
    }
    let corpus = try CEMOXMLReader().read(root: file)
    #expect(corpus.faults.map(\.id) == dropped)
    #expect(corpus.faults.map(\.description) == [expected])
    #expect(corpus.segments.count + corpus.faults.count == 4)  // every segment element accounted for
    #expect(Set(corpus.segments.map(\.id)).isDisjoint(with: dropped))
  }

  @Test func rejectsAudioLinkedOutsideTheRoot() throws {
    let folder = try TemporaryDirectory()
    let outside = try TemporaryDirectory()
    defer {
      folder.remove()
      outside.remove()
    }
    try FileManager.default.createSymbolicLink(atPath: folder.path + "/audio", withDestinationPath: outside.path)
    let file = try folder.write("calls.xml", CEMOFixtures.valid())
    #expect(
      readError(file)
        == "\(file):9: dialog 'D0001' audio 'audio/D0001.wav' leads outside the corpus root through a symbolic link "
        + "(to '\(outside.path)/D0001.wav') (expected a path relative to the corpus root \(folder.path))")
  }

  @Test func rejectsASpeakerDeclaredDifferentlyInTwoFiles() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let first = try folder.write("a.xml", CEMOFixtures.valid())
    let second = try folder.write("b.xml", CEMOFixtures.second(agentGender: "male"))
    #expect(
      readError(folder.path)
        == "\(second):5: speaker 'A07' is declared agent/male here but agent/female at \(first):5 "
        + "(expected the same role and gender in every file)")
  }

  @Test func readsEachSpeakersChannel() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let text = CEMOFixtures.valid()
      .replacingOccurrences(
        of: #"role="agent" gender="female"/>"#, with: #"role="agent" gender="female" channel="0"/>"#
      )
      .replacingOccurrences(
        of: #"role="caller" gender="male"/>"#, with: #"role="caller" gender="male" channel=" 1 "/>"#)
    let corpus = try CEMOXMLReader().read(root: try folder.write("calls.xml", text))
    #expect(corpus.speaker("A07")?.channel == 0)
    #expect(corpus.speaker("C0001")?.channel == 1)
    #expect(corpus.speaker("C0002")?.channel == nil)  // no attribute: channels mixed down
    for bad in ["-1", "left", "1.5", "256"] {
      let file = try folder.write(
        "bad.xml",
        CEMOFixtures.valid().replacingOccurrences(of: #"gender="male"/>"#, with: #"gender="male" channel="\#(bad)"/>"#))
      let message = readError(file)
      #expect(
        message?.hasPrefix("\(file):6: Element 'speaker', attribute 'channel'") == true, "\(bad): \(message ?? "read")")
      try FileManager.default.removeItem(atPath: file)
    }
  }

  @Test func rejectsASpeakerOnAnotherChannelInAnotherFile() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let first = try folder.write(
      "a.xml",
      CEMOFixtures.valid().replacingOccurrences(of: #"gender="female"/>"#, with: #"gender="female" channel="0"/>"#))
    let second = try folder.write(
      "b.xml",
      CEMOFixtures.second().replacingOccurrences(
        of: #"role="agent" gender="female"/>"#, with: #"role="agent" gender="female" channel="1"/>"#))
    #expect(
      readError(folder.path)
        == "\(second):5: speaker 'A07' is declared on channel 1 here but on channel 0 at \(first):5 "
        + "(expected the same channel in every file)")
  }

  @Test func aDialogIdRepeatedInAnotherFileIsNotReadTwice() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let first = try folder.write("a.xml", CEMOFixtures.valid())
    let second = try folder.write("b.xml", CEMOFixtures.second().replacingOccurrences(of: "D0003\"", with: "D0001\""))
    let message =
      "\(second):8: duplicate dialog id 'D0001', first declared at \(first):9 "
      + "(expected dialog ids unique across the corpus)"
    #expect(readError(folder.path, strict: true) == message)
    let corpus = try CEMOXMLReader().read(root: folder.path)
    #expect(corpus.faults.map(\.id) == ["D0003-001", "D0003-002"])
    #expect(corpus.faults.map(\.description) == [message, message])
    #expect(corpus.faults.map(\.origin.line) == [8, 8])
    #expect(corpus.segments.count == 4)
  }

  @Test func rejectsAMissingRoot() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    #expect(
      readError(folder.path + "/nope")
        == "\(folder.path)/nope: no such file or folder (expected a CEMO .xml file or a folder of .xml files)")
  }

  @Test func rejectsAFolderWithoutXMLFiles() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try folder.write("labels.csv", "a,b\n")
    #expect(
      readError(folder.path)
        == "\(folder.path): no .xml file in this folder (expected CEMO annotation files named *.xml)")
  }

  @Test func rejectsXXEAndBillionLaughsFiles() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    for (name, text) in [("xxe.xml", CEMOFixtures.xxe), ("lol.xml", CEMOFixtures.billionLaughs)] {
      let file = try folder.write(name, text)
      #expect(
        readError(file)
          == "\(file):2: DOCTYPE/entity declarations are not allowed (expected a plain CEMO annotation file without DTD)"
      )
    }
  }

  @Test func embeddedSchemaEqualsTheCheckedInFile() throws {
    let repository = repositoryFile(".")
    let onDisk = try Data(contentsOf: repository.appendingPathComponent("schemas/cemo-annotations.xsd"))
    #expect(
      Data(EmbeddedSchemas.cemoAnnotations.utf8) == onDisk,
      "run `python3 scripts/dev/embed-schemas.py` after editing schemas/cemo-annotations.xsd")
  }

  private func readError(_ root: String, strict: Bool = false) -> String? {
    do {
      _ = try CEMOXMLReader(strict: strict).read(root: root)
      return nil
    } catch {
      return String(describing: error)
    }
  }
}
