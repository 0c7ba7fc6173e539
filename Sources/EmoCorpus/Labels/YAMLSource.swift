import EmoSupport
import Foundation
import Yams

/// One step of a path into a YAML document: a mapping key or a sequence index.
enum YAMLPathComponent: Sendable, Hashable, CustomStringConvertible {
  case key(String)
  case index(Int)

  init(_ codingKey: any CodingKey) {
    if let index = codingKey.intValue { self = .index(index) } else { self = .key(codingKey.stringValue) }
  }

  var description: String {
    switch self {
    case .key(let key): key
    case .index(let index): "\(index + 1)"
    }
  }
}

/// A problem in a YAML file's content found while decoding it, located by its path in the document.
struct YAMLContentError: Error {
  var path: [YAMLPathComponent]
  var what: String
  var expected: String?

  init(path: [any CodingKey], _ what: String, expected: String? = nil) {
    self.path = path.map(YAMLPathComponent.init)
    self.what = what
    self.expected = expected
  }
}

/// A coding key for reading keys the type does not declare (to reject them).
struct AnyCodingKey: CodingKey {
  var stringValue: String
  var intValue: Int?
  init(stringValue: String) { self.stringValue = stringValue }
  init(intValue: Int) {
    self.stringValue = "\(intValue)"
    self.intValue = intValue
  }
}

extension Decoder {
  /// Throws when the mapping being decoded has a key outside `Known` (a typo must not be ignored).
  func rejectUnknownKeys<Known: CodingKey & CaseIterable>(_: Known.Type, in what: String) throws {
    let container = try self.container(keyedBy: AnyCodingKey.self)
    let known = Known.allCases.map(\.stringValue)
    for key in container.allKeys where !known.contains(key.stringValue) {
      throw YAMLContentError(
        path: codingPath + [key], "unknown field '\(key.stringValue)' in \(what)",
        expected: "one of: \(known.joined(separator: ", "))")
    }
  }
}

/// A YAML file parsed with positions, so that every error it leads to names its file and line.
struct YAMLSource {
  let file: String
  let root: Node

  /// Parses `text`; a syntax error becomes a `LocatedError` at the line libyaml reports.
  init(text: String, file: String) throws {
    self.file = file
    do {
      guard let root = try Yams.compose(yaml: text) else {
        throw LocatedError(file: file, "empty YAML file", expected: "a YAML mapping")
      }
      self.root = root
    } catch let error as YamlError {
      throw Self.located(error, file: file)
    }
  }

  /// Reads and parses the file at `path`.
  init(path: String) throws {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw LocatedError(file: path, "cannot read file", expected: "a readable YAML file")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw LocatedError(file: path, "file is not UTF-8 text", expected: "a UTF-8 YAML file")
    }
    try self.init(text: text, file: path)
  }

  /// Decodes the document; decoding problems become `LocatedError`s naming the offending line.
  /// `shape` describes the expected document for messages (e.g. "a task file: name, classes, …").
  func decode<T: Decodable>(_ type: T.Type, shape: String) throws -> T {
    do {
      return try YAMLDecoder().decode(type, from: root)
    } catch let error as YAMLContentError {
      throw located(at: error.path, error.what, expected: error.expected)
    } catch let error as DecodingError {
      switch error {
      case .keyNotFound(let key, let context):
        let path = context.codingPath.map(YAMLPathComponent.init)
        let place = path.isEmpty ? "" : " in \(Self.describe(path))"
        throw located(at: path, "missing field '\(key.stringValue)'\(place)", expected: shape)
      case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
        let path = context.codingPath.map(YAMLPathComponent.init)
        throw located(at: path, "'\(Self.describe(path))' has the wrong type", expected: Self.words(for: type))
      case .dataCorrupted(let context):
        let path = context.codingPath.map(YAMLPathComponent.init)
        throw located(at: path, context.debugDescription, expected: shape)
      @unknown default:
        throw LocatedError(file: file, "cannot decode: \(error)", expected: shape)
      }
    } catch let error as YamlError {
      throw Self.located(error, file: file)
    }
  }

  /// An error at the line of the node reached by `path` (or of its deepest existing ancestor).
  func located(at path: [YAMLPathComponent], _ what: String, expected: String? = nil) -> LocatedError {
    LocatedError(file: file, line: line(at: path), what, expected: expected)
  }

  /// The 1-based line of the node at `path`, or of its deepest existing ancestor.
  func line(at path: [YAMLPathComponent]) -> Int {
    var node = root
    for component in path {
      let next: Node?
      switch component {
      case .key(let key): next = node.mapping?[key]
      case .index(let index):
        if let sequence = node.sequence, index >= 0, index < sequence.count {
          next = sequence[index]
        } else {
          next = nil
        }
      }
      guard let next else { break }
      node = next
    }
    return node.mark?.line ?? 0
  }

  /// `classes.2.labels` style path for messages (sequence positions 1-based).
  static func describe(_ path: [YAMLPathComponent]) -> String {
    path.map(\.description).joined(separator: ".")
  }

  private static func words(for type: Any.Type) -> String {
    let name = String(describing: type)
    // Yams reports either the Swift type wanted or the kind of YAML node it needed.
    if type == String.self || name == "Scalar" { return "text" }
    if name.hasPrefix("Array<") || name == "Sequence" { return "a list" }
    if name.hasPrefix("Dictionary<") || name == "Mapping" { return "a mapping of key: value" }
    return name
  }

  private static func located(_ error: YamlError, file: String) -> LocatedError {
    switch error {
    case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
      .composer(_, let problem, let mark, _):
      return LocatedError(file: file, line: mark.line, "invalid YAML: \(problem)", expected: "well-formed YAML")
    case .duplicatedKeysInMapping(let duplicates, let context):
      return LocatedError(
        file: file, line: context.mark.line,
        "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", "))", expected: "each key once per mapping")
    case .reader(let problem, _, _, _):
      return LocatedError(file: file, "invalid YAML: \(problem)", expected: "UTF-8 YAML text")
    default:
      return LocatedError(file: file, "invalid YAML: \(error)", expected: "well-formed YAML")
    }
  }
}
