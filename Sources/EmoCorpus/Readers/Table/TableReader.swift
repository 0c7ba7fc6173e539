import EmoSupport
import Foundation

/// Reads a generic CSV or TSV table, one row per annotation, into a `Corpus` (SPEC §1.3).
///
/// ROOT is the table itself or a folder holding exactly one `*.csv`/`*.tsv` (`corpus.csv` wins when
/// present). Columns `path, speaker, label` are required; `gender, start, end, dialog, coder, minor,
/// role, id, channel` (the speaker's channel of multichannel audio, from 0) are optional; any other column is kept in the segment's `extra` (value of the segment's
/// first row). Rows sharing `id` (or,
/// without an id, the same path and span) are one segment with several coders; without a `coder`
/// column coders are `coder1`, `coder2`, … in row order within the segment. Labels are kept raw.
public struct TableReader: CorpusReader {
  public init() {}

  public func read(root: String) throws -> Corpus {
    let table = try Self.locateTable(ReaderPaths.absolute(root))
    let file = try TextFile(path: table)
    let records = try DelimitedText.parse(
      file.text, delimiter: Self.delimiter(for: table, text: file.text), path: table)
    guard let header = records.first else {
      throw LocatedError(file: table, "empty table", expected: "a header row with path, speaker and label")
    }
    let folder = (table as NSString).deletingLastPathComponent
    var builder = TableCorpusBuilder(
      table: table, folder: folder, columns: try TableColumns(header: header, path: table))
    for record in records.dropFirst() { try builder.add(record) }

    let stem = ((table as NSString).lastPathComponent as NSString).deletingPathExtension
    var corpus = Corpus(
      name: stem == "corpus" ? (folder as NSString).lastPathComponent : stem, source: .table, root: folder)
    builder.finish(into: &corpus)
    corpus.inputFiles = [file.inputFile]
    return corpus
  }

  /// The table file: ROOT itself, or the one table of the ROOT folder (`corpus.csv` preferred).
  static func locateTable(_ root: String) throws -> String {
    guard ReaderPaths.exists(root) else {
      throw LocatedError(file: root, "table not found", expected: "a .csv or .tsv file, or a folder holding one")
    }
    guard ReaderPaths.isFolder(root) else { return root }
    if ReaderPaths.exists(root + "/corpus.csv") { return root + "/corpus.csv" }
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).filter {
      let lower = $0.lowercased()
      return !$0.hasPrefix(".") && (lower.hasSuffix(".csv") || lower.hasSuffix(".tsv"))
        && !ReaderPaths.isFolder(root + "/" + $0)
    }.sorted()
    guard names.count == 1 else {
      let found = names.isEmpty ? "no .csv or .tsv file" : "\(names.count) tables (\(names.joined(separator: ", ")))"
      throw LocatedError(file: root, "\(found) in folder", expected: "exactly one table, or corpus.csv")
    }
    return root + "/" + names[0]
  }

  /// Tab for `.tsv`/`.tab`, comma for `.csv`; otherwise whichever of the two the header line has more of.
  static func delimiter(for path: String, text: String) -> Unicode.Scalar {
    let lower = path.lowercased()
    if lower.hasSuffix(".tsv") || lower.hasSuffix(".tab") { return "\t" }
    if lower.hasSuffix(".csv") { return "," }
    let header = text.prefix { $0 != "\n" && $0 != "\r\n" && $0 != "\r" }
    return header.filter { $0 == "\t" }.count > header.filter { $0 == "," }.count ? "\t" : ","
  }
}

/// Column positions of a table header.
struct TableColumns {
  static let required = ["path", "speaker", "label"]
  static let optional = ["gender", "start", "end", "dialog", "coder", "minor", "role", "id", "channel"]

  var index: [String: Int] = [:]
  /// Columns EmoCorpus does not interpret, kept in `Segment.extra`.
  var others: [(name: String, index: Int)] = []
  var count: Int

  init(header: DelimitedRecord, path: String) throws {
    count = header.fields.count
    for (position, raw) in header.fields.enumerated() {
      let name = raw.trimmingCharacters(in: .whitespaces)
      let key = name.lowercased()
      if Self.required.contains(key) || Self.optional.contains(key) {
        guard index[key] == nil else {
          throw LocatedError(
            file: path, line: header.line, "column \(key) appears twice", expected: "each column once")
        }
        index[key] = position
      } else if !name.isEmpty {
        others.append((name, position))
      }
    }
    for column in Self.required where index[column] == nil {
      let found = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
      throw LocatedError(
        file: path, line: header.line, "missing required column \(column)",
        expected: "a header with path, speaker and label; found: \(found)")
    }
  }
}
