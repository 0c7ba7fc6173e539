/// Minimal JSON text for the catalog's `extra` and list columns (keys sorted: stable bytes).
enum JSONText {
  static func object(_ values: [String: String]) -> String {
    "{" + values.sorted { $0.key < $1.key }.map { "\(string($0.key)):\(string($0.value))" }.joined(separator: ",") + "}"
  }

  static func array(_ values: [String]) -> String { "[" + values.map(string).joined(separator: ",") + "]" }

  /// A JSON string literal (RFC 8259 escaping).
  static func string(_ text: String) -> String {
    var out = ""
    appendString(text, to: &out)
    return out
  }

  /// Appends `text` as a JSON string literal; plain text (the common case) is copied in one piece.
  static func appendString(_ text: String, to out: inout String) {
    out += "\""
    if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
      out += text
      out += "\""
      return
    }
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    out += "\""
  }
}
