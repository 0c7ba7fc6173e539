/// A fast 64-bit integrity checksum for cache records (not cryptographic).
///
/// Mixes 8-byte little-endian words with multiply–xor–rotate (FNV-style), then finalizes with a
/// SplitMix64 avalanche. It detects truncation and random corruption; SHA-256 (EmoSupport) would
/// cost as much as computing the features again, which is why records do not use it.
struct Checksum64 {
  private var state: UInt64 = 0xcbf2_9ce4_8422_2325
  private var length: UInt64 = 0

  mutating func update(_ bytes: UnsafeRawBufferPointer) {
    let count = bytes.count
    let words = count / 8
    var h = state
    for i in 0..<words {
      let w = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))
      h = (h ^ w) &* 0x0000_0100_0000_01b3
      h = (h << 23) | (h >> 41)
    }
    for i in (words * 8)..<count {
      h = (h ^ UInt64(bytes[i])) &* 0x0000_0100_0000_01b3
    }
    state = h
    length &+= UInt64(count)
  }

  func finalize() -> UInt64 {
    var z = state ^ length &* 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
