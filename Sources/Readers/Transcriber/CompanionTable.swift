import EmoCorpus
import EmoSupport
import Foundation

/// A small table beside a corpus (`speakers.csv`, `labels.csv`; header row required), read by the
/// rules every delimited input follows (`DelimitedTable`) into rows keyed by column name.
struct CompanionTable {
  struct Row {
    /// Physical line the row starts on.
    var line: Int
    var values: [String: String]

    subscript(column: String) -> String? {
      guard let value = values[column], !value.isEmpty else { return nil }
      return value
    }
  }

  let path: String
  let rows: [Row]
  let inputFile: InputFile

  /// Reads `path` if it exists (nil otherwise); `required` columns must all be in the header.
  /// A row with more or fewer fields than the header is kept with the values it has: the columns
  /// the caller needs are checked per row.
  static func readIfPresent(_ path: String, required: [String], optional: [String]) throws -> CompanionTable? {
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    let shape = "a header row with " + (required + optional.map { "[\($0)]" }).joined(separator: ",")
    let table = try DelimitedTable.read(path, expected: shape)
    let header = table.header.fields.map { $0.lowercased() }
    for column in required where !header.contains(column) {
      throw LocatedError(file: path, line: table.header.line, "missing column '\(column)'", expected: shape)
    }
    let rows = table.rows.map { record in
      var values: [String: String] = [:]
      for (index, column) in header.enumerated() where index < record.fields.count {
        values[column] = record.fields[index]
      }
      return Row(line: record.line, values: values)
    }
    return CompanionTable(path: path, rows: rows, inputFile: table.file.inputFile)
  }
}
