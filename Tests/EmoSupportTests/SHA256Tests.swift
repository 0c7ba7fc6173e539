import Foundation
import Testing

@testable import EmoSupport

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

  @Test func acceleratedAndPortableCodeAgree() {
    // Lengths around the block and padding boundaries, fed in uneven pieces.
    var state: UInt64 = 0x1234_5678
    for length in [0, 1, 55, 56, 63, 64, 65, 119, 120, 127, 128, 1000, 65_537] {
      let bytes = (0..<length).map { _ -> UInt8 in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return UInt8(truncatingIfNeeded: state >> 33)
      }
      var fast = SHA256()
      var portable = SHA256(portable: true)
      var offset = 0
      var piece = 1
      while offset < length {
        let chunk = Data(bytes[offset..<min(length, offset + piece)])
        fast.update(chunk)
        portable.update(chunk)
        offset += piece
        piece = piece * 3 + 1
      }
      #expect(fast.finalizeHex() == portable.finalizeHex(), "length \(length)")
    }
  }
}
