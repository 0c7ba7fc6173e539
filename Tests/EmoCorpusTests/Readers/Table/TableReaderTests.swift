import EmoSupport
import Foundation
import TestSupport
import Testing

@testable import EmoCorpus
@testable import Readers

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

  /// Segments saying the same sentence share one string: a large acted corpus holds each of its
  /// few sentences once, not once per segment.
  @Test func segmentsSayingTheSameSentenceShareItsText() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let table = try folder.write(
      "t.csv",
      """
      path,speaker,label,start,end,text
      a.wav,s1,ang,0,1,the same long sentence of many words
      a.wav,s1,neu,1,2, the same long sentence of many words
      b.wav,s2,ang,0,1,another long sentence of many words
      """)
    let corpus = try TableReader().read(root: table)
    let texts = corpus.segments.map { $0.extra[ContentKey.textField] }
    #expect(
      texts == [
        "the same long sentence of many words", "the same long sentence of many words",
        "another long sentence of many words",
      ])
    func storage(_ text: String?) -> UnsafeRawPointer? {
      var text = text ?? ""
      return text.withUTF8 { UnsafeRawPointer($0.baseAddress) }
    }
    #expect(storage(texts[0]) == storage(texts[1]))
    #expect(storage(texts[0]) != storage(texts[2]))
    // The extra cells of the first two segments are one dictionary (a native dictionary is one
    // reference to its storage).
    let extras = corpus.segments.map { unsafeBitCast($0.extra, to: UnsafeRawPointer.self) }
    #expect(extras[0] == extras[1])
    #expect(extras[0] != extras[2])
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
    let corpus = try TableReader().read(root: table)
    #expect(corpus.faults.isEmpty)
    #expect(corpus.segments.map { $0.annotations.map(\.major) } == [[nil, "Anger"], [nil]])
    // With --strict an empty label is an item fault like the others.
    let strict = #expect(throws: LocatedError.self) { try TableReader(strict: true).read(root: table) }
    #expect(
      strict?.description
        == "\(table):2: empty label (expected a label; without --strict an empty label is a coder who gave none, and a segment no coder labelled is dropped as no label)"
    )
    let labeled = try Normalizer(task: try TaskDefinition.load("iemocap-4")).normalize(corpus)
    #expect(labeled[0].label == "anger")
    #expect(labeled[1].drop == Drop(segmentID: "s2", reason: .noLabel, detail: "no coder gave a label"))
    #expect(
      ItemFault.strictNoLabelError(labeled)?.description
        == "\(table):4: segment s2 has no label (expected a label from at least one coder; without --strict such segments are dropped as no label)"
    )
  }

  @Test func aBinaryFileGivenAsTableIsRefused() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let table = folder.path + "/corpus.csv"
    // A WAV header where a table was expected.
    try Data([0x52, 0x49, 0x46, 0x46, 0x24, 0x08, 0x00, 0x00, 0x57, 0x41, 0x56, 0x45]).write(
      to: URL(fileURLWithPath: table))
    for strict in [false, true] {
      let error = #expect(throws: LocatedError.self) { try TableReader(strict: strict).read(root: folder.path) }
      #expect(
        error?.description
          == "\(table): binary data (a NUL byte at offset 6), not text (expected UTF-8 or ISO-8859-1 text, or UTF-16 with a byte-order mark)"
      )
    }
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

/// Tables written the way their authors ship them, read with `--columns` and `--audio-dir`
/// instead of being converted by hand.
@Suite struct TablesAsShippedTests {
  /// nEMO's `data.tsv` (amu-cai/nEMO): its own column names, speaker ids padded with spaces,
  /// audio in `samples/`, transcripts in extra columns. Rows copied in shape, text invented.
  static let nemoShaped = [
    "file_id\temotion\traw_text\tnormalized_text\tspeaker_id\tgender\tage",
    "WR0_surprised_64.wav\tsurprised\tUcho wykrywa dźwięki.\tucho wykrywa dźwięki\t        WR0\tmale\t23",
    "EB0_neutral_13.wav\tneutral\tInteresuje mnie historia.\tinteresuje mnie historia\t        EB0\tfemale\t27",
    "EB0_anger_1.wav\tanger\tZamknij drzwi.\tzamknij drzwi\t        EB0\tfemale\t27",
    "",
  ].joined(separator: "\n")

