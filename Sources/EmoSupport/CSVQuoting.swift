/// RFC 4180 field quoting for the tables EmoCorpus writes (corpus tables, synthetic corpora).
public enum CSVQuoting {
  /// The field as is, or quoted with inner quotes doubled when it holds a comma, quote or line break.
  public static func field(_ value: String) -> String {
    guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
