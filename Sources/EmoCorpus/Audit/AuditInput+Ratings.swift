import Agreement
import EmoSupport

/// How to read a long table of ratings, one row per (item, rater, label), such as CREMA-D's
/// `finishedResponses.csv`.
public struct RatingsTableOptions: Sendable {
  /// Table column of each role `item`, `rater`, `label` (default: columns of those names). The
  /// item may join several columns with `+` (`clipName+queryType`: a clip per modality).
  public var columns: [String: String]
  /// Labels through this task's mapping to its classes (ratings of other classes leave the audit).
  public var task: TaskDefinition?
  /// A row with a label the task does not know is dropped (listed) instead of failing.
  public var dropUnknown: Bool
  /// The first bad row is fatal instead of being dropped and listed.
  public var strict: Bool
  public var seed: UInt64
  public var bootstrapReplicates: Int
  public var raterOptions: RaterDiagnostics.Options
  /// Numeric rating columns by dimension name (`--dimensions`), and their scale (`--scale`).
  public var dimensions: [String: String] = [:]
  public var scale: [Double]?

  public init(
    columns: [String: String] = [:], task: TaskDefinition? = nil, dropUnknown: Bool = false, strict: Bool = false,
    seed: UInt64 = 1, bootstrapReplicates: Int = 1000, raterOptions: RaterDiagnostics.Options = .init()
  ) {
    self.columns = columns
    self.task = task
    self.dropUnknown = dropUnknown
    self.strict = strict
    self.seed = seed
    self.bootstrapReplicates = bootstrapReplicates
    self.raterOptions = raterOptions
  }

  /// The roles `--columns` may map.
  public static let roles = ["item", "rater", "label"]

  /// Reads `audit ratings --columns`: `item=…,rater=…,label=…` in any order and subset, each role
  /// once; the item may join several columns with `+` (`item=clipName+queryType`).
  public static func parseColumns(_ text: String) throws -> [String: String] {
    let shape = "item=clip,rater=worker,label=emotion"
    let list: KeyValueList
    do {
      list = try KeyValueList.parse(text)
    } catch .repeated(let role) {
      throw LocatedError(file: nil, "--columns maps \(role) twice (got '\(text)')", expected: "each role once")
    } catch {
      throw LocatedError(file: nil, "--columns must map item, rater and label (got '\(text)')", expected: shape)
    }
    for entry in list.entries
    where !roles.contains(entry.key)
      || (entry.value ?? "").split(separator: "+", omittingEmptySubsequences: false).contains(where: \.isEmpty)
    {
      throw LocatedError(file: nil, "--columns must map item, rater and label (got '\(text)')", expected: shape)
    }
    return list.dictionary
  }
}