  static let nemoLayout = TableLayout(
    columns: ["path": "file_id", "label": "emotion", "speaker": "speaker_id"], audioDir: "samples")

  @Test func readsNEMOsDataTSVWithColumnsAndAudioDir() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try FileManager.default.createDirectory(atPath: folder.path + "/samples", withIntermediateDirectories: true)
    let table = try folder.write("data.tsv", Self.nemoShaped)
    let corpus = try TableReader(layout: Self.nemoLayout, strict: true).read(root: table)
    #expect(corpus.faults.isEmpty)
    #expect(corpus.segments.map(\.id) == ["WR0_surprised_64", "EB0_neutral_13", "EB0_anger_1"])
    #expect(corpus.segments.map(\.speaker) == ["WR0", "EB0", "EB0"])
    #expect(corpus.segments[0].audio?.path == folder.path + "/samples/WR0_surprised_64.wav")
    #expect(corpus.segments.map { $0.annotations[0].major } == ["surprised", "neutral", "anger"])
    #expect(corpus.speakers.map(\.gender) == [.male, .female])
    #expect(corpus.segments[0].extra["age"] == "23")
    let labeled = try Normalizer(task: try TaskDefinition.load("iemocap-4")).normalize(corpus)
    #expect(labeled.map(\.label) == [nil, "neutral", "anger"])
    #expect(labeled[0].drop?.reason == .classNotInTask)

