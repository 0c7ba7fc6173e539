import EmoSupport
import Foundation
import TestSupport
import Testing

@testable import EmoCorpus

@Suite struct DelimitedTextTests {
  @Test func parsesQuotesCRLFAndBlankLinesWithPhysicalLineNumbers() throws {
    let text = "a,b\r\n\r\n\"x\ny\",\"q\"\"\"\r\nplain\"quote,\n\"\",last"
    let records = try DelimitedText.parse(text, delimiter: ",", path: "t.csv")
    #expect(records.map(\.fields) == [["a", "b"], ["x\ny", "q\""], ["plain\"quote", ""], ["", "last"]])
    #expect(records.map(\.line) == [1, 3, 5, 6])
  }

  @Test func keepsTabsAndCommasOfTheOtherDialect() throws {
    let records = try DelimitedText.parse("a\tb,c\n\"x\ty\"\t2\r", delimiter: "\t", path: "t.tsv")
    #expect(records.map(\.fields) == [["a", "b,c"], ["x\ty", "2"]])
    #expect(records.map(\.line) == [1, 2])
  }

  @Test func trimsBlanksAroundFieldsButNotInsideQuotes() throws {
    let text = " path ; speaker ;label\n  a.wav ;        EB0\t; \" odd ; label \"  \n"
    let records = try DelimitedText.parse(text, delimiter: ";", path: "t.csv")
    #expect(records.map(\.fields) == [["path", "speaker", "label"], ["a.wav", "EB0", " odd ; label "]])
    // Tabs delimit a TSV, so they are never trimmed away there; spaces are.
    let tsv = try DelimitedText.parse("a\t  b  \t\tc\n", delimiter: "\t", path: "t.tsv")
    #expect(tsv.map(\.fields) == [["a", "b", "", "c"]])
    let untrimmed = try DelimitedText.parse(" a , b \n", delimiter: ",", path: "t.csv", trim: false)
    #expect(untrimmed.map(\.fields) == [[" a ", " b "]])
  }

  @Test(arguments: [
    ("file_id\temotion\tspeaker_id\n", "t.tsv", "\t"),
    ("path;speaker;label;gender\n", "t.csv", ";"),  // the extension does not win over the header
    ("path|speaker|label\n", "t.txt", "|"),
    ("path,speaker,label\n", "t.tsv", ","),
    ("\"a;b\",c,d\n", "t.txt", ","),  // delimiters inside quotes do not count
    ("\n\n  path;speaker;label\n", "t.txt", ";"),  // blank lines before the header
    ("path\n", "t.tsv", "\t"),  // none at all: the extension's
    ("path\n", "t.csv", ","),
    ("a,b;c\n", "t.txt", ","),  // a tie: the extension's, then , TAB ; |
    ("a;b\tc\n", "t.tsv", "\t"),
  ])
  func sniffsTheDelimiterFromTheHeaderLine(_ text: String, _ path: String, _ expected: String) {
    #expect(DelimitedTable.sniffDelimiter(text, path: path) == Unicode.Scalar(expected)!)
  }

  @Test func tableToleratesATrailingDelimiterAndSkipsEmptyRows() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let path = try folder.write("t.csv", "path;speaker;label;\r\na.wav;s;x;\r\n;;;\r\nb.wav;s;y\r\nc.wav;s;z;;\r\n")
    let table = try DelimitedTable.read(path, expected: "a header")
    #expect(table.delimiter == ";")
    #expect(table.header.fields == ["path", "speaker", "label"])
    // A trailing empty field is the delimiter's; one more is a row with a field too many.
    #expect(table.rows.map(\.fields) == [["a.wav", "s", "x"], ["b.wav", "s", "y"], ["c.wav", "s", "z", ""]])
    #expect(table.rows.map(\.line) == [2, 4, 5])
    #expect(table.column("LABEL") == 2)
  }
}

/// Text as files really come: BOMs, legacy encodings, UTF-16, and what is not text at all.
@Suite struct TextFileTests {
  private func decode(_ bytes: [UInt8]) throws -> String { try TextFile.decode(Data(bytes), path: "f.txt") }

  @Test func decodesUTF8WithAndWithoutBOMAndLatin1() throws {
    #expect(try decode(Array("é;x".utf8)) == "é;x")
    #expect(try decode([0xEF, 0xBB, 0xBF] + Array("é;x".utf8)) == "é;x")
    #expect(try decode([0x74, 0x72, 0xE8, 0x73]) == "très")  // ISO-8859-1
    // Windows-1252 punctuation (curly quote 0x92) rather than an invisible C1 control.
    #expect(try decode([0x6C, 0x92, 0x61]) == "l\u{2019}a")
  }

  @Test func decodesUTF16WithABOM() throws {
    let text = "path\tspeaker\tlabel\r\nä.wav\ts\tAngry\r\n"
    var little: [UInt8] = [0xFF, 0xFE]
    var big: [UInt8] = [0xFE, 0xFF]
    for unit in text.utf16 {
      little += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
      big += [UInt8(unit >> 8), UInt8(unit & 0xFF)]
    }
    #expect(try decode(little) == text)
    #expect(try decode(big) == text)
  }

  @Test(arguments: [
    (
      [UInt8](arrayLiteral: 0x70, 0x00, 0x61, 0x00, 0x74, 0x00, 0x68, 0x00, 0x0A, 0x00),
      "f.txt: looks like UTF-16 text without a byte-order mark (expected UTF-8 or ISO-8859-1 text, or UTF-16 with a byte-order mark)"
    ),
    (
      [0x52, 0x49, 0x46, 0x46, 0x24, 0x08, 0x00, 0x00, 0x57, 0x41, 0x56, 0x45],
      "f.txt: binary data (a NUL byte at offset 6), not text (expected UTF-8 or ISO-8859-1 text, or UTF-16 with a byte-order mark)"
    ),
    (
      [0x61, 0x62, 0x1B, 0x5B, 0xE9],
      "f.txt: binary data (control byte 0x1b at offset 2), not text (expected UTF-8 or ISO-8859-1 text, or UTF-16 with a byte-order mark)"
    ),
    (
      [0xFF, 0xFE, 0x70, 0x00, 0x61],
      "f.txt: starts with a UTF-16LE byte-order mark but is not valid UTF-16LE (expected UTF-8 or ISO-8859-1 text, or UTF-16 with a byte-order mark)"
    ),
    (
      [0xFF, 0xFE, 0x00, 0x00, 0x70, 0x00, 0x00, 0x00],
      "f.txt: UTF-32 text is not read (expected UTF-8 or ISO-8859-1 text, or UTF-16 with a byte-order mark)"
    ),
  ])
  func refusesWhatIsNotTextNeverReadingItAsLatin1(_ bytes: [UInt8], _ message: String) {
    let error = #expect(throws: LocatedError.self) { try decode(bytes) }
    #expect(error?.description == message)
  }
}
