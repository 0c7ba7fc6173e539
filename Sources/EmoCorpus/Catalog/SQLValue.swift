/// A value bound to or read from an SQLite statement.
public enum SQLValue: Sendable, Hashable, CustomStringConvertible {
  case null
  case integer(Int64)
  case real(Double)
  case text(String)

  /// The value as text when it is text.
  public var string: String? { if case .text(let value) = self { value } else { nil } }
  /// The value as an integer when it is one.
  public var int: Int? { if case .integer(let value) = self { Int(value) } else { nil } }
  /// The value as a Double when it is a number.
  public var double: Double? {
    switch self {
    case .real(let value): value
    case .integer(let value): Double(value)
    default: nil
    }
  }

  public var description: String {
    switch self {
    case .null: "NULL"
    case .integer(let value): String(value)
    case .real(let value): String(value)
    case .text(let value): value
    }
  }

  package init(_ value: String?) { self = value.map { .text($0) } ?? .null }
  package init(_ value: Double?) { self = value.map { .real($0) } ?? .null }
  package init(_ value: Int) { self = .integer(Int64(value)) }
}