extension AuditInput {
  /// The audit input of a long ratings table: items in order of first appearance, each rater's
  /// rating a judgement, each item's task label its single most frequent label (none on a tie).
  ///
  /// File faults are fatal (`file:line: what (expected …)`): no header, a mapped column missing,
  /// an unknown label (unless `dropUnknown`). A bad row (too few fields, an empty item or rater, a
  /// rater rating an item twice) is dropped and listed under `input.dropped_rows`, or fatal with
  /// `strict`; an empty label drops the row as `no label`, a class the task does not keep as
  /// `class not in task`.
  public static func ratings(file: String, options: RatingsTableOptions) throws -> AuditInput {
    // Rows are read one at a time (a crowd table has millions): never held as records.
    let table = try AuditTable(
      path: file, expected: "a header row with item, rater and label columns", keepingRows: false)
    let expected = "item, rater and label columns, or --columns item=…,rater=…,label=…"
    let itemColumns = try (options.columns["item"] ?? "item").split(separator: "+").map {
      try table.column(String($0), role: "item", expected: expected)
    }
    let raterColumn = try table.column(options.columns["rater"] ?? "rater", role: "rater", expected: expected)
    let labelColumn = try table.column(options.columns["label"] ?? "label", role: "label", expected: expected)
    let needed = (itemColumns + [raterColumn, labelColumn]).max()! + 1

    var labeler = RatingLabels()
    if let task = options.task {
      var raw = Set<String>()
      try table.forEachRow { if let label = table.field($0, labelColumn) { raw.insert(label) } }
      labeler = RatingLabels(task: task, raw: raw)
    }
    var resolved = RatingLabels.Memo(labeler)
    var rowCount = 0
    var dropped: [DroppedRow] = []
    var itemIndex: [String: Int] = [:]
    var ids: [String] = []
    var judgements: [[AuditJudgement]] = []
    // Line of each kept rating, parallel to `judgements`: a rater's second rating of an item is
    // found among the item's ratings (a few, in crowd tables) instead of in a table of every
    // (item, rater) pair, which grew by a hash entry and a string per row.
    var lines: [[Int32]] = []
    // Items with many raters get an index of them, so that no item costs a quadratic scan.
    var raterIndex: [Int: [String: Int32]] = [:]
    try table.forEachRow { record in
      rowCount += 1
      func drop(_ reason: String, _ shape: String) throws {
        if options.strict { throw LocatedError(file: file, line: record.line, reason, expected: shape) }
        dropped.append(DroppedRow(line: record.line, reason: reason))
      }
      guard record.fields.count >= needed else {
        try drop("row has \(record.fields.count) fields, the header \(table.names.count)", "one field per column")
        return
      }
      // One item column (the usual table) is the id as it is: no array or joined copy per row.
      let id: String
      if itemColumns.count == 1 {
        id = table.field(record, itemColumns[0])!
        guard !id.isEmpty else {
          try drop("empty item id", "an item id on every row")
          return
        }
      } else {
        let parts = itemColumns.map { table.field(record, $0)! }
        guard !parts.contains(where: \.isEmpty) else {
          try drop("empty item id", "an item id on every row")
          return
        }
        id = parts.joined(separator: "|")
      }
      let rater = table.field(record, raterColumn)!
      guard !rater.isEmpty else {
        try drop("empty rater", "a rater on every row")
        return
      }
      let raw = table.field(record, labelColumn)!
      let label: String
      switch resolved.resolve(raw) {
      case .category(let c): label = c
      case .noLabel:
        dropped.append(DroppedRow(line: record.line, reason: "no label"))
        return
      case .notInTask(let c):
        dropped.append(DroppedRow(line: record.line, reason: "class not in task: \(c)"))
        return
      case .unknown:
        guard options.dropUnknown else { throw labeler.unknownLabel(raw, file: file, line: record.line) }
        dropped.append(DroppedRow(line: record.line, reason: "unknown label '\(raw)'"))
        return
      }
      let i: Int
      if let known = itemIndex[id] {
        i = known
        let first: Int32?
        if let index = raterIndex[i] {
          first = index[rater]
        } else {
          first = judgements[i].firstIndex { $0.coder == rater }.map { lines[i][$0] }
        }
        if let first {
          try drop("rater \(rater) rates item \(id) again (first at line \(first))", "one rating per rater and item")
          return
        }
      } else {
        i = ids.count
        itemIndex[id] = i
        ids.append(id)
        judgements.append([])
        lines.append([])
      }
      judgements[i].append(AuditJudgement(coder: rater, major: label))
      lines[i].append(Int32(clamping: record.line))
      if raterIndex[i] != nil {
        raterIndex[i]![rater] = Int32(clamping: record.line)
      } else if judgements[i].count == 32 {
        raterIndex[i] = Dictionary(
          zip(judgements[i].map(\.coder), lines[i]), uniquingKeysWith: { first, _ in first })
      }
    }

    var notes: [String] = []
    if !dropped.isEmpty { notes.append("input: \(dropped.count) rows dropped (listed in input.dropped_rows)") }
    let items = ids.enumerated().map { i, id in
      AuditItem(
        segmentID: id, dialog: id, speaker: AuditItem.noSpeaker, role: .speaker, gender: .unknown, duration: nil,
        judgements: judgements[i], finalLabel: Self.majorityLabel(judgements[i]))
    }
    let classes = options.task?.classNames ?? Array(Set(judgements.joined().compactMap(\.major))).sorted()
    return AuditInput(
      items: items, classes: classes, neutralClass: options.task?.neutral, seed: options.seed,
      bootstrapReplicates: options.bootstrapReplicates, ratingCategories: options.task?.classNames,
      raterOptions: options.raterOptions,
      source: AuditSource(kind: .ratings, file: file, rows: rowCount, droppedRows: dropped, notes: notes))
  }

  /// The single most frequent Major label (nil on a tie or without labels).
  static func majorityLabel(_ judgements: [AuditJudgement]) -> String? {
    // An item has a few judgements: their labels counted in a short list, not a dictionary.
    if judgements.count <= 32 {
      var labels: [(label: String, count: Int)] = []
      for j in judgements {
        guard let m = j.major else { continue }
        if let k = labels.firstIndex(where: { $0.label == m }) { labels[k].count += 1 } else { labels.append((m, 1)) }
      }
      guard let top = labels.map(\.count).max() else { return nil }
      let leaders = labels.filter { $0.count == top }
      return leaders.count == 1 ? leaders[0].label : nil
    }
    var counts: [String: Int] = [:]
    for j in judgements { if let m = j.major { counts[m, default: 0] += 1 } }
    guard let top = counts.values.max() else { return nil }
    let leaders = counts.filter { $0.value == top }
    return leaders.count == 1 ? leaders.first!.key : nil
  }
}
