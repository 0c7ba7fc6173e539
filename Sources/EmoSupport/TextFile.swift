import Foundation

/// A text file read once: its bytes (for the SHA-256 provenance hash) and its physical lines.
package struct TextFile {
  package let path: String
  package let data: Data
  /// The decoded text (byte-order mark removed).
  package let text: String

  /// Reads `path` as text: UTF-8 (with or without BOM), UTF-16 with a BOM, else ISO-8859-1 (or
  /// Windows-1252 when its C1 bytes hold printable characters). Binary data and UTF-16 without a
  /// BOM are refused with a clear error, never read as Latin-1.
  package init(path: String) throws {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw LocatedError(file: path, "cannot read file", expected: "a readable text file")
    }
    self.path = path
    self.data = data
    self.text = try Self.decode(data, path: path)
  }

  package static let textShape = "UTF-8 or ISO-8859-1 text, or UTF-16 with a byte-order mark"

  /// The text of `data`, by the rules of `init(path:)`; the byte-order mark is removed.
  package static func decode(_ data: Data, path: String) throws -> String {
    let bytes = [UInt8](data)
    func refuse(_ what: String) -> LocatedError { LocatedError(file: path, what, expected: textShape) }
    if bytes.starts(with: [0xFF, 0xFE, 0, 0]) || bytes.starts(with: [0, 0, 0xFE, 0xFF]) {
      throw refuse("UTF-32 text is not read")
    }
    for (mark, encoding, name) in [
      ([UInt8]([0xFF, 0xFE]), String.Encoding.utf16LittleEndian, "UTF-16LE"),
      ([0xFE, 0xFF], .utf16BigEndian, "UTF-16BE"),
    ] where bytes.starts(with: mark) {
      guard (bytes.count - 2) % 2 == 0, let text = String(bytes: bytes[2...], encoding: encoding) else {
        throw refuse("starts with a \(name) byte-order mark but is not valid \(name)")
      }
      return text
    }
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      guard let text = String(bytes: bytes[3...], encoding: .utf8) else {
        throw refuse("starts with a UTF-8 byte-order mark but is not valid UTF-8")
      }
      return text
    }
    if let nul = bytes.firstIndex(of: 0) {
      // ASCII text saved as UTF-16 without a mark has a NUL in every other byte.
      let sample = bytes.prefix(512)
      let evenNULs = stride(from: 0, to: sample.count, by: 2).filter { sample[$0] == 0 }.count
      let oddNULs = stride(from: 1, to: sample.count, by: 2).filter { sample[$0] == 0 }.count
      if max(evenNULs, oddNULs) * 4 >= sample.count, min(evenNULs, oddNULs) * 16 < sample.count {
        throw refuse("looks like UTF-16 text without a byte-order mark")
      }
      throw refuse("binary data (a NUL byte at offset \(nul)), not text")
    }
    if let text = String(bytes: bytes, encoding: .utf8) { return text }
    // Single-byte legacy text. Control bytes other than tab, line ends and form feed mean binary.
    if let control = bytes.firstIndex(where: { $0 < 0x20 && ![0x09, 0x0A, 0x0C, 0x0D].contains($0) || $0 == 0x7F }) {
      throw refuse("binary data (control byte 0x\(String(bytes[control], radix: 16)) at offset \(control)), not text")
    }
    if bytes.contains(where: { (0x80...0x9F).contains($0) }),
      let text = String(bytes: bytes, encoding: .windowsCP1252)
    {
      return text
    }
    return String(bytes: bytes, encoding: .isoLatin1) ?? ""
  }

  /// Lines without their terminator (`\n`, `\r\n` or a lone `\r`); `lines[0]` is line 1.
  package var lines: [Substring] { TextFile.splitLines(text) }

  /// The SHA-256 of the bytes read, for `Corpus.inputFiles`.
  package var inputFile: InputFile { InputFile(path: path, sha256: SHA256.hex(data)) }

  package static func splitLines(_ text: String) -> [Substring] {
    // Swift treats "\r\n" as one Character. Only these three terminators count: other Unicode line
    // separators (U+0085 from a Latin-1 byte 0x85) stay inside the line they belong to.
    var lines = text.split(
      omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
    if lines.last?.isEmpty == true { lines.removeLast() }
    return lines
  }
}

extension Substring {
  /// The text without leading and trailing spaces and tabs.
  package var trimmedBlanks: Substring {
    guard let first = firstIndex(where: { !$0.isWhitespace }) else { return self[endIndex...] }
    let last = lastIndex(where: { !$0.isWhitespace })!
    return self[first...last]
  }
}
