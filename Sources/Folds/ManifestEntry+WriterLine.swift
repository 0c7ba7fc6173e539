import EmoCorpus

/// The checker's fast path for a line exactly as `jsonLine()` writes it.
extension ManifestEntry {
  /// Powers of ten exactly representable as a Double (10^0 … 10^22).
  private static let exactPowersOfTen: [Double] = (0...22).map { k in
    var p = 1.0
    for _ in 0..<k { p *= 10 }
    return p
  }

  /// The entry of a line in the writer's own shape (fields in `fieldOrder` without spaces,
  /// strings without escapes, plain non-negative numbers or the unknown length's three nulls, the
  /// optional `audio_hash` only) that passes every rule of `init(jsonLineBytes:)`, which gives the
  /// same entry; nil for any other line, which then goes the general way (and gets its finding
  /// there).
  static func writerLine(_ bytes: UnsafeBufferPointer<UInt8>) -> ManifestEntry? {
    var reader = WriterLineReader(bytes: bytes)
    guard reader.literal("{\"id\":"), let id = reader.string(), !id.isEmpty,
      reader.literal(",\"speaker\":"), let speaker = reader.string(), !speaker.isEmpty,
      reader.literal(",\"dialog\":"), let dialog = reader.string(), !dialog.isEmpty,
      reader.literal(",\"gender\":"), let genderName = reader.string(), let gender = Gender(rawValue: genderName),
      reader.literal(",\"role\":"), let roleName = reader.string(), let role = Role(rawValue: roleName),
      reader.literal(",\"label\":"), let label = reader.string(), !label.isEmpty,
      reader.literal(",\"path\":"), let path = reader.string(),
      reader.literal(",\"start\":"), let start = reader.number()
    else { return nil }
    // The length: three numbers, or null three times when it is unknown.
    var end: Double?
    var duration: Double?
    var windows: Int?
    if reader.literal(",\"end\":null,\"duration\":null,\"windows\":null") {
      guard start.isFinite else { return nil }
    } else {
      guard reader.literal(",\"end\":"), let e = reader.number(),
        reader.literal(",\"duration\":"), let d = reader.number(),
        reader.literal(",\"windows\":"), let w = reader.number()
      else { return nil }
      // The general path's value rules (numbers here are never negative or NaN; a long one may be infinite).
      guard start.isFinite, e.isFinite, d.isFinite, e > start, w >= 1, w <= Double(Int32.max), w.rounded() == w
      else { return nil }
      (end, duration, windows) = (e, d, Int(w))
    }
    var audioHash: String?
    if reader.literal(",\"audio_hash\":") {
      guard let hash = reader.string(), hash.utf8.count == 64,
        hash.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
      else { return nil }
      audioHash = hash
    }
    guard reader.literal("}"), reader.atEnd else { return nil }
    return ManifestEntry(
      id: id, speaker: speaker, dialog: dialog, gender: gender, role: role, label: label, path: path, start: start,
      end: end, duration: duration, windows: windows, audioHash: audioHash)
  }

  private struct WriterLineReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0

    var atEnd: Bool { i == bytes.count }

    mutating func literal(_ text: StaticString) -> Bool {
      let count = text.utf8CodeUnitCount
      guard bytes.count - i >= count else { return false }
      let base = text.utf8Start
      for k in 0..<count where bytes[i + k] != base[k] { return false }
      i += count
      return true
    }

    /// A string without escapes or control characters (valid UTF-8), as the scanner reads it.
    mutating func string() -> String? {
      guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
      var j = i + 1
      var ascii = true
      while j < bytes.count, bytes[j] != UInt8(ascii: "\""), bytes[j] != UInt8(ascii: "\\"), bytes[j] >= 0x20 {
        ascii = ascii && bytes[j] < 0x80
        j += 1
      }
      guard j < bytes.count, bytes[j] == UInt8(ascii: "\"") else { return nil }
      let run = UnsafeBufferPointer(rebasing: bytes[(i + 1)..<j])
      guard let text = ascii ? String(decoding: run, as: UTF8.self) : String(validating: run, as: UTF8.self)
      else { return nil }
      i = j + 1
      return text
    }

    /// A non-negative number without exponent (`0`, `12`, `2.5`), as `Double(text)` reads it.
    mutating func number() -> Double? {
      let start = i
      var mantissa: UInt64 = 0
      var digitCount = 0
      guard i < bytes.count, (0x30...0x39).contains(bytes[i]) else { return nil }
      if bytes[i] == 0x30 {
        i += 1
        digitCount = 1
      } else {
        while i < bytes.count, (0x30...0x39).contains(bytes[i]) {
          if digitCount < 19 { mantissa = mantissa &* 10 &+ UInt64(bytes[i] - 0x30) }
          digitCount += 1
          i += 1
        }
      }
      var fraction = 0
      if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
        i += 1
        while i < bytes.count, (0x30...0x39).contains(bytes[i]) {
          if digitCount < 19 { mantissa = mantissa &* 10 &+ UInt64(bytes[i] - 0x30) }
          digitCount += 1
          fraction += 1
          i += 1
        }
        guard fraction > 0 else { return nil }
      }
      // An exponent or anything else but the next member or the end: the general way.
      guard i < bytes.count, bytes[i] == UInt8(ascii: ",") || bytes[i] == UInt8(ascii: "}") else { return nil }
      // Both exact (at most 15 digits, a power of ten up to 10^22): one correctly rounded
      // division is the correctly rounded value of the text, which `Double(text)` also is.
      if digitCount <= 15, fraction <= 22 {
        return Double(mantissa) / ManifestEntry.exactPowersOfTen[fraction]
      }
      return Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
    }
  }
}
