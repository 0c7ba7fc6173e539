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

  @Test func readsEachSpeakersChannel() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let table = try folder.write(
      "calls.csv",
      "path,speaker,role,channel,start,end,label\ncall.wav,A7,agent,0,0,1,Neutral\ncall.wav,C1,caller,1,1,2,Anger\n"
        + "call.wav,C1,caller,,2,3,Fear\nother.wav,S2,caller,,0,1,Anger\n")
    let corpus = try TableReader().read(root: table)
    #expect(corpus.speaker("A7")?.channel == 0)
    #expect(corpus.speaker("C1")?.channel == 1)  // an empty cell states nothing
    #expect(corpus.speaker("S2")?.channel == nil)
    #expect(corpus.segments.allSatisfy { $0.extra["channel"] == nil })
  }

  /// Bad tables → the message after `<table>:`.
  static let errorCases: [(String, String)] = [
    (
      "path,speaker,emotion\na.wav,s,x\n",
      "1: missing required column label (expected a header with path, speaker and label; found: path, speaker, emotion)"
    ),
    ("path,speaker,label,Speaker\n", "1: column speaker appears twice (expected each column once)"),
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
      "path,speaker,label,gender\na.wav,s,x,woman\n",
      "2: unknown gender \"woman\" (expected male, female, unknown, m or f)"
    ),
    (
      "path,speaker,label,role\na.wav,s,x,operator\n",
      "2: unknown role \"operator\" (expected caller, agent or speaker)"
    ),
    ("path,speaker,label\na.wav,s,x\nb.wav,,x\n", "3: empty required field speaker (expected a value in every row)"),
    ("path,speaker,label\na.wav,s,\n", "2: empty required field label (expected a value in every row)"),
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
      "path,speaker,label,channel\na.wav,A,x,0\nb.wav,A,y,1\n",
      "3: conflicting channel for speaker A: 1 here, 0 at line 2 (expected one channel per speaker)"
    ),
    (
      "path,speaker,label,channel\na.wav,A,x,left\n",
      "2: bad channel \"left\" (expected a channel number counted from 0)"
    ),
    (
      "path,speaker,label,coder\na.wav,A,x,c1\n\"a.wav\",A,y,c1\n",
      "3: coder c1 annotates segment a twice (first at line 2) (expected one row per coder and segment)"
    ),
    (
      "path,speaker,label\nx/a.wav,A,x\ny/a.wav,B,y\n",
      "3: segment id a already made at line 2 from another file or span (expected unique segment ids: add an id column)"
    ),
    (
      "path,speaker,label\n\"a.wav,A,x\nb.wav,B,y\n",
      "2: quoted field never closed (expected a closing \" before the end of the file)"
    ),
    (
      "path,speaker,label\n\"a\".wav,A,x\n",
      "2: text after the closing quote of a field (expected the delimiter or the end of the line after a quoted field)"
    ),
    ("", "empty table (expected a header row with path, speaker and label)"),
  ]

  @Test(arguments: errorCases) func rejectsBadTable(text: String, message: String) throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let table = try folder.write("t.csv", text)
    let error = #expect(throws: LocatedError.self) { try TableReader().read(root: table) }
    #expect(error?.description == table + (message.first!.isNumber ? ":" : ": ") + message)
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