    // Without the layout the table says what is missing and how to name it.
    let error = #expect(throws: LocatedError.self) { try TableReader().read(root: table) }
    #expect(
      error?.description
        == "\(table):1: missing required column path (expected a header with path, speaker and label, or --columns path=<your column>; found: file_id, emotion, raw_text, normalized_text, speaker_id, gender, age)"
    )
  }

  @Test func columnsNamingAbsentHeadersAndAMissingAudioDirAreFileErrors() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let table = try folder.write("data.tsv", Self.nemoShaped)
    let badColumn = #expect(throws: LocatedError.self) {
      try TableReader(layout: TableLayout(columns: ["path": "file", "label": "emotion", "speaker": "speaker_id"]))
        .read(root: table)
    }
    #expect(
      badColumn?.description
        == "\(table):1: column file named by --columns path=file is not in the header (expected a column of the header: file_id, emotion, raw_text, normalized_text, speaker_id, gender, age)"
    )
    let noAudio = #expect(throws: LocatedError.self) { try TableReader(layout: Self.nemoLayout).read(root: table) }
    #expect(
      noAudio?.description
        == "\(folder.path)/samples: audio folder given by --audio-dir samples does not exist (expected a folder relative to the table's folder \(folder.path), or an absolute one)"
    )
  }

  /// A table made by hand in a spreadsheet: semicolons, blanks around fields, a trailing
  /// delimiter, CRLF, M/F/other genders, an accented comment, one empty label, one zero-length row.
  static let spreadsheet = [
    "file ; emotion ; speaker ; sex ; start ; end ; comment ;",
    "a01.wav ; Angry ;   S01 ; M ;  ;  ; très fâché ;",
    "a02.wav ; Sad ;   S01 ; M ;  ;  ;  ;",
    "b01.wav ;  ;   S02 ; F ;  ;  ;  ;",
    "b02.wav ; Happy ;   S02 ; F ; 1.5 ; 1.5 ;  ;",
    "c01.wav ; Neutral ;   S03 ; other ;  ;  ;  ;",
    "c02.wav ; Neutral ;   S04 ; woman ;  ;  ;  ;",
    "",
  ].joined(separator: "\r\n")

  static func bytes(_ text: String, _ encoding: String) -> [UInt8] {
    switch encoding {
    case "iso-8859-1": return Array(text.data(using: .isoLatin1)!)
    case "utf-8-bom": return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
    default: return [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }  // utf-16le
    }
  }

  @Test(arguments: ["iso-8859-1", "utf-8-bom", "utf-16le"])
  func readsASpreadsheetTableWithItsFaultsAccounted(encoding: String) throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let table = folder.path + "/labels.csv"
    try Data(Self.bytes(Self.spreadsheet, encoding)).write(to: URL(fileURLWithPath: table))
    let layout = TableLayout(columns: ["path": "file", "label": "emotion", "gender": "sex"])
    let corpus = try TableReader(layout: layout).read(root: table)

    // The zero-length row is dropped as malformed, at its line; every other row is a segment.
    #expect(
      corpus.faults.map(\.description) == ["\(table):5: end 1.5 is not after start 1.5 (expected end > start)"])
    #expect(corpus.faults.map(\.id) == ["b02_1.5_1.5"])
    #expect(corpus.segments.map(\.id) == ["a01", "a02", "b01", "c01", "c02"])
    #expect(corpus.itemsRead == 6)
    #expect(corpus.segments[0].extra["comment"] == "très fâché")
    #expect(corpus.speakers.map(\.id) == ["S01", "S02", "S03", "S04"])
    #expect(corpus.speakers.map(\.gender) == [.male, .female, .unknown, .female])
    #expect(corpus.readerCounts["unknown_gender_speakers"] == 1)
    #expect(
      corpus.notes.last?.hasSuffix(
        "gender values read as unknown: 'other' (1 row) (male: m, male, man; female: f, female, woman)") == true)

    // The empty label is a coder without label: the segment is dropped as no label.
    let labeled = try Normalizer(task: try TaskDefinition.load("iemocap-4")).normalize(corpus)
    #expect(labeled.map(\.label) == ["anger", "sadness", nil, "neutral", "neutral"])
    #expect(labeled[2].drop?.reason == .noLabel)

    // --strict stops at the first faulty item with its file:line.
    let strict = #expect(throws: LocatedError.self) { try TableReader(layout: layout, strict: true).read(root: table) }
    #expect(
      strict?.description
        == "\(table):4: empty label (expected a label; without --strict an empty label is a coder who gave none, and a segment no coder labelled is dropped as no label)"
    )
  }

  @Test func parsesColumnsOption() {
    #expect(
      TableLayout.parseColumns(" path=file_id, label = emotion ,speaker=speaker_id")
        == .success(["path": "file_id", "label": "emotion", "speaker": "speaker_id"]))
    #expect(TableLayout.parseColumns("PATH=x") == .success(["path": "x"]))
    #expect(TableLayout.parseColumns("") == .failure(.empty))
    #expect(TableLayout.parseColumns("path") == .failure(.notAPair("path")))
    #expect(TableLayout.parseColumns("path=") == .failure(.notAPair("path=")))
    #expect(TableLayout.parseColumns("file=x") == .failure(.unknownName("file")))
    #expect(TableLayout.parseColumns("path=a,path=b") == .failure(.repeated("path")))
    #expect(
      TableLayout.ColumnsProblem.unknownName("file").description
        == "--columns: unknown column name 'file' (expected one of the names: path, speaker, label, gender, start, end, dialog, coder, minor, role, id, channel, text, sentence)"
    )
  }

  /// Found by the table fuzz target: a relative path climbing out of the table's folder became a
  /// segment whose audio lay outside the corpus root. Such a row is now an item fault.
  @Test func aRelativePathLeadingOutOfTheAudioFolderIsARowFault() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let table = try folder.write(
      "t/corpus.csv", "path,speaker,label\naudio/a.wav,s1,anger\n../io/b.wav,s2,neutral\nx/../../c.wav,s3,sad\n")
    let corpus = try TableReader().read(root: table)
    #expect(corpus.segments.map(\.id) == ["a"])
    #expect(corpus.faults.map(\.origin.line) == [3, 4])
    #expect(corpus.faults.allSatisfy { $0.description.contains("leads outside the corpus root through '..'") })
    #expect(corpus.segments.allSatisfy { $0.audio!.path.hasPrefix(folder.path + "/t/") })
    #expect(throws: LocatedError.self) { try TableReader(layout: TableLayout(), strict: true).read(root: table) }
  }
}
