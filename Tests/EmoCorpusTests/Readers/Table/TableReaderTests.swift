import EmoSupport
import Foundation
import TestSupport
import Testing

@testable import EmoCorpus

@Suite struct TableReaderTests {
  static let quotedCSV = [
    "path,speaker,gender,role,start,end,label,minor,coder,comment",
    "audio/d1.wav,C1,f,caller,0.5,2.0,Stress,Fear,c1,\"said \"\"help\"\", twice\"",
    "audio/d1.wav,C1,,caller,0.50,2.0,Anxiety,,c2,\"line one\r\nline two\"",
    "audio/d1.wav,A7,M,agent,2.5,4,Neutral,,c1,plain",
    "audio/./d1.wav,A7,M,agent,2.5,4,Neutral,,c2,",
    "/abs/x.wav,S9,unknown,,,,Anger,,c1,x",
  ].joined(separator: "\r\n")

  @Test func groupsQuotedMultiCoderRowsIntoSegments() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let table = try folder.write("calls.csv", Self.quotedCSV)
    let corpus = try TableReader().read(root: table)
    #expect(corpus.name == "calls")
    #expect(corpus.source == .table)
    #expect(corpus.root == folder.path)
    #expect(corpus.segments.map(\.id) == ["d1_0.5_2.0", "d1_2.5_4", "x"])
    #expect(corpus.coders == ["c1", "c2"])

    let first = corpus.segments[0]
    #expect(first.annotations.map(\.coder) == ["c1", "c2"])
    #expect(first.annotations.map(\.major) == ["Stress", "Anxiety"])
    #expect(first.annotations.map(\.minor) == ["Fear", nil])
    #expect(first.annotations.map(\.origin.line) == [2, 3])
    #expect(first.extra["comment"] == "said \"help\", twice")
    #expect(first.audio == AudioRef(path: folder.path + "/audio/d1.wav", start: 0.5, end: 2.0))
    #expect(first.dialog == "d1")

    // The row after the quoted newline is physical line 5.
    #expect(corpus.segments[1].origin.line == 5)
    #expect(corpus.segments[1].annotations.count == 2)

    let last = corpus.segments[2]
    #expect(last.span == nil)
    #expect(last.audio == AudioRef(path: "/abs/x.wav"))
    #expect(last.annotations.map(\.coder) == ["c1"])

