import EmoSupport
import Foundation

/// A text file read once: its bytes (for the SHA-256 provenance hash) and its physical lines.
struct TextFile {
  let path: String
  let data: Data
  /// The decoded text (byte-order mark removed).
  let text: String

  /// Reads `path`; UTF-8 (with or without BOM), falling back to ISO-8859-1 for legacy files.
  init(path: String) throws {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw LocatedError(file: path, "cannot read file", expected: "a readable text file")
    }
    self.path = path
    self.data = data
    var text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) ?? ""
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    self.text = text
  }

  /// Lines without their terminator (`\n`, `\r\n` or a lone `\r`); `lines[0]` is line 1.
  var lines: [Substring] { TextFile.splitLines(text) }

  /// The SHA-256 of the bytes read, for `Corpus.inputFiles`.
  var inputFile: InputFile { InputFile(path: path, sha256: SHA256.hex(data)) }

  static func splitLines(_ text: String) -> [Substring] {
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
  var trimmedBlanks: Substring {
    guard let first = firstIndex(where: { !$0.isWhitespace }) else { return self[endIndex...] }
    let last = lastIndex(where: { !$0.isWhitespace })!
    return self[first...last]
  }
}
