import EmoSupport

/// An item of a corpus file (an IEMOCAP turn block, a CEMO segment, a table row, a Transcriber
/// stretch or companion-table row) that was read but could not become a segment: it is dropped
/// with reason `malformed`, its location and what was wrong (never transcript or note content).
///
/// File-level faults (a file that cannot be trusted as a whole) are thrown as `LocatedError`
/// instead; see `ItemFaults` for how a reader tells the two apart.
public struct ItemFault: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The id the item would have had (turn name, segment id, stretch id), or `<file name>:<line>`
  /// when it has no usable one or that id is taken (`ItemFaults.resolved`).
  public var id: String
  public var origin: Origin
  public var what: String
  public var expected: String?

  public init(id: String, origin: Origin, what: String, expected: String? = nil) {
    self.id = id
    self.origin = origin
    self.what = what
    self.expected = expected
  }

  /// A fault from the error the item's reading raised.
  package init(id: String?, error: LocatedError, fallback: Origin) {
    let origin = error.file.map { Origin(file: $0, line: error.line) } ?? fallback
    self.init(
      id: id ?? Self.locationID(origin), origin: origin, what: error.what, expected: error.expected)
  }

  /// What was wrong, with the expected shape: `what (expected shape)`.
  public var cause: String { what + (expected.map { " (expected \($0))" } ?? "") }

  /// `file:line: what (expected shape)`, the error `--strict` stops with.
  public var description: String { "\(origin): \(cause)" }

  /// The error `--strict` stops with: the item's own error, word for word.
  public var error: LocatedError { LocatedError(file: origin.file, line: origin.line, what, expected: expected) }

  /// The drop that accounts for the item.
  public var drop: Drop { Drop(segmentID: id, reason: .malformed, detail: cause, origin: origin) }

  /// The stable id of an item known only by its place: `<file name>:<line>` (`data.tsv:118`).
  public static func locationID(_ origin: Origin) -> String {
    let name = origin.file.split(separator: "/").last.map(String.init) ?? origin.file
    return "\(name):\(origin.line)"
  }

  /// The one warning line prep and audit print: the count and the first `limit` locations
  /// (nil: every location, one per line); `listedIn` says where the drops are kept. nil when
  /// there is no fault.
  public static func warning(_ faults: [ItemFault], limit: Int?, listedIn: String? = nil) -> String? {
    guard !faults.isEmpty else { return nil }
    let noun = faults.count == 1 ? "item" : "items"
    var text = "warning: \(faults.count) malformed \(noun) dropped"
    if let listedIn { text += " (reason malformed, listed in \(listedIn))" }
    if let limit {
      let shown = faults.prefix(limit).map { "\($0.origin) \($0.what)" }
      text += ": " + shown.joined(separator: "; ")
      if faults.count > limit { text += "; … \(faults.count - limit) more (--verbose lists all)" }
      text += "; --strict stops at the first"
    } else {
      text += ":"
      for fault in faults { text += "\n  \(fault.id): \(fault)" }
    }
    return text
  }

  /// With `--strict`, an empty label (a table cell, `emotion:`, an empty labels.csv `major`) is an
  /// item fault like any other: the error readers stop with.
  package static func emptyLabel(at origin: Origin) -> LocatedError {
    LocatedError(
      file: origin.file, line: origin.line, "empty label",
      expected:
        "a label; without --strict an empty label is a coder who gave none, and a segment no coder labelled is dropped as no label"
    )
  }
}

/// How a reader treats the faults of one item, and the faults it met.
///
/// A reader wraps the reading of each item (turn block, segment, row, stretch) in `read(item:at:)`.
/// A `LocatedError` thrown inside is about that item only: without `strict` it is recorded and the
/// item left out (`nil`); with `strict` it is rethrown as it is, so the run stops at the first
/// item fault with its `file:line`. Errors about the whole file are thrown outside such a call.
package struct ItemFaults {
  package let strict: Bool
  package private(set) var faults: [ItemFault] = []

  package init(strict: Bool) { self.strict = strict }

  /// Runs `body` for one item; nil when the item is faulty (and recorded).
  package mutating func read<T>(item id: @autoclosure () -> String?, at origin: Origin, _ body: () throws -> T) throws
    -> T?
  {
    do {
      return try body()
    } catch let error as LocatedError {
      try record(error, item: id(), at: origin)
      return nil
    }
  }

  /// Records one faulty item (or, with `strict`, throws its error).
  package mutating func record(_ error: LocatedError, item id: String?, at origin: Origin) throws {
    if strict { throw error }
    faults.append(ItemFault(id: id, error: error, fallback: origin))
  }

  /// The faults with ids that are unique among themselves and apart from `taken` (the corpus's
  /// segment ids): a fault whose own id is already used falls back to `<file name>:<line>`, then
  /// to `<file name>:<line>#2`, `#3`, … Deterministic for the same input.
  package func resolved<S: Sequence<String>>(apartFrom taken: S) -> [ItemFault] {
    guard !faults.isEmpty else { return [] }
    var used = Set(taken)
    return faults.map { fault in
      var fault = fault
      if used.contains(fault.id) {
        let base = ItemFault.locationID(fault.origin)
        var candidate = base
        var n = 1
        while used.contains(candidate) {
          n += 1
          candidate = "\(base)#\(n)"
        }
        fault.id = candidate
      }
      used.insert(fault.id)
      return fault
    }
  }
}
