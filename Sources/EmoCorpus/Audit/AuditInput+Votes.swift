import Agreement
import EmoSupport

/// How to read a table of vote counts (one row per item, one count column per category), such as
/// CREMA-D's `processedResults/tabulatedVotes.csv`.
public struct VoteTableOptions: Sendable {
  /// One count column and the label its votes stand for.
  public struct CountColumn: Sendable, Hashable {
    public var column: String
    public var label: String

    public init(column: String, label: String? = nil) {
      self.column = column
      self.label = label ?? column
    }
  }

  /// Count columns in the order given (`--counts`).
  public var counts: [CountColumn]
  /// Column naming the items; nil: the first column that is not a count column.
  public var item: String?
  /// Labels through this task's mapping (columns of one class add up; others leave the audit).
  public var task: TaskDefinition?
  /// A column whose label the task does not know is left out (noted) instead of failing.
  public var dropUnknown: Bool
  /// The first bad row is fatal instead of being dropped and listed.
  public var strict: Bool
  public var seed: UInt64
  public var raterOptions: RaterDiagnostics.Options

  public init(
    counts: [CountColumn], item: String? = nil, task: TaskDefinition? = nil, dropUnknown: Bool = false,
    strict: Bool = false, seed: UInt64 = 1, raterOptions: RaterDiagnostics.Options = .init()
  ) {
    self.counts = counts
    self.item = item
    self.task = task
    self.dropUnknown = dropUnknown
    self.strict = strict
    self.seed = seed
    self.raterOptions = raterOptions
  }

  /// Options with the count columns of `--counts` text (see `countColumns`).
  public init(
    countColumns text: String, item: String? = nil, task: TaskDefinition? = nil, dropUnknown: Bool = false,
    strict: Bool = false, seed: UInt64 = 1, raterOptions: RaterDiagnostics.Options = .init()
  ) throws {
    self.init(
      counts: try Self.countColumns(text), item: item, task: task, dropUnknown: dropUnknown, strict: strict, seed: seed,
      raterOptions: raterOptions)
  }

  /// Reads `--counts` (the one `key=value,…` grammar): comma-separated count columns, each `NAME`
  /// or `NAME=LABEL` (the label its votes stand for; default NAME), each column once.
  public static func countColumns(_ text: String) throws -> [CountColumn] {
    do {
      let list = try KeyValueList.parse(text, valueRequired: false)
      return list.entries.map { CountColumn(column: $0.key, label: $0.value) }
    } catch .repeated {
      throw LocatedError(file: nil, "--counts names a column twice (got '\(text)')", expected: "each column once")
    } catch {
      throw LocatedError(
        file: nil, "--counts must list count columns such as A,D,F,H,N,S (got '\(text)')",
        expected: "NAME or NAME=LABEL, comma-separated")
    }
  }
}

