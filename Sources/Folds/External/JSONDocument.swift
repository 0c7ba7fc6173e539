import EmoSupport
import Foundation

/// A whole-file JSON document (SpeechBrain and s3prl manifests) with the line of each item, so
/// that a bad item is reported as `file:line` although Foundation's parser keeps no positions.
struct JSONDocument {
  let file: String
  let root: Any
  /// Line of each top-level key of an object document (1-based).
  let keyLines: [String: Int]
  /// Lines where the objects nested `depth` 2 deep start, in order (array elements of a member).
  let elementLines: [Int]

  init(file: String, expected: String) throws {
    guard let data = FileManager.default.contents(atPath: file) else {
      throw LocatedError(file: file, "cannot read file", expected: expected)
    }
    do {
      root = try JSONSerialization.jsonObject(with: data, options: [])
    } catch {
      let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "not valid JSON"
      throw LocatedError(file: file, "not valid JSON (\(detail))", expected: expected)
    }
    self.file = file
    (keyLines, elementLines) = Self.positions(data)
  }

  /// One pass over the bytes: strings skipped with their escapes, depth and line tracked.
  private static func positions(_ data: Data) -> (keys: [String: Int], elements: [Int]) {
    var keys: [String: Int] = [:]
    var elements: [Int] = []
    var depth = 0
    var line = 1
    var i = data.startIndex
    var pendingKey: (text: [UInt8], line: Int)?
    while i < data.endIndex {
      let b = data[i]
      switch b {
      case 0x0A: line += 1
      case UInt8(ascii: "\""):
        let startLine = line
        var text: [UInt8] = []
        i += 1
        while i < data.endIndex, data[i] != UInt8(ascii: "\"") {
          if data[i] == UInt8(ascii: "\\") {
            text.append(data[i])
            i += 1
          }
          if i < data.endIndex {
            if data[i] == 0x0A { line += 1 }
            text.append(data[i])
          }
          i += 1
        }
        pendingKey = depth == 1 ? (text, startLine) : nil
      case UInt8(ascii: ":"):
        if let key = pendingKey, depth == 1 {
          // Escapes are rare in ids; decode them through the JSON parser when present.
          let raw = Data([UInt8(ascii: "\"")] + key.text + [UInt8(ascii: "\"")])
          let text =
            key.text.contains(UInt8(ascii: "\\"))
            ? ((try? JSONSerialization.jsonObject(with: raw, options: [.fragmentsAllowed])) as? String)
            : String(decoding: key.text, as: UTF8.self)
          if let text, keys[text] == nil { keys[text] = key.line }
        }
        pendingKey = nil
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        if b == UInt8(ascii: "{"), depth == 2 { elements.append(line) }
        depth += 1
        pendingKey = nil
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        depth -= 1
        pendingKey = nil
      case 0x20, 0x09, 0x0D: break
      default: pendingKey = nil
      }
      i += 1
    }
    return (keys, elements)
  }
}
