import EmoSupport
import Foundation
import Testing

@Suite struct JSONStringTests {
  /// The reference is Foundation's JSONEncoder with `.withoutEscapingSlashes`.
  @Test(arguments: [
    "plain", "", "a/b", "say \"hi\"", "back\\slash", "tab\there", "line\nbreak\r", "bell\u{07}",
    "\u{08}\u{0C}\u{1F}", "Colère froide", "emoji 🎙️", "\u{00}",
  ])
  func literalsAreWhatJSONEncoderWrites(_ text: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes]
    let reference = String(decoding: try encoder.encode(text), as: UTF8.self)
    #expect(JSONString.quoted(text) == reference)
    var out = "x"
    JSONString.append(text, to: &out)
    #expect(out == "x" + reference)
  }
}
