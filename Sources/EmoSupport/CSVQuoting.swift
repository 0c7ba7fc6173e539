/// RFC 4180 field quoting for the tables EmoCorpus writes (corpus tables, synthetic corpora).
public enum CSVQuoting {
  /// The field as is, or quoted with inner quotes doubled when it holds a comma, quote or line break.
  public static func field(_ value: String) -> String {
    guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// One comma-separated row of quoted-where-needed fields, without the line break.
  public static func row(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") }
}