    #expect(corpus.speakers.map(\.id) == ["C1", "A7", "S9"])
    #expect(corpus.speakers.map(\.gender) == [.female, .male, .unknown])
    #expect(corpus.speakers.map(\.role) == [.caller, .agent, .speaker])
    #expect(corpus.dialogs.map(\.id) == ["d1", "x"])
    #expect(corpus.dialogs[0].audioPath == folder.path + "/audio/d1.wav")
    #expect(corpus.inputFiles == [InputFile(path: table, sha256: SHA256.hex(Self.quotedCSV))])
  }

  @Test func readsTSVWithIdsAndPositionalCoders() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try folder.write(
      "data/emo.tsv",
      "id\tpath\tspeaker\tlabel\tdialog\n" + "s1\ta.wav\tspk1\tangry\tdlg\n" + "s2\tb.wav\tspk2\thappy\tdlg\n"
        + "s1\ta.wav\tspk1\tsad\tdlg\n" + "s1\ta.wav\tspk1\tangry\tdlg\n")
    let corpus = try TableReader().read(root: folder.path + "/data")
    #expect(corpus.name == "emo")
    #expect(corpus.segments.map(\.id) == ["s1", "s2"])
    #expect(corpus.segments[0].annotations.map(\.coder) == ["coder1", "coder2", "coder3"])
    #expect(corpus.segments[0].annotations.map(\.major) == ["angry", "sad", "angry"])
    #expect(corpus.coders == ["coder1", "coder2", "coder3"])
    #expect(corpus.dialogs.map(\.id) == ["dlg"])
    #expect(corpus.dialogs[0].audioPath == nil)
    #expect(corpus.speakers.allSatisfy { $0.role == .speaker && $0.gender == .unknown })
  }

  @Test func prefersCorpusCSVInAFolder() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try folder.write("corpus.csv", "path,speaker,label\na.wav,s,neutral\n")
    try folder.write("other.tsv", "path\tspeaker\tlabel\nb.wav\ts\tneutral\nc.wav\ts\tneutral\n")
    let corpus = try TableReader().read(root: folder.path)
    #expect(corpus.segments.map(\.id) == ["a"])
    #expect(corpus.name == (folder.path as NSString).lastPathComponent)
  }

  @Test func sniffsTabsWhenTheExtensionSaysNothing() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let table = try folder.write("list.txt", "path\tspeaker\tlabel\tcomment\na.wav\ts\tneutral\tx, y\n")
    let corpus = try TableReader().read(root: table)
    #expect(corpus.segments.map(\.extra) == [["comment": "x, y"]])
  }

  /// Tables that cannot be trusted as a whole → the message after `<table>:` (fatal, strict or not).
  static let fileErrorCases: [(String, String)] = [
    (
      "path,speaker,emotion\na.wav,s,x\n",
      "1: missing required column label (expected a header with path, speaker and label, or --columns label=<your column>; found: path, speaker, emotion)"
    ),
    ("path,speaker,label,Speaker\n", "1: column speaker appears twice (expected each column once)"),
    (
      "path,speaker,label\n\"a.wav,A,x\nb.wav,B,y\n",
      "2: quoted field never closed (expected a closing \" before the end of the file)"
    ),
    (
      "path,speaker,label\n\"a\".wav,A,x\n",
      "2: text after the closing quote of a field (expected the delimiter or the end of the line after a quoted field)"
    ),
    ("", "empty table (expected a header row with path, speaker and label)"),
    (" ; ; \n", "empty table (expected a header row with path, speaker and label)"),
  ]

  @Test(arguments: fileErrorCases) func rejectsBadTable(text: String, message: String) throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let table = try folder.write("t.csv", text)
    for strict in [false, true] {
      let error = #expect(throws: LocatedError.self) { try TableReader(strict: strict).read(root: table) }
      #expect(error?.description == table + (message.first!.isNumber ? ":" : ": ") + message)
    }
  }

  /// One faulty row → the message after `<table>:`: fatal with `strict`; otherwise that row alone
  /// is dropped as malformed (the other rows are read) with the same location and cause.
  static let rowErrorCases: [(String, String)] = [
    (
      "path,speaker,label,start,end\na.wav,s,x,abc,2\n",
      "2: bad number \"abc\" in column start (expected seconds ≥ 0, e.g. 1.25)"
    ),
    (
      "path,speaker,label,start,end\na.wav,s,x,1,-2\n",
      "2: bad number \"-2\" in column end (expected seconds ≥ 0, e.g. 1.25)"
    ),
    ("path,speaker,label,start,end\na.wav,s,x,2.5,2.5\n", "2: end 2.5 is not after start 2.5 (expected end > start)"),
    (
      "path,speaker,label,start,end\na.wav,s,x,1,\n",
      "2: start given without end (expected both start and end, or neither)"
    ),
    (
      "path,speaker,label,start,end\na.wav,s,x,,1\n",
      "2: end given without start (expected both start and end, or neither)"
    ),
    (
      "path,speaker,label,role\na.wav,s,x,operator\n",
      "2: unknown role \"operator\" (expected caller, agent or speaker)"
    ),
    ("path,speaker,label\na.wav,s,x\nb.wav,,x\n", "3: empty required field speaker (expected a value in every row)"),
    ("path,speaker,label\n,s,x\n", "2: empty required field path (expected a value in every row)"),
    ("path,speaker,label\na.wav,s\n", "2: row has 2 fields, the header has 3 (expected one value per column)"),
    (
      "id,path,speaker,label\ns1,a.wav,A,x\ns1,a.wav,B,y\n",
      "3: conflicting speaker for segment s1: B here, A at line 2 (expected the same speaker on every row of a segment)"
    ),
    (
      "id,path,speaker,label\ns1,a.wav,A,x\ns1,b.wav,A,y\n",
      "3: conflicting path for segment s1: b.wav here, a.wav at line 2 (expected the same path on every row of a segment)"
    ),
    (
      "path,speaker,label,gender\na.wav,A,x,m\nb.wav,A,y,F\n",
      "3: conflicting gender for speaker A: female here, male at line 2 (expected one gender per speaker)"
    ),
    (
      "path,speaker,label,role\na.wav,A,x,caller\nb.wav,A,y,agent\n",
      "3: conflicting role for speaker A: agent here, caller at line 2 (expected one role per speaker)"
    ),
    (
      "path,speaker,label,coder\na.wav,A,x,c1\n\"a.wav\",A,y,c1\n",
      "3: coder c1 annotates segment a twice (first at line 2) (expected one row per coder and segment)"
    ),
    (
      "path,speaker,label\nx/a.wav,A,x\ny/a.wav,B,y\n",
      "3: segment id a already made at line 2 from another file or span (expected unique segment ids: add an id column)"
    ),
  ]

  @Test(arguments: rowErrorCases) func faultyRowIsDroppedOrFatalWithStrict(text: String, message: String) throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    // A good row after the faulty one, with a speaker of its own.
    let header = text.prefix { $0 != "\n" }.split(separator: ",", omittingEmptySubsequences: false)
    let good = ["path": "z.wav", "speaker": "S9", "label": "ok", "id": "z"]
    let table = try folder.write(
      "t.csv", text + header.map { good[$0.lowercased()] ?? "" }.joined(separator: ",") + "\n")
    let expected = table + ":" + message
    let error = #expect(throws: LocatedError.self) { try TableReader(strict: true).read(root: table) }
    #expect(error?.description == expected)

    let corpus = try TableReader().read(root: table)
    #expect(corpus.faults.map(\.description) == [expected])
    #expect(corpus.segments.last?.id == "z")
    #expect(corpus.speakers.last?.id == "S9")
    #expect(!corpus.segments.map(\.id).contains(corpus.faults[0].id))
    // Nothing of the faulty row reached the corpus: its label, coder or speaker facts.
    let line = corpus.faults[0].origin.line
    #expect(!corpus.segments.flatMap(\.annotations).contains { $0.origin.line == line })
  }

  @Test func emptyLabelIsACoderWithoutLabelNotAFault() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let table = try folder.write(
      "t.csv", "id,path,speaker,label,coder\ns1,a.wav,A,,c1\ns1,a.wav,A,Anger,c2\ns2,b.wav,A, ,c1\n")
    let corpus = try TableReader(strict: true).read(root: table)
    #expect(corpus.faults.isEmpty)
    #expect(corpus.segments.map { $0.annotations.map(\.major) } == [[nil, "Anger"], [nil]])
    let labeled = try Normalizer(task: try TaskDefinition.load("iemocap-4")).normalize(corpus)
    #expect(labeled[0].label == "anger")
    #expect(labeled[1].drop == Drop(segmentID: "s2", reason: .noLabel, detail: "no coder gave a label"))
    #expect(
      ItemFault.strictNoLabelError(labeled)?.description
        == "\(table):4: segment s2 has no label (expected a label from at least one coder; without --strict such segments are dropped as no label)"
    )
  }

  @Test func rejectsMissingTableAndAmbiguousFolder() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let missing = #expect(throws: LocatedError.self) { try TableReader().read(root: folder.path + "/no.csv") }
    #expect(
      missing?.description
        == "\(folder.path)/no.csv: table not found (expected a .csv or .tsv file, or a folder holding one)")
    let empty = #expect(throws: LocatedError.self) { try TableReader().read(root: folder.path) }
    #expect(
      empty?.description == "\(folder.path): no .csv or .tsv file in folder (expected exactly one table, or corpus.csv)"
    )
    try folder.write("a.csv", "path,speaker,label\n")
    try folder.write("b.tsv", "path\tspeaker\tlabel\n")
    let two = #expect(throws: LocatedError.self) { try TableReader().read(root: folder.path) }
    #expect(
      two?.description
        == "\(folder.path): 2 tables (a.csv, b.tsv) in folder (expected exactly one table, or corpus.csv)")
  }
}
