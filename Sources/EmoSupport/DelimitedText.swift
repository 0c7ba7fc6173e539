/// One record of a CSV/TSV file and the physical line it starts on (1-based).
package struct DelimitedRecord: Sendable, Hashable {
  package var fields: [String]
  package var line: Int
}

/// The one delimited-text parser (tables, companion `labels.csv`/`speakers.csv`, vote and rating
/// tables): RFC 4180 with physical line numbers, so that every error names `file:line`.
///
/// A field starting with `"` is quoted: it may hold delimiters, newlines and `""` for a quote. A
/// quote inside an unquoted field is kept as a character (as Python's `csv` does). Line ends are
/// LF, CRLF or CR; a newline inside quotes is kept as `\n`. Blank lines are skipped. With `trim`
/// (the default), blanks around a field are removed (`  a ; "b" ` gives `a`, `b`); blanks inside
/// quotes are kept.
package enum DelimitedText {
  /// Candidate delimiters, in the order that breaks ties.
  package static let delimiters: [Unicode.Scalar] = [",", "\t", ";", "|"]

  package static func parse(_ text: String, delimiter: Unicode.Scalar, path: String, trim: Bool = true) throws
    -> [DelimitedRecord]
  {
    var records: [DelimitedRecord] = []
    try forEachRecord(text, delimiter: delimiter, path: path, trim: trim) { records.append($0) }
    return records
  }

  /// The records of `text` handed to `body` one at a time, by the rules of `parse` (a caller that
  /// streams keeps one record in memory, not the whole table).
  ///
  /// Works on the UTF-8 bytes: every character the grammar looks at (delimiter, quote, CR, LF,
  /// space, tab) is ASCII, and no byte of a multi-byte UTF-8 sequence is, so cutting between bytes
  /// gives the same fields as reading Unicode scalars.
  package static func forEachRecord(
    _ text: String, delimiter: Unicode.Scalar, path: String, trim: Bool = true,
    _ body: (DelimitedRecord) throws -> Void
  ) throws {
    precondition(delimiter.isASCII, "delimiters are ASCII")
    var text = text
    text.makeContiguousUTF8()
    try text.utf8.withContiguousStorageIfAvailable { bytes in
      try parseBytes(bytes, delimiter: delimiter, path: path, trim: trim, body)
    }!
  }

  private static func parseBytes(
    _ bytes: UnsafeBufferPointer<UInt8>, delimiter scalar: Unicode.Scalar, path: String, trim: Bool,
    _ body: (DelimitedRecord) throws -> Void
  ) throws {
    let delimiter = UInt8(truncatingIfNeeded: scalar.value)
    let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
    let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
    var fields: [String] = []
    var field: [UInt8] = []
    field.reserveCapacity(256)
    var line = 1
    var recordLine = 1
    var quoteLine = 0
    enum State { case fieldStart, unquoted, quoted, afterQuote }
    var state = State.fieldStart
    var i = 0
    let count = bytes.count

    // Blanks that trimming removes: spaces, and tabs unless they delimit.
    func isBlank(_ byte: UInt8) -> Bool { byte == space || (byte == tab && delimiter != tab) }
    var quotedField = false
    func endField() {
      if trim && !quotedField {
        while let last = field.last, isBlank(last) { field.removeLast() }
      }
      fields.append(String(decoding: field, as: UTF8.self))
      field.removeAll(keepingCapacity: true)
      quotedField = false
    }
    func endRecord() throws {
      endField()
      if !(fields.count == 1 && fields[0].isEmpty) { try body(DelimitedRecord(fields: fields, line: recordLine)) }
      fields.removeAll(keepingCapacity: true)
    }

    while i < count {
      let byte = bytes[i]
      i += 1
      var isNewline = byte == lf
      if byte == cr {
        isNewline = true
        if i < count, bytes[i] == lf { i += 1 }
      }
      switch state {
      case .fieldStart, .unquoted:
        if state == .fieldStart && byte == quote {
          state = .quoted
          quotedField = true
          quoteLine = line
        } else if state == .fieldStart && trim && isBlank(byte) && byte != delimiter {
          continue
        } else if byte == delimiter {
          endField()
          state = .fieldStart
        } else if isNewline {
          line += 1
          try endRecord()
          recordLine = line
          state = .fieldStart
        } else {
          // The rest of an unquoted field up to its delimiter or line end, in one copy.
          var end = i
          while end < count {
            let next = bytes[end]
            if next == delimiter || next == lf || next == cr { break }
            end += 1
          }
          field.append(byte)
          field.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<end]))
          i = end
          state = .unquoted
        }
      case .quoted:
        if byte == quote {
          if i < count {
            if bytes[i] == quote {
              field.append(quote)
              i += 1
            } else {
              state = .afterQuote
            }
          } else {
            state = .afterQuote
          }
        } else if isNewline {
          line += 1
          field.append(lf)
        } else {
          field.append(byte)
        }
      case .afterQuote:
        if byte == delimiter {
          endField()
          state = .fieldStart
        } else if isNewline {
          line += 1
          try endRecord()
          recordLine = line
          state = .fieldStart
        } else if !isBlank(byte) {
          throw LocatedError(
            file: path, line: line, "text after the closing quote of a field",
            expected: "the delimiter or the end of the line after a quoted field")
        }
      }
    }
    switch state {
    case .quoted:
      throw LocatedError(
        file: path, line: quoteLine, "quoted field never closed", expected: "a closing \" before the end of the file")
    case .fieldStart:
      if !fields.isEmpty { try endRecord() }
    case .unquoted, .afterQuote:
      try endRecord()
    }
  }
}

