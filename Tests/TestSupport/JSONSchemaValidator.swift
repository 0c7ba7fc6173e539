import Foundation

/// A JSON document as a value: what JSON Schema talks about (numbers are one kind; an integer is a
/// number without a fractional part, as JSON Schema says).
public indirect enum JSONValue: Decodable, Equatable, Sendable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  public init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() {
      self = .null
    } else if let value = try? c.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? c.decode(Double.self) {
      self = .number(value)
    } else if let value = try? c.decode(String.self) {
      self = .string(value)
    } else if let value = try? c.decode([JSONValue].self) {
      self = .array(value)
    } else {
      self = .object(try c.decode([String: JSONValue].self))
    }
  }

  /// The document in `data` (any JSON value at the top, objects and arrays as well as scalars).
  public init(json data: Data) throws {
    self = try JSONDecoder().decode(JSONValue.self, from: data)
  }

  /// The document in `text`.
  public init(json text: String) throws {
    try self.init(json: Data(text.utf8))
  }
}

/// Validates JSON documents against a JSON Schema (draft 2020-12), for the subset of keywords the
/// schemas under `schemas/` use: `type` (a name or a list of names), `enum`, `const`, `required`,
/// `properties`, `additionalProperties` (true, false or a schema), `items`, `minItems`,
/// `maxItems`, `minLength`, `pattern`, `minimum`, `maximum`, `exclusiveMinimum`,
/// `exclusiveMaximum`, `$ref` (a pointer into the same schema, `#/$defs/NAME`), `anyOf`, `oneOf`,
/// `allOf`. Any other keyword is reported as unsupported rather than ignored, so a schema cannot
/// rely on a rule this validator would not check. `$schema`, `$id`, `$defs`, `title`,
/// `description`, `$comment` are annotations.
public struct JSONSchemaValidator: Sendable {
  public let schema: JSONValue

  public init(_ schema: JSONValue) {
    self.schema = schema
  }

  /// The schema in a file (e.g. `repositoryFile("schemas/audit.schema.json")`).
  public init(contentsOf url: URL) throws {
    self.init(try JSONValue(json: Data(contentsOf: url)))
  }

  static let annotations: Set<String> = ["$schema", "$id", "$defs", "title", "description", "$comment"]

  /// Every violation, one line each: the instance's path (`$.folds[0].ua`) and what is wrong.
  public func errors(_ instance: JSONValue) -> [String] {
    var errors: [String] = []
    check(instance, against: schema, at: "$", &errors)
    return errors
  }

  /// Every violation of the JSON text in `data`.
  public func errors(json data: Data) throws -> [String] {
    errors(try JSONValue(json: data))
  }

