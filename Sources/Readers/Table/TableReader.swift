import EmoCorpus
import EmoSupport
import Foundation

/// Reads a generic delimited table, one row per annotation, into a `Corpus`.
///
/// ROOT is the table itself or a folder holding exactly one `*.csv`/`*.tsv` (`corpus.csv` wins when
/// present). The file is read by `DelimitedTable`'s rules (encoding, sniffed delimiter, trimmed
/// fields, trailing delimiter). Columns `path, speaker, label` are required and the
/// `TableLayout.optionalColumns` are read when present, under their own names or the table's
/// (`layout.columns`); any other column is kept in the segment's `extra` (value of the segment's
/// first row). Rows sharing `id` (or, without an id, the same path and span) are one segment with
/// several coders; without a `coder` column coders are `coder1`, `coder2`, … in row order within
/// the segment. Labels are kept raw; an empty label is a coder who gave none.
///
/// A row that is inconsistent (bad or reversed times, a missing field, a conflict with an earlier
/// row) is an item fault: dropped as `malformed`, or fatal when `strict`.
public struct TableReader: CorpusReader {
  public var layout: TableLayout
  /// Stop at the first faulty row instead of dropping it.
  public var strict: Bool

  public init(layout: TableLayout = TableLayout(), strict: Bool = false) {
    self.layout = layout
    self.strict = strict
  }

  public func read(root: String) throws -> Corpus {
    let tablePath = try Self.locateTable(ReaderPaths.absolute(root))
    let table = try DelimitedTable.read(
      tablePath, expected: "a header row with path, speaker and label", keepingRows: false)
    let folder = (tablePath as NSString).deletingLastPathComponent
    var audioFolder = folder
    if let audioDir = layout.audioDir {
      audioFolder = ReaderPaths.absolute(audioDir, base: folder)
      guard ReaderPaths.isFolder(audioFolder) else {
        throw LocatedError(
          file: audioFolder, "audio folder given by --audio-dir \(audioDir) does not exist",
          expected: "a folder relative to the table's folder \(folder), or an absolute one")
      }
    }
    if let scale = layout.scale, scale.count != 2 || !(scale[0] < scale[1]) {
      throw LocatedError(
        file: tablePath, "scale \(scale.map { "\($0)" }.joined(separator: ":")) is backwards or empty",
        expected: "--scale MIN:MAX with MIN < MAX, such as 1:7")
    }
    var builder = TableCorpusBuilder(
      table: tablePath, audioFolder: audioFolder,
      columns: try TableColumns(header: table.header, layout: layout, path: tablePath))
    builder.strict = strict
    builder.scale = layout.scale
    var faults = ItemFaults(strict: strict)
    try table.forEachRow { record in
      _ = try faults.read(item: builder.itemID(record), at: Origin(file: tablePath, line: record.line)) {
        try builder.add(record)
      }
    }

    let stem = ReaderPaths.stem(tablePath)
    var corpus = Corpus(
      name: stem == "corpus" ? (folder as NSString).lastPathComponent : stem, source: .table, root: folder)
    builder.finish(into: &corpus)
    corpus.faults = faults.resolved(apartFrom: corpus.segments.lazy.map(\.id))
    corpus.inputFiles = [table.file.inputFile]
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
}

/// Column positions of a table header under a layout.
struct TableColumns {
  /// EmoCorpus column name → position.
  var index: [String: Int] = [:]
  /// Columns EmoCorpus does not interpret, kept in `Segment.extra`.
  var others: [(name: String, index: Int)] = []
  /// Rating dimensions (`--dimensions`) and their columns' positions, in name order.
  var dimensions: [(name: String, index: Int)] = []
  var count: Int

  init(header: DelimitedRecord, layout: TableLayout, path: String) throws {
    count = header.fields.count
    let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
    func positions(of headerName: String) -> [Int] {
      names.indices.filter { names[$0].lowercased() == headerName.lowercased() }
    }
    for column in TableLayout.knownColumns {
      let wanted = layout.header(for: column)
      let found = positions(of: wanted)
      guard found.count <= 1 else {
        throw LocatedError(
          file: path, line: header.line, "column \(wanted) appears twice", expected: "each column once")
      }
      if let position = found.first {
        index[column] = position
      } else if let mapped = layout.columns[column] {
        throw LocatedError(
          file: path, line: header.line, "column \(mapped) named by --columns \(column)=\(mapped) is not in the header",
          expected: "a column of the header: \(names.joined(separator: ", "))")
      }
    }
    for name in layout.dimensions.keys.sorted() {
      let column = layout.dimensions[name]!
      let found = positions(of: column)
      guard let position = found.first else {
        throw LocatedError(
          file: path, line: header.line,
          "column \(column) named by --dimensions \(name)=\(column) is not in the header",
          expected: "a column of the header: \(names.joined(separator: ", "))")
      }
      dimensions.append((name, position))
    }
    let used = Set(index.values).union(dimensions.map(\.index))
    for (position, name) in names.enumerated() where !used.contains(position) && !name.isEmpty {
      others.append((name, position))
    }
    for column in TableLayout.requiredColumns where index[column] == nil {
      throw LocatedError(
        file: path, line: header.line, "missing required column \(column)",
        expected:
          "a header with path, speaker and label, or --columns \(column)=<your column>; found: \(names.joined(separator: ", "))"
      )
    }
  }
}
