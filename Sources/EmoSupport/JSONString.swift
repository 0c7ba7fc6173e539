/// JSON string literals for the outputs written without `JSONEncoder` (manifests, catalog columns,
/// cache record metadata): the same bytes `JSONEncoder` with `.withoutEscapingSlashes` writes.
public enum JSONString {
  /// `text` as a JSON string literal.
  public static func quoted(_ text: String) -> String {
    var out = ""
    append(text, to: &out)
    return out
  }

  /// Appends `text` as a JSON string literal: quotes, backslashes and control characters escaped
  /// (`\n \r \t \b \f` short, others `\u00xx`); plain text (the common case) is copied in one piece.
  public static func append(_ text: String, to out: inout String) {
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
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    out += "\""
  }
}
