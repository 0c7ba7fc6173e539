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
}
