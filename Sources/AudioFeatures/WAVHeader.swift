/// The length a RIFF/WAVE header announces, checked against the bytes the file holds.
///
/// libsndfile reads a WAV file cut short (an interrupted copy) as a shorter recording; this check
/// refuses it instead, naming both frame counts.
enum WAVHeader {
  /// Frames the `data` chunk announces and frames the file holds; nil when the file is not a
  /// RIFF/WAVE file or its header leaves the length open (0 or 0xFFFFFFFF: written as a stream).
  /// `read(offset, count)` returns exactly `count` bytes at `offset`, or nil.
  static func frameCounts(fileSize: Int, read: (Int, Int) -> [UInt8]?) -> (announced: Int, held: Int)? {
    guard let riff = read(0, 12), riff[0..<4].elementsEqual("RIFF".utf8), riff[8..<12].elementsEqual("WAVE".utf8)
    else { return nil }
    var offset = 12
    var blockAlign: Int?
    // A real file has a handful of chunks before its data; the bound stops a looping header.
    for _ in 0..<256 {
      guard offset + 8 <= fileSize, let header = read(offset, 8) else { return nil }
      let size = Int(littleEndian32(header, at: 4))
      if header[0..<4].elementsEqual("fmt ".utf8), size >= 16, let format = read(offset + 8, 16) {
        blockAlign = Int(format[12]) | Int(format[13]) << 8
      } else if header[0..<4].elementsEqual("data".utf8) {
        guard let blockAlign, blockAlign > 0, size != 0, size != 0xFFFF_FFFF else { return nil }
        let held = max(0, min(size, fileSize - offset - 8))
        return (size / blockAlign, held / blockAlign)
      }
      offset += 8 + size + (size & 1)
    }
    return nil
  }

  /// Throws `AudioError.truncated` when the header announces more frames than the file holds.
  static func checkComplete(path: String, fileSize: Int, read: (Int, Int) -> [UInt8]?) throws {
    if let counts = frameCounts(fileSize: fileSize, read: read), counts.held < counts.announced {
      throw AudioError.truncated(path: path, read: counts.held, expected: counts.announced)
    }
  }

  private static func littleEndian32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
    UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
      | UInt32(bytes[offset + 3]) << 24
  }
}
