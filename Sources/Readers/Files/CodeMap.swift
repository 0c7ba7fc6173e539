import EmoSupport
import Foundation

/// Codes captured from file names and what each stands for, in the order given
/// (`W=anger,L=boredom`). Codes are matched ignoring case, so two codes that differ only by case
/// are refused.
public struct CodeMap: Sendable, Hashable, Codable, CustomStringConvertible {
  public struct Entry: Sendable, Hashable {
    public var code: String
    public var value: String
  }

  public private(set) var entries: [Entry] = []
  private var index: [String: Int] = [:]

  public init() {}

  /// Parses `code=value,code=value`; `option` names the flag in the error sentence.
  public init(parsing text: String, option: String) throws(CodeMapError) {
    let list: KeyValueList
    do {
      // Codes that differ only by case are refused by `add`.
      list = try KeyValueList.parse(text)
    } catch {
      switch error {
      case .empty:
        throw CodeMapError(option: option, what: "'\(text)' is not code=value")
      case .notAPair(let item):
        throw CodeMapError(option: option, what: "'\(item)' is not code=value")
      case .repeated(let code):
        throw CodeMapError(option: option, what: "code '\(code)' is given twice")
      }
    }
    for entry in list.entries { try add(entry.key, entry.value ?? "", option: option) }
  }

  /// A map from a YAML mapping (presets); `name` says where it came from in errors.
  public init(_ dictionary: [String: String], name: String) throws(CodeMapError) {
    for code in dictionary.keys.sorted() { try add(code, dictionary[code]!, option: name) }
  }

  private mutating func add(_ code: String, _ value: String, option: String) throws(CodeMapError) {
    let key = code.lowercased()
    if let earlier = index[key] {
      let first = entries[earlier].code
      throw CodeMapError(
        option: option,
        what: first == code ? "code '\(code)' is given twice" : "codes '\(first)' and '\(code)' differ only by case")
    }
    index[key] = entries.count
    entries.append(Entry(code: code, value: value))
  }

  public var isEmpty: Bool { entries.isEmpty }

  /// The value of `code`, ignoring case.
  public func value(for code: String) -> String? { index[code.lowercased()].map { entries[$0].value } }

  /// `self` with the entries of `other` added, replacing those with the same code.
  public func overridden(by other: CodeMap) -> CodeMap {
    var merged = CodeMap()
    for entry in entries where other.value(for: entry.code) == nil {
      merged.index[entry.code.lowercased()] = merged.entries.count
      merged.entries.append(entry)
    }
    for entry in other.entries {
      merged.index[entry.code.lowercased()] = merged.entries.count
      merged.entries.append(entry)
    }
    return merged
  }

  /// `code=value,…` as given.
  public var description: String { entries.map { "\($0.code)=\($0.value)" }.joined(separator: ",") }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    self = text.isEmpty ? CodeMap() : try CodeMap(parsing: text, option: "a code map")
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }

  public static func == (a: CodeMap, b: CodeMap) -> Bool { a.entries == b.entries }
  public func hash(into hasher: inout Hasher) { hasher.combine(entries) }
}

/// A malformed `--label-map` / `--gender-map` (or preset map).
public struct CodeMapError: Error, Equatable, CustomStringConvertible {
  public var option: String
  public var what: String

  public var description: String { "\(option): \(what) (expected code=value,code=value)" }
}
