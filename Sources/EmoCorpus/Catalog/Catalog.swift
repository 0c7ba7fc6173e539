import CSQLite
import EmoSupport
import Foundation

/// The SQLite catalog of a prep run (`schemas/catalog.sql`), written atomically.
///
/// Built as `.catalog.sqlite.partial` in the output folder, one transaction per stage
/// (`stage(_:_:)`), and renamed onto its final name by `finish(to:)`: an interrupted run never leaves
/// a file under the final name, and its partial file is deleted (never reused) by the next run.
/// Not thread-safe: use one catalog from one thread (stages are sequential anyway).
public final class Catalog {
  /// Final file name inside a prep output folder.
  public static let fileName = "catalog.sqlite"
  /// Name of the catalog while it is being built.
  public static let partialName = ".catalog.sqlite.partial"

  /// The file currently open.
  public let path: String
  private var db: OpaquePointer?
  private var statements: [String: SQLiteStatement] = [:]
  /// The stage whose transaction is open, if any.
  public private(set) var currentStage: String?

  /// Starts a new catalog in `folder`, deleting any partial file a previous run left, and creates the schema.
  public init(buildingIn folder: String) throws {
    try AtomicFile.createDirectory(folder)
    path = folder + "/" + Self.partialName
    for stale in [path, path + "-journal", path + "-wal", path + "-shm"] { unlink(stale) }
    try open(flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
    // Durability comes from the final rename (after an fsync in `finish`), not from the journal: a
    // partial file is never trusted, so the journal only needs to support ROLLBACK.
    try execute(
      "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536;")
    try execute("BEGIN; " + CatalogSchema.sql + "\nCOMMIT;")
  }

  /// Opens a finished catalog (read-only unless `writable`).
  public init(opening path: String, writable: Bool = false) throws {
    self.path = path
    guard FileManager.default.fileExists(atPath: path) else {
      throw LocatedError(file: path, "catalog not found", expected: "a catalog.sqlite written by emocorpus prep")
    }
    try open(flags: writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY)
    try execute("PRAGMA foreign_keys = ON;")
  }

  deinit { close() }

  /// Allocation statistics off, once, before the first connection (a mutex per allocation otherwise).
  private static let configured: Void = { _ = emo_sqlite3_disable_memstatus() }()

  private func open(flags: Int32) throws {
    Self.configured
    // NOMUTEX: a Catalog is used from one thread at a time (it is not Sendable), so sqlite3's
    // per-call connection mutex is pure overhead.
    let code = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, nil)
    guard code == SQLITE_OK, db != nil else {
      let error = SQLiteStatement.error(db: db, code: code, sql: "open", path: path)
      close()
      throw error
    }
    sqlite3_extended_result_codes(db, 1)
  }

  private func close() {
    statements.removeAll()
    if let db { sqlite3_close_v2(db) }
    db = nil
  }

  private func connection() throws -> OpaquePointer {
    guard let db else { throw LocatedError(file: path, "catalog already finished or closed") }
    return db
  }

  /// Runs one or more SQL statements that return no rows.
  public func execute(_ sql: String) throws {
    let db = try connection()
    var message: UnsafeMutablePointer<CChar>?
    let code = sqlite3_exec(db, sql, nil, nil, &message)
    sqlite3_free(message)
    guard code == SQLITE_OK else { throw SQLiteStatement.error(db: db, code: code, sql: sql, path: path) }
  }

  /// Runs a query and returns every row.
  public func rows(_ sql: String, _ arguments: [SQLValue] = []) throws -> [[SQLValue]] {
    let statement = try prepared(sql)
    try statement.bind(arguments)
    var rows: [[SQLValue]] = []
    while try statement.step() { rows.append(statement.row()) }
    return rows
  }

  /// The first column of the first row as an integer (counts).
  public func count(_ sql: String, _ arguments: [SQLValue] = []) throws -> Int {
    try rows(sql, arguments).first?.first?.int ?? 0
  }

  /// A cached prepared statement.
  package func prepared(_ sql: String) throws -> SQLiteStatement {
    if let statement = statements[sql] { return statement }
    let statement = try SQLiteStatement(db: try connection(), sql: sql, path: path)
    statements[sql] = statement
    return statement
  }

  /// Runs `body` as one stage: one transaction, committed with a row in `stages`, rolled back entirely
  /// if `body` throws (the error is rethrown). Stages do not nest; a stage name is used once.
  public func stage(_ name: String, _ body: (Catalog) throws -> Void) throws {
    if let currentStage {
      throw LocatedError(file: path, "stage \(name) started inside stage \(currentStage)")
    }
    let db = try connection()
    try execute("BEGIN IMMEDIATE")
    currentStage = name
    defer { currentStage = nil }
    let before = sqlite3_total_changes(db)
    do {
      try body(self)
      let changes = Int(sqlite3_total_changes(db) - before)
      try prepared("INSERT INTO stages (name, completed_at, changes) VALUES (?, ?, ?)")
        .run([.text(name), .text(Self.timestamp()), SQLValue(changes)])
      try execute("COMMIT")
    } catch {
      if sqlite3_get_autocommit(db) == 0 { try? execute("ROLLBACK") }
      throw error
    }
  }

  /// Runs `body` atomically inside or outside a stage (a savepoint), so each inserter is all-or-nothing.
  package func atomically(_ body: () throws -> Void) throws {
    try execute("SAVEPOINT inserter")
    do {
      try body()
      try execute("RELEASE inserter")
    } catch {
      try? execute("ROLLBACK TO inserter")
      try? execute("RELEASE inserter")
      throw error
    }
  }

  /// Stages completed so far, in order.
  public func completedStages() throws -> [String] {
    try rows("SELECT name FROM stages ORDER BY seq").compactMap { $0.first?.string }
  }

  /// Closes the catalog, flushes it to disk and renames it atomically onto `destination`
  /// (normally `DIR/catalog.sqlite`); the catalog cannot be used afterwards.
  public func finish(to destination: String) throws {
    if let currentStage { throw LocatedError(file: path, "cannot finish the catalog inside stage \(currentStage)") }
    let db = try connection()
    statements.removeAll()
    let code = sqlite3_close(db)
    guard code == SQLITE_OK else { throw SQLiteStatement.error(db: db, code: code, sql: "close", path: path) }
    self.db = nil
    guard let handle = FileHandle(forUpdatingAtPath: path) else {
      throw LocatedError(file: path, "cannot reopen the finished catalog to flush it")
    }
    try handle.synchronize()
    try handle.close()
    try AtomicFile.commit(temp: path, to: destination)
  }

  static func timestamp() -> String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: Date())
  }
}
