import CSV
import EmoSupport
import Foundation

/// A small CSV file beside a corpus (header row required), read into rows keyed by column name.
///
/// Line numbers count one line per row after the header (quoted fields spanning lines are not
/// expected in these files); fields are trimmed; blank lines are skipped.
struct CompanionTable {
  struct Row {
    var line: Int
    var values: [String: String]

    subscript(column: String) -> String? {
      guard let value = values[column], !value.isEmpty else { return nil }
      return value
    }
  }

  let path: String
  let rows: [Row]

  /// Reads `path` if it exists (nil otherwise); `required` columns must all be in the header.
  static func readIfPresent(_ path: String, required: [String], optional: [String]) throws -> CompanionTable? {
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw LocatedError(file: path, "cannot read file")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw LocatedError(file: path, "not valid UTF-8 text", expected: "a UTF-8 CSV file")
    }
    let shape = "a header row with " + (required + optional.map { "[\($0)]" }).joined(separator: ",")
    let reader: CSVReader
    do {
      reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: true)
    } catch {
      throw LocatedError(file: path, line: 1, "cannot read the header row", expected: shape)
    }
    let header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    for column in required where !header.contains(column) {
      throw LocatedError(file: path, line: 1, "missing column '\(column)'", expected: shape)
    }
    var rows: [Row] = []
    var line = 1
    while let fields = reader.next() {
      line += 1
      if fields.allSatisfy({ $0.isEmpty }) { continue }
      var values: [String: String] = [:]
      for (index, column) in header.enumerated() where index < fields.count { values[column] = fields[index] }
      rows.append(Row(line: line, values: values))
    }
    if let error = reader.error {
      throw LocatedError(file: path, line: line + 1, "malformed CSV (\(error))", expected: shape)
    }
    return CompanionTable(path: path, rows: rows)
  }
}
