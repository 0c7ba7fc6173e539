import EmoSupport
import Testing

@Suite struct LocatedErrorTests {
  @Test func descriptionNamesFileLineWhatAndExpectedShape() {
    #expect(
      LocatedError(file: "a.csv", line: 3, "empty speaker", expected: "a speaker id").description
        == "a.csv:3: empty speaker (expected a speaker id)")
    #expect(LocatedError(file: "a.csv", "unreadable").description == "a.csv: unreadable")
    #expect(LocatedError(file: nil, "no corpus", expected: "a folder").description == "no corpus (expected a folder)")
  }
}
