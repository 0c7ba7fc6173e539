import CSQLite
import EmoSupport

/// A prepared sqlite3 statement; every return code is checked at the call, finalized in `deinit`.
package final class SQLiteStatement {
  private let db: OpaquePointer
  private var handle: OpaquePointer?
  package let sql: String
  private let path: String

  /// `sqlite3_bind_text` copies the bytes (SQLITE_TRANSIENT does not import as a constant).
  private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

  package init(db: OpaquePointer, sql: String, path: String) throws {
    self.db = db
    self.sql = sql
    self.path = path
    let code = sqlite3_prepare_v2(db, sql, -1, &handle, nil)
    guard code == SQLITE_OK, handle != nil else {
      throw SQLiteStatement.error(db: db, code: code, sql: sql, path: path)
    }
  }

  deinit { sqlite3_finalize(handle) }

  /// The error for a failed call: the SQL (first line, shortened) and sqlite3's own message.
  package static func error(db: OpaquePointer?, code: Int32, sql: String, path: String) -> LocatedError {
    let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
    var statement = sql.split(separator: "\n").first.map(String.init) ?? sql
    if statement.count > 80 { statement = String(statement.prefix(77)) + "..." }
    return LocatedError(file: path, "SQLite error \(code) (\(message)) in \"\(statement)\"")
  }

  private func check(_ code: Int32) throws {
    guard code == SQLITE_OK else { throw Self.error(db: db, code: code, sql: sql, path: path) }
  }

  /// Binds `values` to parameters 1…n after resetting the statement (callers bind every parameter).
  package func bind(_ values: [SQLValue]) throws {
    // sqlite3_reset repeats the code of a failed previous step, which was already thrown there.
    _ = sqlite3_reset(handle)
    for (offset, value) in values.enumerated() {
      let index = Int32(offset + 1)
      switch value {
      case .null: try check(sqlite3_bind_null(handle, index))
      case .integer(let number): try check(sqlite3_bind_int64(handle, index, number))
      case .real(let number): try check(sqlite3_bind_double(handle, index, number))
      case .text(let text):
        // withCString borrows a native string's UTF-8 without the copy implicit bridging makes.
        try check(text.withCString { sqlite3_bind_text(handle, index, $0, -1, Self.transient) })
      }
    }
  }

  /// Advances one row: true when a row is available, false when done.
  @discardableResult
  package func step() throws -> Bool {
    let code = sqlite3_step(handle)
    switch code {
    case SQLITE_ROW: return true
    case SQLITE_DONE: return false
    default: throw Self.error(db: db, code: code, sql: sql, path: path)
    }
  }

  /// Binds and runs a statement that returns no rows.
  package func run(_ values: [SQLValue]) throws {
    try bind(values)
    while try step() {}
  }

  /// The current row's column as text (nil when NULL), without materializing the whole row.
  func text(_ index: Int32) -> String? {
    sqlite3_column_type(handle, index) == SQLITE_NULL
      ? nil : sqlite3_column_text(handle, index).map { String(cString: $0) }
  }

  /// The current row's columns.
  package func row() -> [SQLValue] {
    (0..<sqlite3_column_count(handle)).map { index in
      switch sqlite3_column_type(handle, index) {
      case SQLITE_INTEGER: .integer(sqlite3_column_int64(handle, index))
      case SQLITE_FLOAT: .real(sqlite3_column_double(handle, index))
      case SQLITE_NULL: .null
      default: .text(sqlite3_column_text(handle, index).map { String(cString: $0) } ?? "")
      }
    }
  }
}
