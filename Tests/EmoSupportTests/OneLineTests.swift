import EmoSupport
import Testing

/// Error messages stay on one line even when a library's message (libxml2, Yams) spans several:
/// found by the cemo-xml and yaml-config fuzz targets.
@Suite struct OneLineTests {
  @Test func textWithoutLineBreakIsUnchanged() {
    #expect(
      "a.csv:3: empty speaker (expected a speaker id)".oneLine == "a.csv:3: empty speaker (expected a speaker id)")
    #expect("  padded  ".oneLine == "  padded  ")
  }

  @Test func linesAreTrimmedAndJoinedCaretLinesAndBlankLinesLeftOut() {
    // Yams quotes the offending line and points at the column with a caret line.
    let yams = "2:21: error: scanner: mapping values are not allowed in this context:\nroot: /data/x: y\n          ^"
    #expect(
      yams.oneLine == "2:21: error: scanner: mapping values are not allowed in this context: / root: /data/x: y")
    // libxml2 adds the bytes it could not decode on a line of their own.
    #expect(
      "Input is not proper UTF-8, indicate encoding !\nBytes: 0x99 0x9B\n".oneLine
        == "Input is not proper UTF-8, indicate encoding ! / Bytes: 0x99 0x9B")
    #expect("a\r\n\r\nb\u{2028}c".oneLine == "a / b / c")
  }

  @Test func locatedErrorIsOneLineWhateverItQuotes() {
    let error = LocatedError(file: "c.xml", line: 3, "Input is not proper UTF-8\nBytes: 0x99", expected: "an\nXML file")
    #expect(error.description == "c.xml:3: Input is not proper UTF-8 / Bytes: 0x99 (expected an / XML file)")
  }
}
