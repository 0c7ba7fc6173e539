import EmoSupport
import Foundation
import Testing

@Suite struct StableJSONTests {
  @Test func keysAreSortedAndSlashesKept() throws {
    let value = ["zeta": "a/b", "alpha": "c"]
    let text = String(decoding: try JSONEncoder.stable.encode(value), as: UTF8.self)
    #expect(text == "{\n  \"alpha\" : \"c\",\n  \"zeta\" : \"a/b\"\n}")
  }
}
