import EmoSupport
import Testing

@Suite struct CSVQuotingTests {
  @Test(arguments: [
    ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("two\nlines", "\"two\nlines\""),
    ("cr\r", "\"cr\r\""), ("", ""), ("Colère froide", "Colère froide"),
  ])
  func fieldsAreQuotedOnlyWhereRFC4180NeedsIt(_ value: String, _ quoted: String) {
    #expect(CSVQuoting.field(value) == quoted)
  }

  @Test func aRowJoinsQuotedFieldsWithCommas() {
    #expect(CSVQuoting.row(["id", "neutral, calm", "3"]) == "id,\"neutral, calm\",3")
  }
}
