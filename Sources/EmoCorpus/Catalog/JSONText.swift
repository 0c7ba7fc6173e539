import EmoSupport

/// Minimal JSON text for the catalog's `extra` and list columns (keys sorted: stable bytes).
enum JSONText {
  static func object(_ values: [String: String]) -> String {
    "{" + values.sorted { $0.key < $1.key }.map { "\(string($0.key)):\(string($0.value))" }.joined(separator: ",") + "}"
  }

  static func array(_ values: [String]) -> String { "[" + values.map(string).joined(separator: ",") + "]" }

  /// A JSON string literal.
  static func string(_ text: String) -> String { JSONString.quoted(text) }

  /// Appends `text` as a JSON string literal.
  static func appendString(_ text: String, to out: inout String) { JSONString.append(text, to: &out) }
}