extension AuditInput {
  /// The audit input of a vote table: counts without rater identity, one item per row (a clip
  /// listed once per modality is several items), each item's task label its single most voted
  /// category (none on a tie).
  ///
  /// File faults are fatal (`file:line: what (expected …)`): no header, a count or item column
  /// missing, an unknown label. A bad row (too few fields, a count that is not a whole number ≥ 0,
  /// an empty item id) is dropped and listed under `input.dropped_rows`, or fatal with `strict`.
  public static func votes(file: String, options: VoteTableOptions) throws -> AuditInput {
    let specs = options.counts
    guard !specs.isEmpty else {
      throw LocatedError(file: nil, "no count column", expected: "--counts A,D,F,H,N,S")
    }
    let table = try AuditTable(path: file, expected: "a header row with the count columns")
    let countIndex = try specs.map {
      try table.column($0.column, role: "count", expected: "the columns named by --counts")
    }
    let itemIndex: Int? =
      try options.item.map { try table.column($0, role: "item", expected: "the column named by --item") }
      ?? table.names.indices.first { !countIndex.contains($0) }

    // Categories of the columns.
    var notes: [String] = []
    let labeler = options.task.map { RatingLabels(task: $0, raw: Set(specs.map(\.label))) } ?? RatingLabels()
    var columnClass: [String?] = []
    for spec in specs {
      switch labeler.resolve(spec.label) {
      case .category(let c):
        columnClass.append(c)
      case .notInTask(let c):
        notes.append("input: votes of column \(spec.column) (\(c)) are left out: class not in the task")
        columnClass.append(nil)
      case .noLabel:
        notes.append("input: votes of column \(spec.column) are left out: not a label")
        columnClass.append(nil)
      case .unknown:
        guard options.dropUnknown else { throw labeler.unknownLabel(spec.label, file: file, line: table.header.line) }
        notes.append("input: votes of column \(spec.column) are left out: unknown label '\(spec.label)'")
        columnClass.append(nil)
      }
    }
    // Task classes in task order; without a task, the columns' labels in column order.
    var categories: [String] = []
    for c in options.task?.classNames ?? columnClass.compactMap({ $0 })
    where columnClass.contains(c) && !categories.contains(c) {
      categories.append(c)
    }
    let categoryOf = columnClass.map { c in c.flatMap { categories.firstIndex(of: $0) } }
    let q = categories.count
    guard q > 0 else {
      throw LocatedError(
        file: file, line: table.header.line, "no count column maps to a category",
        expected: "--counts columns with labels the task keeps")
    }

    var ids: [String] = []
    var counts: [Int32] = []
    var dropped: [DroppedRow] = []
    var leftOut = 0
    var row = [Int32](repeating: 0, count: q)
    rows: for record in table.rows {
      func drop(_ reason: String, _ expected: String) throws {
        if options.strict { throw LocatedError(file: file, line: record.line, reason, expected: expected) }
        dropped.append(DroppedRow(line: record.line, reason: reason))
      }
      let id = itemIndex.map { table.field(record, $0) ?? "" } ?? "line \(record.line)"
      guard !id.isEmpty else {
        try drop("empty item id in column '\(table.names[itemIndex!])'", "an item id on every row")
        continue
      }
      for k in 0..<q { row[k] = 0 }
      var removed = 0
      for (j, index) in countIndex.enumerated() {
        guard let text = table.field(record, index) else {
          try drop(
            "row has \(record.fields.count) fields, the header \(table.names.count)", "one field per header column")
          continue rows
        }
        guard let c = Int32(text), c >= 0 else {
          try drop("count '\(text)' in column '\(specs[j].column)' is not a whole number >= 0", "vote counts")
          continue rows
        }
        if let k = categoryOf[j] { row[k] += c } else { removed += Int(c) }
      }
      leftOut += removed
      ids.append(id)
      counts.append(contentsOf: row)
    }
    if leftOut > 0 { notes.append("input: \(leftOut) votes of left-out columns are not counted") }
    let duplicates = ids.count - Set(ids).count
    if duplicates > 0 {
      notes.append(
        "input: \(duplicates) rows repeat an item id already seen; every row is its own item (a clip rated "
          + "in several modalities has one row per modality)")
    }
    if !dropped.isEmpty {
      notes.append("input: \(dropped.count) rows dropped (listed in input.dropped_rows)")
    }

    let votes = RatingTable(categories: categories, itemCount: ids.count, counts: counts)
    let majority = CategoryBreakdown(votes).majorityCode
    let items = ids.enumerated().map { i, id in
      AuditItem(
        segmentID: id, dialog: id, speaker: AuditItem.noSpeaker, role: .speaker, gender: .unknown, duration: nil,
        judgements: [], finalLabel: majority[i] >= 0 ? categories[Int(majority[i])] : nil)
    }
    return AuditInput(
      items: items, classes: options.task?.classNames ?? categories, neutralClass: options.task?.neutral,
      seed: options.seed, bootstrapReplicates: 0, votes: votes, raterOptions: options.raterOptions,
      source: AuditSource(
        kind: .votes, file: file, rows: table.rows.count, droppedRows: dropped, notes: notes))
  }
}

extension AuditItem {
  /// The speaker of items from rating tables, which name none.
  public static let noSpeaker = "(no speaker)"
}
