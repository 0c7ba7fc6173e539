import EmoSupport
import Testing

@Suite struct KeyValueListTests {
  @Test func entriesAreTrimmedAndSplitAtTheFirstEquals() throws {
    let list = try KeyValueList.parse(" agent = 0 ,caller=1, url=a=b")
    #expect(list.entries.map(\.key) == ["agent", "caller", "url"])
    #expect(list.entries.map(\.value) == ["0", "1", "a=b"])
    #expect(list.dictionary == ["agent": "0", "caller": "1", "url": "a=b"])
  }

  @Test func valuesMayBeOptionalWhereTheOptionSaysSo() throws {
    let list = try KeyValueList.parse("A,D=disgust", valueRequired: false)
    #expect(list.entries.map(\.value) == [nil, "disgust"])
    #expect(throws: KeyValueList.Problem.notAPair("A")) { try KeyValueList.parse("A,D=disgust") }
  }

  @Test(arguments: [
    ("", KeyValueList.Problem.empty),
    ("  ", .empty),
    ("a=1,,b=2", .notAPair("")),
    ("a=", .notAPair("a=")),
    ("=1", .notAPair("=1")),
    ("a=1,a=2", .repeated("a")),
  ])
  func badListsAreRefusedWithTheirProblem(text: String, problem: KeyValueList.Problem) {
    #expect(throws: problem) { try KeyValueList.parse(text) }
  }

  @Test func keysMayCompareWithoutCase() throws {
    #expect(throws: KeyValueList.Problem.repeated("PATH")) {
      try KeyValueList.parse("path=a,PATH=b", caseInsensitiveKeys: true)
    }
    #expect(try KeyValueList.parse("path=a,PATH=b").entries.count == 2)
  }
}
