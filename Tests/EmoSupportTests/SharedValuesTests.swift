import Testing

@testable import EmoSupport

@Suite struct SharedValuesTests {
  /// The address of a string's UTF-8 storage (a string of more than 15 bytes has its own).
  static func storage(_ text: String) -> UnsafeRawPointer? {
    var text = text
    return text.withUTF8 { UnsafeRawPointer($0.baseAddress) }
  }

  @Test func equalValuesComeBackAsTheFirstInstance() {
    var shared = SharedValues<String>()
    let first = shared.shared(String(repeating: "a sentence ", count: 3))
    let again = shared.shared(String(repeating: "a sentence ", count: 3))  // equal, built anew
    let other = shared.shared(String(repeating: "another one ", count: 3))
    #expect(first == again)
    #expect(Self.storage(first) == Self.storage(again))
    #expect(Self.storage(first) != Self.storage(other))
    #expect(shared.count == 2)
  }

  @Test func arraysShareOneBuffer() {
    var shared = SharedValues<[String]>()
    let a = shared.shared(["coder1", "ang"])
    let b = shared.shared(["coder1", "ang"])
    #expect(a.withUnsafeBufferPointer { $0.baseAddress } == b.withUnsafeBufferPointer { $0.baseAddress })
    #expect(shared.shared(["coder2", "ang"]) != a)
  }
}
