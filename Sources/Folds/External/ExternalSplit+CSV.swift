import EmoSupport
import Foundation

/// A split as a plain table: header `id,speaker,fold,split` (any column order; optional `label`
/// and `path` columns), one row per segment and fold; `split` is train, val (or valid, dev) or test.
/// Read by the rules of every delimited input (`DelimitedTable`: delimiter from the header line,
/// trimmed fields, BOM, trailing delimiter).
extension ExternalSplit {
  static func readCSV(_ path: String) throws -> ExternalSplit {
    let expected = "a header id,speaker,fold,split (optional label, path)"
    let table = try DelimitedTable.read(path, expected: expected)
    let header = table.header
    let records = [header] + table.rows
    let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    func column(_ name: String) -> Int? { names.firstIndex(of: name) }
    guard let idColumn = column("id"), let speakerColumn = column("speaker"), let foldColumn = column("fold"),
      let splitColumn = column("split")
    else {
      throw LocatedError(
        file: path, line: header.line, "header is \(names.joined(separator: ","))", expected: expected)
    }
    let labelColumn = column("label")
    let pathColumn = column("path")
    var byFold: [Int: [Split: [ExternalItem]]] = [:]
    for record in records.dropFirst() {
      func field(_ c: Int?) -> String? {
        guard let c, c < record.fields.count else { return nil }
        let value = record.fields[c].trimmingCharacters(in: .whitespaces)
        return value.isEmpty ? nil : value
      }
      guard record.fields.count == names.count else {
        throw LocatedError(
          file: path, line: record.line, "\(record.fields.count) fields", expected: "\(names.count) as in the header")
      }
      guard let id = field(idColumn) else {
        throw LocatedError(file: path, line: record.line, "empty id", expected: "an id in every row")
      }
      guard let foldText = field(foldColumn), let k = Int(foldText), k >= 1 else {
        throw LocatedError(
          file: path, line: record.line, "fold '\(field(foldColumn) ?? "")'", expected: "a fold number 1, 2, …")
      }
      guard let splitText = field(splitColumn), let split = Split(externalName: splitText) else {
        throw LocatedError(
          file: path, line: record.line, "split '\(field(splitColumn) ?? "")'", expected: "train, val or test")
      }
      byFold[k, default: [:]][split, default: []].append(
        ExternalItem(
          id: id, speaker: field(speakerColumn), label: field(labelColumn), path: field(pathColumn), file: path,
          line: record.line))
    }
    let folds = byFold.keys.sorted().map { ExternalFold(index: $0, splits: byFold[$0]!) }
    return ExternalSplit(
      source: ExternalSplitSource(format: .csv, path: path), folds: folds, speakerOrigin: "the speaker column")
  }
}
