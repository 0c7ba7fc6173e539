import EmoSupport
import Foundation
import Testing

@Suite struct SHA256Tests {
  // FIPS 180-4 / NIST example vectors.
  @Test(arguments: [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    (
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    ),
  ])
  func digestMatchesPublishedVectors(input: String, expected: String) {
    #expect(SHA256.hex(input) == expected)
  }

  @Test func incrementalUpdatesEqualOneShot() {
    let text = String(repeating: "emotion", count: 1000)
    var hasher = SHA256()
    for chunk in stride(from: 0, to: text.utf8.count, by: 37) {
      let bytes = Array(text.utf8)[chunk..<min(chunk + 37, text.utf8.count)]
      hasher.update(Data(bytes))
    }
    #expect(hasher.finalizeHex() == SHA256.hex(text))
  }

  @Test func millionAIsPublishedDigest() {
    let data = Data(repeating: UInt8(ascii: "a"), count: 1_000_000)
    #expect(SHA256.hex(data) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }
}
