/// The one grammar of `key=value,…` options: `--channel-map`, `--label-map`, `--gender-map`,
/// `--columns` (tables and rating tables) and `--counts` of vote tables.
///
/// Entries are separated by commas; blanks around keys and values are removed; a key is what comes
/// before the first `=`, the value all after it. Empty entries, an entry without `=` where a value
/// is required, an empty key or value, and a key given twice are refused. Each option words the
/// refusal in its own terms (`KeyValueList.Problem`).
public struct KeyValueList: Sendable, Hashable {
  public struct Entry: Sendable, Hashable {
    public var key: String
    /// Nil when the entry has no `=` (allowed only with `valueRequired: false`).
    public var value: String?
    /// The entry as written, trimmed (for messages).
    public var text: String
  }

  /// Why a text is not a `key=value,…` list.
  public enum Problem: Error, Sendable, Hashable {
    /// Nothing but blanks.
    case empty
    /// An entry that is not `key=value` (the entry, trimmed).
    case notAPair(String)
    /// A key given twice (as the second time spells it).
    case repeated(String)
  }

  public private(set) var entries: [Entry]

  /// Parses `text`. `caseInsensitiveKeys`: keys that differ only by case count as the same key.
  public static func parse(_ text: String, valueRequired: Bool = true, caseInsensitiveKeys: Bool = false)
    throws(Problem)
    -> KeyValueList
  {
    if text.allSatisfy(\.isWhitespace) { throw .empty }
    var entries: [Entry] = []
    var seen = Set<String>()
    for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
      let item = piece.trimmingBlanks
      let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let key = parts[0].trimmingBlanks
      let value = parts.count == 2 ? parts[1].trimmingBlanks : nil
      guard !key.isEmpty, value.map({ !$0.isEmpty }) ?? !valueRequired else { throw .notAPair(item) }
      guard seen.insert(caseInsensitiveKeys ? key.lowercased() : key).inserted else { throw .repeated(key) }
      entries.append(Entry(key: key, value: value, text: item))
    }
    return KeyValueList(entries: entries)
  }

  /// The entries as key → value (entries without a value left out).
  public var dictionary: [String: String] {
    var map: [String: String] = [:]
    for entry in entries { if let value = entry.value { map[entry.key] = value } }
    return map
  }
}

extension Substring {
  fileprivate var trimmingBlanks: String {
    var s = self[...]
    while let first = s.first, first.isWhitespace { s = s.dropFirst() }
    while let last = s.last, last.isWhitespace { s = s.dropLast() }
    return String(s)
  }
}
