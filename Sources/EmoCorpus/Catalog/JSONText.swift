import EmoSupport

/// Minimal JSON text for the catalog's `extra` and list columns (keys sorted: stable bytes).
package enum JSONText {
  package static func object(_ values: [String: String]) -> String {
    "{" + values.sorted { $0.key < $1.key }.map { "\(string($0.key)):\(string($0.value))" }.joined(separator: ",") + "}"
  }

  package static func array(_ values: [String]) -> String { "[" + values.map(string).joined(separator: ",") + "]" }

  /// A JSON string literal.
  package static func string(_ text: String) -> String { JSONString.quoted(text) }

  /// Appends `text` as a JSON string literal.
  package static func appendString(_ text: String, to out: inout String) { JSONString.append(text, to: &out) }
}