/// A delimited file with a header row, read by the rules every delimited input shares: text
/// decoding of `TextFile` (UTF-8 with or without BOM, ISO-8859-1, UTF-16 with BOM), the delimiter
/// sniffed from the header line, fields trimmed, blank and all-empty rows skipped, and a trailing
/// delimiter (an empty last field of the header, and of a row longer than the header) tolerated.
package struct DelimitedTable {
  package let file: TextFile
  package let delimiter: Unicode.Scalar
  /// The header row, names trimmed (the trailing empty name of a trailing delimiter removed).
  package let header: DelimitedRecord
  /// Data rows; a row longer than the header loses one trailing empty field (a trailing delimiter).
  package let rows: [DelimitedRecord]

  package var path: String { file.path }

  /// Reads `path`; `expected` describes the header for the error of an empty file. Without
  /// `keepingRows`, `rows` stays empty and `forEachRow` hands the rows one at a time (a table of
  /// millions of rows is then never held as records).
  package static func read(_ path: String, expected: String, keepingRows: Bool = true) throws -> DelimitedTable {
    try DelimitedTable(file: TextFile(path: path), expected: expected, keepingRows: keepingRows)
  }

  /// Parses the whole file (so that a fault anywhere in it is thrown here, before any row is
  /// used) and keeps its header, and its rows when `keepingRows`.
  package init(file: TextFile, expected: String, keepingRows: Bool = true) throws {
    self.file = file
    delimiter = Self.sniffDelimiter(file.text, path: file.path)
    var header: DelimitedRecord?
    var records: [DelimitedRecord] = []
    try DelimitedText.forEachRecord(file.text, delimiter: delimiter, path: file.path) { record in
      guard !record.fields.allSatisfy(\.isEmpty) else { return }
      if header == nil {
        header = record
      } else if keepingRows {
        records.append(record)
      }
    }
    guard var header else {
      throw LocatedError(file: file.path, "empty table", expected: expected)
    }
    if header.fields.count > 1, header.fields.last == "" { header.fields.removeLast() }
    let width = header.fields.count
    rows = records.map { Self.fitted($0, width: width) }
    self.header = header
  }

  /// A row longer than the header loses one trailing empty field (a trailing delimiter).
  private static func fitted(_ record: DelimitedRecord, width: Int) -> DelimitedRecord {
    var record = record
    if record.fields.count > width, record.fields.last == "" { record.fields.removeLast() }
    return record
  }

  /// The data rows, one at a time, as `rows` holds them (read again from the text).
  package func forEachRow(_ body: (DelimitedRecord) throws -> Void) throws {
    var seenHeader = false
    let width = header.fields.count
    try DelimitedText.forEachRecord(file.text, delimiter: delimiter, path: file.path) { record in
      guard !record.fields.allSatisfy(\.isEmpty) else { return }
      guard seenHeader else {
        seenHeader = true
        return
      }
      try body(Self.fitted(record, width: width))
    }
  }

  /// The header position of `name`, compared without case; nil when absent.
  package func column(_ name: String) -> Int? {
    let key = name.lowercased()
    return header.fields.firstIndex { $0.lowercased() == key }
  }

  /// The delimiter among `,` TAB `;` `|` that the header line (first non-blank line) holds most
  /// often outside quotes; ties and a header without any go to the extension's (TAB for `.tsv` and
  /// `.tab`, comma otherwise), then to the order of `DelimitedText.delimiters`.
  package static func sniffDelimiter(_ text: String, path: String) -> Unicode.Scalar {
    let lower = path.lowercased()
    let preferred: Unicode.Scalar = lower.hasSuffix(".tsv") || lower.hasSuffix(".tab") ? "\t" : ","
    var counts: [Unicode.Scalar: Int] = [:]
    var quoted = false
    var seenText = false
    for scalar in text.unicodeScalars {
      if scalar == "\n" || scalar == "\r" {
        if seenText && !quoted { break }
        if !seenText { counts = [:] }  // a blank line before the header
        continue
      }
      if scalar == "\"" { quoted.toggle() }
      if !quoted, DelimitedText.delimiters.contains(scalar) { counts[scalar, default: 0] += 1 }
      if scalar != " " && scalar != "\t" { seenText = true }
    }
    let best = counts.values.max() ?? 0
    guard best > 0 else { return preferred }
    if counts[preferred] == best { return preferred }
    return DelimitedText.delimiters.first { counts[$0] == best }!
  }
}
