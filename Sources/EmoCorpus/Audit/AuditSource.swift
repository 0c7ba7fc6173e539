/// A table row the audit could not use, with where and why (kept rows + dropped rows = rows read).
public struct DroppedRow: Sendable, Hashable, Codable {
  public var line: Int
  public var reason: String

  public init(line: Int, reason: String) {
    self.line = line
    self.reason = reason
  }
}

/// Where the audited ratings come from.
public struct AuditSource: Sendable, Hashable {
  /// How the input was given.
  public enum Kind: String, Sendable, Hashable, Codable {
    /// A corpus read by a reader (coders' judgements of segments).
    case corpus
    /// A table of vote counts per item (no rater identity).
    case votes
    /// A long table of (item, rater, label).
    case ratings
  }

  public var kind: Kind
  public var file: String?
  /// Data rows read (tables only).
  public var rows: Int?
  public var droppedRows: [DroppedRow]
  /// What reading decided (left-out columns, repeated ids), reported first among the notes.
  public var notes: [String]

  public init(
    kind: Kind, file: String? = nil, rows: Int? = nil, droppedRows: [DroppedRow] = [], notes: [String] = []
  ) {
    self.kind = kind
    self.file = file
    self.rows = rows
    self.droppedRows = droppedRows
    self.notes = notes
  }

  public static let corpus = AuditSource(kind: .corpus)
}

/// `input` of `audit.json`: what was audited and the categories of the multi-rater coefficients.
public struct AuditInputSummary: Sendable, Hashable, Codable {
  public var kind: AuditSource.Kind
  public var file: String?
  /// Categories of the multi-rater coefficients, in code order (q of AC1 and Brennan–Prediger).
  public var categories: [String]
  /// Items with at least one rating, and the ratings on them.
  public var ratedItems: Int
  public var ratings: Int
  /// Distinct raters; null without rater identity.
  public var raters: Int?
  /// Data rows read from a table (null for a corpus).
  public var rows: Int?
  public var droppedRows: [DroppedRow]

  enum CodingKeys: String, CodingKey {
    case kind, file, categories, ratings, raters, rows
    case ratedItems = "rated_items"
    case droppedRows = "dropped_rows"
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(kind, forKey: .kind)
    try c.encode(file, forKey: .file)
    try c.encode(categories, forKey: .categories)
    try c.encode(ratedItems, forKey: .ratedItems)
    try c.encode(ratings, forKey: .ratings)
    try c.encode(raters, forKey: .raters)
    try c.encode(rows, forKey: .rows)
    try c.encode(droppedRows, forKey: .droppedRows)
  }
}
