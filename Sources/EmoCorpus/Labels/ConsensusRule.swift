import EmoSupport
import Foundation

/// How a segment's consensus class is chosen from its coders (`--consensus`).
public enum ConsensusRule: Sendable, Hashable, Codable, CustomStringConvertible {
  /// Each coder's Major adds 2, Minor adds 1 to its class; the highest score wins; a tie has none.
  case soft
  /// The class of a strict majority of Major labels.
  case majority
  /// One coder's Major label (whatever the corpus's own consensus says).
  case coder(String)

  /// Parses `soft`, `majority` or `coder:ID`.
  public init(parsing text: String) throws {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    switch trimmed {
    case "soft": self = .soft
    case "majority": self = .majority
    default:
      guard trimmed.hasPrefix("coder:") else {
        throw LocatedError(file: nil, "unknown consensus rule '\(text)'", expected: "soft, majority or coder:ID")
      }
      let id = String(trimmed.dropFirst("coder:".count)).trimmingCharacters(in: .whitespaces)
      guard !id.isEmpty else {
        throw LocatedError(file: nil, "consensus rule '\(text)' names no coder", expected: "coder:ID, e.g. coder:c1")
      }
      self = .coder(id)
    }
  }

  /// The option spelling (`soft`, `majority`, `coder:ID`), which `init(parsing:)` reads back.
  public var description: String {
    switch self {
    case .soft: "soft"
    case .majority: "majority"
    case .coder(let id): "coder:\(id)"
    }
  }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    do {
      try self.init(parsing: text)
    } catch let error as LocatedError {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "\(error.what) (expected \(error.expected ?? ""))"))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
