import EmoSupport

/// One manifest line in, one out: the writer's encoder and the checker's schema rules
/// (the same rules as `schemas/fold-manifest.schema.json`, plus `end > start`).
extension ManifestEntry {
  /// Field names in the order every line is written (SPEC §4.4); `audio_hash` last when present.
  public static let fieldOrder = [
    "id", "speaker", "dialog", "gender", "role", "label", "path", "start", "end", "duration", "windows", "audio_hash",
  ]

  /// The entry as one JSON object without a newline: fields in `fieldOrder`, numbers in Swift's
  /// shortest round-trip form (byte-identical for the same values on every run).
  public func jsonLine() throws(FoldError) -> String {
    for (field, value) in [("start", start), ("end", end), ("duration", duration)] where !value.isFinite {
      throw FoldError.nonFiniteNumber(segment: id, field: field)
    }
    var line = "{\"id\":"
    Self.appendQuoted(id, to: &line)
    line += ",\"speaker\":"
    Self.appendQuoted(speaker, to: &line)
    line += ",\"dialog\":"
    Self.appendQuoted(dialog, to: &line)
    line += ",\"gender\":\"\(gender.rawValue)\",\"role\":\"\(role.rawValue)\",\"label\":"
    Self.appendQuoted(label, to: &line)
    line += ",\"path\":"
    Self.appendQuoted(path, to: &line)
    line += ",\"start\":\(start),\"end\":\(end),\"duration\":\(duration),\"windows\":\(windows)"
    if let audioHash {
      line += ",\"audio_hash\":"
      Self.appendQuoted(audioHash, to: &line)
    }
    line += "}"
    return line
  }

  static func appendQuoted(_ text: String, to line: inout String) {
    line += "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": line += "\\\""
      case "\\": line += "\\\\"
      case "\n": line += "\\n"
      case "\r": line += "\\r"
      case "\t": line += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        line += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: line.unicodeScalars.append(scalar)
      }
    }
    line += "\""
  }

  /// Parses and checks one manifest line; errors read `file:line: what (expected …)`.
  public init(jsonLine text: Substring, file: String, line: Int) throws(LocatedError) {
    func error(_ what: String, _ expected: String) -> LocatedError {
      LocatedError(file: file, line: line, what, expected: expected)
    }
    let oneObject = "one manifest object per line"
    if text.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { throw error("empty line", oneObject) }
    let members: [(key: String, value: JSONValue)]
    do {
      members = try JSONScanner.object(text)
    } catch {
      throw LocatedError(
        file: file, line: line, "not valid JSON at column \(error.column): \(error.what)", expected: oneObject)
    }
    var fields: [String: JSONValue] = [:]
    for (key, value) in members {
      guard Self.fieldOrder.contains(key) else {
        throw error("unknown field \"\(key)\"", "only " + Self.fieldOrder.joined(separator: ", "))
      }
      guard fields.updateValue(value, forKey: key) == nil else {
        throw error("field \"\(key)\" appears twice", "each field once")
      }
    }
    for key in Self.fieldOrder.dropLast() where fields[key] == nil {
      throw error("missing field \"\(key)\"", "all of " + Self.fieldOrder.dropLast().joined(separator: ", "))
    }

    func string(_ key: String, nonEmpty: Bool = true) throws(LocatedError) -> String {
      let shape = nonEmpty ? "a non-empty string" : "a string"
      guard case .string(let s) = fields[key]! else {
        throw error("field \"\(key)\" is \(fields[key]!.typeName)", shape)
      }
      if nonEmpty && s.isEmpty { throw error("field \"\(key)\" is empty", shape) }
      return s
    }
    func seconds(_ key: String) throws(LocatedError) -> Double {
      let shape = "a number >= 0"
      guard case .number(let v, _) = fields[key]! else {
        throw error("field \"\(key)\" is \(fields[key]!.typeName)", shape)
      }
      guard v >= 0, v.isFinite else { throw error("field \"\(key)\" is \(fields[key]!.shown)", shape) }
      return v
    }
    func oneOf<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type) throws(LocatedError) -> T
    where T.RawValue == String {
      let names = T.allCases.map(\.rawValue)
      let shape = names.dropLast().joined(separator: ", ") + " or " + names.last!
      guard case .string(let s) = fields[key]!, let value = T(rawValue: s) else {
        throw error("field \"\(key)\" is \(fields[key]!.shown)", shape)
      }
      return value
    }

    let id = try string("id")
    let speaker = try string("speaker")
    let dialog = try string("dialog")
    let gender = try oneOf("gender", Gender.self)
    let role = try oneOf("role", Role.self)
    let label = try string("label")
    let path = try string("path", nonEmpty: false)
    let start = try seconds("start")
    let end = try seconds("end")
    let duration = try seconds("duration")
    guard end > start else {
      throw error("end \(fields["end"]!.shown) is not after start \(fields["start"]!.shown)", "end > start")
    }
    let windowsShape = "an integer >= 1"
    guard case .number(let w, _) = fields["windows"]! else {
      throw error("field \"windows\" is \(fields["windows"]!.typeName)", windowsShape)
    }
    guard w >= 1, w <= Double(Int32.max), w.rounded() == w else {
      throw error("field \"windows\" is \(fields["windows"]!.shown)", windowsShape)
    }
    var audioHash: String?
    if let value = fields["audio_hash"] {
      let shape = "64 lowercase hexadecimal digits"
      guard case .string(let s) = value else { throw error("field \"audio_hash\" is \(value.typeName)", shape) }
      guard s.utf8.count == 64, s.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
        throw error("field \"audio_hash\" is \(value.shown)", shape)
      }
      audioHash = s
    }
    self.init(
      id: id, speaker: speaker, dialog: dialog, gender: gender, role: role, label: label, path: path, start: start,
      end: end, duration: duration, windows: Int(w), audioHash: audioHash)
  }
}
