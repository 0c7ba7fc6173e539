import Agreement
import EmoSupport

/// A long table of numeric ratings, one row per (item, rater) with one column per dimension
/// (`audit ratings FILE --dimensions arousal=act,… [--scale 1:5]`).
public enum NumericRatingsTable {
  /// True when the table's header has a column named `name` (any case).
  public static func hasColumn(file: String, _ name: String) throws -> Bool {
    let table = try AuditTable(path: file, expected: "a header row")
    return table.names.contains { $0.lowercased() == name.lowercased() }
  }

  /// The agreement input of each dimension (names sorted). Item and rater columns as `columns`
  /// maps them (`item`, `rater`; the item may join several columns with `+`). An empty cell is a
  /// missing rating; a cell that is not a number or lies outside `scale` is left out and counted
  /// (with `strict`: a one-line error at its row). A missing column, or a scale whose minimum is not
  /// below its maximum, is an error naming the file.
  public static func read(
    file: String, columns: [String: String], dimensions: [String: String], scale: [Double]?, strict: Bool
  ) throws -> [DimensionRatingsInput] {
    let table = try AuditTable(path: file, expected: "a header row with item and rater columns")
    if let scale, scale.count != 2 || !(scale[0] < scale[1]) {
      throw LocatedError(
        file: file, "scale \(scale.map { "\($0)" }.joined(separator: ":")) is backwards or empty",
        expected: "--scale MIN:MAX with MIN < MAX, such as 1:5")
    }
    let expected = "item and rater columns, or --columns item=…,rater=…"
    let itemColumns = try (columns["item"] ?? "item").split(separator: "+").map {
      try table.column(String($0), role: "item", expected: expected)
    }
    let raterColumn = try table.column(columns["rater"] ?? "rater", role: "rater", expected: expected)
    let names = dimensions.keys.sorted()
    let dimensionColumns = try names.map {
      try table.column(dimensions[$0]!, role: "dimension \($0)", expected: "the columns named by --dimensions")
    }
    var itemIndex: [String: Int] = [:]
    var itemNames: [String] = []
    var itemLines: [String] = []
    var raterIndex: [String: Int] = [:]
    var raterNames: [String] = []
    var inputs = names.map {
      DimensionRatingsInput(name: $0, scale: scale ?? [], itemNames: [], itemLocations: [], raterNames: [])
    }
    for record in table.rows {
      let parts = itemColumns.map { table.field(record, $0) ?? "" }
      let rater = table.field(record, raterColumn) ?? ""
      guard !parts.contains(where: \.isEmpty), !rater.isEmpty else {
        if strict {
          throw LocatedError(file: file, line: record.line, "row without item or rater", expected: "both in every row")
        }
        continue
      }
      let item = parts.joined(separator: "+")
      let i: Int
      if let known = itemIndex[item] {
        i = known
      } else {
        i = itemNames.count
        itemIndex[item] = i
        itemNames.append(item)
        itemLines.append("\(file):\(record.line)")
      }
      let r: Int
      if let known = raterIndex[rater] {
        r = known
      } else {
        r = raterNames.count
        raterIndex[rater] = r
        raterNames.append(rater)
      }
      for (d, column) in dimensionColumns.enumerated() {
        let text = table.field(record, column) ?? ""
        guard !text.isEmpty else {
          inputs[d].excluded["missing", default: 0] += 1
          continue
        }
        guard let value = Double(text), value.isFinite else {
          if strict {
            throw LocatedError(
              file: file, line: record.line, "rating \(names[d]) '\(text)' is not a number", expected: "a number")
          }
          inputs[d].excluded["not_a_number", default: 0] += 1
          continue
        }
        if let scale, value < scale[0] || value > scale[1] {
          if strict {
            throw LocatedError(
              file: file, line: record.line, "rating \(names[d]) \(text) is outside the scale",
              expected: "ratings inside --scale")
          }
          inputs[d].excluded["out_of_scale", default: 0] += 1
          continue
        }
        inputs[d].items.append(i)
        inputs[d].raters.append(r)
        inputs[d].values.append(value)
      }
    }
    for d in inputs.indices {
      inputs[d].itemNames = itemNames
      inputs[d].itemLocations = itemLines
      inputs[d].raterNames = raterNames
      if scale == nil {
        inputs[d].scale = [inputs[d].values.min() ?? 0, inputs[d].values.max() ?? 1]
      }
    }
    return inputs
  }
}
