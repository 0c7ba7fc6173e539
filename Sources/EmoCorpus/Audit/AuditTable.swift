import EmoSupport
import Foundation

/// A CSV/TSV table of ratings or votes, read with the one delimited-text parser: its header and
/// data rows (with their line numbers).
package struct AuditTable {
  package let path: String
  package let header: DelimitedRecord
  package let rows: [DelimitedRecord]
  /// For the provenance of the report.
  package let inputFile: InputFile
  /// Header names without surrounding spaces.
  package let names: [String]

  private let table: DelimitedTable

  /// Without `keepingRows`, `rows` stays empty and `forEachRow` hands the rows one at a time.
  package init(path: String, expected: String, keepingRows: Bool = true) throws {
    guard ReaderPaths.exists(path), !ReaderPaths.isFolder(path) else {
      throw LocatedError(file: path, "table not found", expected: "a .csv or .tsv file")
    }
    let table = try DelimitedTable.read(path, expected: expected, keepingRows: keepingRows)
    self.table = table
    self.path = path
    self.header = table.header
    self.rows = table.rows
    self.inputFile = table.file.inputFile
    self.names = table.header.fields
  }

  /// The data rows one at a time, as `rows` holds them.
  package func forEachRow(_ body: (DelimitedRecord) throws -> Void) throws {
    try table.forEachRow(body)
  }

  /// Position of column `name` (exact, else the only case-insensitive match); `role` and
  /// `expected` word the error when it is missing.
  package func column(_ name: String, role: String, expected: String) throws -> Int {
    let wanted = name.trimmingCharacters(in: .whitespaces)
    if let exact = names.firstIndex(of: wanted) { return exact }
    let folded = names.indices.filter { names[$0].lowercased() == wanted.lowercased() }
    if folded.count == 1 { return folded[0] }
    throw LocatedError(
      file: path, line: header.line, "missing \(role) column '\(wanted)'",
      expected: "\(expected); found: \(names.map { $0.isEmpty ? "\"\"" : $0 }.joined(separator: ", "))")
  }

  /// The field of `row` at `index` without surrounding spaces; nil when the row is too short.
  package func field(_ row: DelimitedRecord, _ index: Int) -> String? {
    index < row.fields.count ? row.fields[index].trimmedWhitespace : nil
  }
}
