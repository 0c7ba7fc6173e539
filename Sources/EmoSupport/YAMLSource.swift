import Foundation
import Yams

/// One step of a path into a YAML document: a mapping key or a sequence index.
package enum YAMLPathComponent: Sendable, Hashable, CustomStringConvertible {
  case key(String)
  case index(Int)

  package init(_ codingKey: any CodingKey) {
    if let index = codingKey.intValue { self = .index(index) } else { self = .key(codingKey.stringValue) }
  }

  package var description: String {
    switch self {
    case .key(let key): key
    case .index(let index): "\(index + 1)"
    }
  }
}

/// A problem in a YAML file's content found while decoding it, located by its path in the document.
package struct YAMLContentError: Error {
  package var path: [YAMLPathComponent]
  package var what: String
  package var expected: String?

  package init(path: [any CodingKey], _ what: String, expected: String? = nil) {
    self.path = path.map(YAMLPathComponent.init)
    self.what = what
    self.expected = expected
  }
}

/// A coding key for reading keys the type does not declare (to reject them).
package struct AnyCodingKey: CodingKey {
  package var stringValue: String
  package var intValue: Int?
  package init(stringValue: String) { self.stringValue = stringValue }
  package init(intValue: Int) {
    self.stringValue = "\(intValue)"
    self.intValue = intValue
  }
}

extension Decoder {
  /// Throws when the mapping being decoded has a key outside `Known` (a typo must not be ignored):
  /// the message names the nearest known key when one is close, and lists them all.
  package func rejectUnknownKeys<Known: CodingKey & CaseIterable>(_: Known.Type, in what: String) throws {
    let container = try self.container(keyedBy: AnyCodingKey.self)
    let known = Known.allCases.map(\.stringValue)
    for key in container.allKeys.sorted(by: { $0.stringValue < $1.stringValue })
    where !known.contains(key.stringValue) {
      let hint = KeySuggestion.nearest(to: key.stringValue, among: known).map { " (did you mean '\($0)'?)" } ?? ""
      throw YAMLContentError(
        path: codingPath + [key], "unknown field '\(key.stringValue)' in \(what)\(hint)",
        expected: "one of: \(known.joined(separator: ", "))")
    }
  }
}

extension KeyedDecodingContainer {
  /// The value at `key`, or `fallback` when the key is absent or null: an omitted setting takes its
  /// default.
  package func value<T: Decodable>(_ key: Key, or fallback: @autoclosure () -> T) throws -> T {
    try decodeIfPresent(T.self, forKey: key) ?? fallback()
  }
}

/// The known name closest to a misspelled one, for "did you mean" hints.
package enum KeySuggestion {
  /// The candidate at the smallest edit distance from `word` (case ignored), when that distance is
  /// at most a third of the word's length (at least 1) and no other candidate ties with it.
  package static func nearest(to word: String, among candidates: [String]) -> String? {
    let limit = max(1, word.count / 3)
    var best: (name: String, distance: Int)?
    var tie = false
    for candidate in candidates {
      let distance = editDistance(word.lowercased(), candidate.lowercased())
      guard distance <= limit else { continue }
      if best == nil || distance < best!.distance {
        best = (candidate, distance)
        tie = false
      } else if distance == best!.distance {
        tie = true
      }
    }
    return tie ? nil : best?.name
  }

  /// Levenshtein distance over characters, with an adjacent transposition counting as one edit.
  package static func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a)
    let y = Array(b)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var before = [Int](repeating: 0, count: y.count + 1)
    var previous = Array(0...y.count)
    var current = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
      current[0] = i
      for j in 1...y.count {
        let cost = x[i - 1] == y[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
          current[j] = min(current[j], before[j - 2] + 1)
        }
      }
      (before, previous, current) = (previous, current, before)
    }
    return previous[y.count]
  }
}

/// A YAML file parsed with positions, so that every error it leads to names its file and line.
package struct YAMLSource {
  package let file: String
  package let root: Node

  /// Parses `text`; a syntax error becomes a `LocatedError` at the line libyaml reports.
  package init(text: String, file: String) throws {
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
  package init(path: String) throws {
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
  package func decode<T: Decodable>(_ type: T.Type, shape: String) throws -> T {
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
  package func located(at path: [YAMLPathComponent], _ what: String, expected: String? = nil) -> LocatedError {
    LocatedError(file: file, line: line(at: path), what, expected: expected)
  }

  /// The 1-based line of the node at `path`, or of its deepest existing ancestor.
  package func line(at path: [YAMLPathComponent]) -> Int {
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
  package static func describe(_ path: [YAMLPathComponent]) -> String {
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
