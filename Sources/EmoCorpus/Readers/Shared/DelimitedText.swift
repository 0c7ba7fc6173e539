import EmoSupport

/// One record of a CSV/TSV file and the physical line it starts on (1-based).
struct DelimitedRecord: Sendable, Hashable {
  var fields: [String]
  var line: Int
}

/// RFC 4180 parsing with physical line numbers, which the CSV package does not report.
///
/// A field starting with `"` is quoted: it may hold delimiters, newlines and `""` for a quote. A
/// quote inside an unquoted field is kept as a character (as Python's `csv` does). Line ends are
/// LF, CRLF or CR; a newline inside quotes is kept as `\n`. Blank lines are skipped.
enum DelimitedText {
  static func parse(_ text: String, delimiter: Unicode.Scalar, path: String) throws -> [DelimitedRecord] {
    var records: [DelimitedRecord] = []
    var fields: [String] = []
    var field = String.UnicodeScalarView()
    var line = 1
    var recordLine = 1
    var quoteLine = 0
    enum State { case fieldStart, unquoted, quoted, afterQuote }
    var state = State.fieldStart
    var scalars = text.unicodeScalars.makeIterator()
    var pending: Unicode.Scalar? = nil

    func endField() {
      fields.append(String(field))
      field.removeAll(keepingCapacity: true)
    }
    func endRecord() {
      endField()
      if !(fields.count == 1 && fields[0].isEmpty) { records.append(DelimitedRecord(fields: fields, line: recordLine)) }
      fields.removeAll(keepingCapacity: true)
    }

    while let scalar = pending ?? scalars.next() {
      pending = nil
      var isNewline = scalar == "\n"
      if scalar == "\r" {
        isNewline = true
        if let next = scalars.next(), next != "\n" { pending = next }
      }
      switch state {
      case .fieldStart, .unquoted:
        if state == .fieldStart && scalar == "\"" {
          state = .quoted
          quoteLine = line
        } else if scalar == delimiter {
          endField()
          state = .fieldStart
        } else if isNewline {
          line += 1
          endRecord()
          recordLine = line
          state = .fieldStart
        } else {
          field.append(scalar)
          state = .unquoted
        }
      case .quoted:
        if scalar == "\"" {
          if let next = scalars.next() {
            if next == "\"" { field.append("\"") } else { pending = next; state = .afterQuote }
          } else {
            state = .afterQuote
          }
        } else if isNewline {
          line += 1
          field.append("\n")
        } else {
          field.append(scalar)
        }
      case .afterQuote:
        if scalar == delimiter {
          endField()
          state = .fieldStart
        } else if isNewline {
          line += 1
          endRecord()
          recordLine = line
          state = .fieldStart
        } else if scalar != " " {
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
      if !fields.isEmpty { endRecord() }
    case .unquoted, .afterQuote:
      endRecord()
    }
    return records
  }
}