  private func check(_ value: JSONValue, against schema: JSONValue, at path: String, _ errors: inout [String]) {
    let keywords: [String: JSONValue]
    switch schema {
    case .bool(true): return
    case .bool(false):
      errors.append("\(path): no value is allowed here")
      return
    case .object(let object): keywords = object
    default:
      errors.append("\(path): the schema is neither an object nor a boolean")
      return
    }
    for key in keywords.keys.sorted() {
      let rule = keywords[key]!
      switch key {
      case "type": checkType(value, rule, path, &errors)
      case "enum":
        if case .array(let options) = rule, !options.contains(value) {
          errors.append("\(path): \(Self.text(value)) is not one of \(Self.text(rule))")
        }
      case "const":
        if value != rule { errors.append("\(path): \(Self.text(value)) is not \(Self.text(rule))") }
      case "required":
        if case .object(let object) = value, case .array(let names) = rule {
          for case .string(let name) in names where object[name] == nil {
            errors.append("\(path): the key \(name) is missing")
          }
        }
      case "properties":
        if case .object(let object) = value, case .object(let properties) = rule {
          for name in properties.keys.sorted() {
            if let member = object[name] { check(member, against: properties[name]!, at: "\(path).\(name)", &errors) }
          }
        }
      case "additionalProperties":
        if case .object(let object) = value {
          var known = Set<String>()
          if case .object(let properties) = keywords["properties"] { known = Set(properties.keys) }
          for name in object.keys.sorted() where !known.contains(name) {
            if rule == .bool(false) {
              errors.append("\(path): the key \(name) is not allowed")
            } else {
              check(object[name]!, against: rule, at: "\(path).\(name)", &errors)
            }
          }
        }
      case "items":
        if case .array(let items) = value {
          for (index, item) in items.enumerated() { check(item, against: rule, at: "\(path)[\(index)]", &errors) }
        }
      case "minItems", "maxItems":
        if case .array(let items) = value, case .number(let bound) = rule {
          let ok = key == "minItems" ? Double(items.count) >= bound : Double(items.count) <= bound
          if !ok { errors.append("\(path): \(items.count) items (\(key) \(Self.text(rule)))") }
        }
      case "minLength":
        if case .string(let text) = value, case .number(let bound) = rule, Double(text.unicodeScalars.count) < bound {
          errors.append("\(path): \(Self.text(value)) is shorter than \(Self.text(rule)) characters")
        }
      case "pattern":
        if case .string(let text) = value, case .string(let pattern) = rule {
          guard let regex = try? NSRegularExpression(pattern: pattern) else {
            errors.append("\(path): the schema's pattern \(pattern) does not compile")
            continue
          }
          if regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil {
            errors.append("\(path): \(Self.text(value)) does not match \(pattern)")
          }
        }
      case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum":
        if case .number(let number) = value, case .number(let bound) = rule {
          let ok =
            switch key {
            case "minimum": number >= bound
            case "maximum": number <= bound
            case "exclusiveMinimum": number > bound
            default: number < bound
            }
          if !ok { errors.append("\(path): \(Self.text(value)) breaks \(key) \(Self.text(rule))") }
        }
      case "$ref":
        guard case .string(let reference) = rule, let target = resolve(reference) else {
          errors.append("\(path): cannot resolve $ref \(Self.text(rule))")
          continue
        }
        check(value, against: target, at: path, &errors)
      case "anyOf", "oneOf", "allOf":
        guard case .array(let schemas) = rule else {
          errors.append("\(path): \(key) is not a list of schemas")
          continue
        }
        var failures: [[String]] = []
        for sub in schemas {
          var found: [String] = []
          check(value, against: sub, at: path, &found)
          failures.append(found)
        }
        let passing = failures.filter(\.isEmpty).count
        if key == "allOf" {
          errors += failures.flatMap { $0 }
        } else if key == "anyOf" && passing == 0 || key == "oneOf" && passing != 1 {
          let detail = failures.map { $0.first ?? "valid" }.joined(separator: " | ")
          errors.append("\(path): \(passing) of \(schemas.count) schemas of \(key) match (\(detail))")
        }
      default:
        if !Self.annotations.contains(key) { errors.append("\(path): unsupported schema keyword \(key)") }
      }
    }
  }

  private func checkType(_ value: JSONValue, _ rule: JSONValue, _ path: String, _ errors: inout [String]) {
    var names: [String] = []
    if case .string(let name) = rule { names = [name] }
    if case .array(let list) = rule { for case .string(let name) in list { names.append(name) } }
    if !names.contains(where: { Self.has(value, type: $0) }) {
      errors.append("\(path): \(Self.text(value)) is not of type \(names.joined(separator: " or "))")
    }
  }

  static func has(_ value: JSONValue, type: String) -> Bool {
    switch (type, value) {
    case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object),
      ("number", .number):
      return true
    case ("integer", .number(let n)): return n.isFinite && n.rounded() == n
    default: return false
    }
  }

  /// The subschema a `#/…` pointer names in this schema.
  private func resolve(_ reference: String) -> JSONValue? {
    guard reference.hasPrefix("#") else { return nil }
    var node = schema
    for raw in reference.dropFirst().split(separator: "/") {
      let token = raw.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
      switch node {
      case .object(let object):
        guard let next = object[token] else { return nil }
        node = next
      case .array(let array):
        guard let index = Int(token), array.indices.contains(index) else { return nil }
        node = array[index]
      default: return nil
      }
    }
    return node
  }

  /// A short rendering of a value for messages (long values cut).
  static func text(_ value: JSONValue) -> String {
    let full: String
    switch value {
    case .null: full = "null"
    case .bool(let b): full = b ? "true" : "false"
    case .number(let n): full = n.rounded() == n && abs(n) < 1e15 ? String(Int64(n)) : String(n)
    case .string(let s): full = "\"\(s)\""
    case .array(let a): full = "[" + a.map(text).joined(separator: ", ") + "]"
    case .object(let o): full = "{" + o.keys.sorted().joined(separator: ", ") + "}"
    }
    return full.count > 80 ? String(full.prefix(77)) + "…" : full
  }
}
