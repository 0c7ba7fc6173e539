import EmoCorpus
import EmoSupport

/// One manifest line in, one out: the writer's encoder and the checker's schema rules
/// (the same rules as `schemas/fold-manifest.schema.json`, plus `end > start`).
extension ManifestEntry {
  /// Field names in the order every line is written; the optional `audio_hash`, `soft_label` and
  /// `dimensions` last, when present.
  public static let fieldOrder = [
    "id", "speaker", "dialog", "gender", "role", "label", "path", "start", "end", "duration", "windows", "audio_hash",
    "soft_label", "dimensions",
  ]

  /// Fields every line has (the others are optional).
  static let requiredFields = 11

  /// The entry as one JSON object without a newline: fields in `fieldOrder`, numbers in Swift's
  /// shortest round-trip form (byte-identical for the same values on every run).
  public func jsonLine() throws(FoldError) -> String {
    // The first field that is not finite, in field order (no arrays built: this runs per line).
    if !start.isFinite { throw FoldError.nonFiniteNumber(segment: id, field: "start") }
    if let end, !end.isFinite { throw FoldError.nonFiniteNumber(segment: id, field: "end") }
    if let duration, !duration.isFinite { throw FoldError.nonFiniteNumber(segment: id, field: "duration") }
    if let softLabel, softLabel.contains(where: { !$0.isFinite }) {
      throw FoldError.nonFiniteNumber(segment: id, field: "soft_label")
    }
    if let dimensions, dimensions.values.contains(where: { !$0.isFinite }) {
      throw FoldError.nonFiniteNumber(segment: id, field: "dimensions")
    }
    // Appended piece by piece into one buffer sized for a typical line (no interpolated temporaries).
    var line = ""
    line.reserveCapacity(160 + id.utf8.count + speaker.utf8.count + dialog.utf8.count + path.utf8.count)
    line += "{\"id\":"
    Self.appendQuoted(id, to: &line)
    line += ",\"speaker\":"
    Self.appendQuoted(speaker, to: &line)
    line += ",\"dialog\":"
    Self.appendQuoted(dialog, to: &line)
    line += ",\"gender\":\""
    line += gender.rawValue
    line += "\",\"role\":\""
    line += role.rawValue
    line += "\",\"label\":"
    Self.appendQuoted(label, to: &line)
    line += ",\"path\":"
    Self.appendQuoted(path, to: &line)
    line += ",\"start\":"
    line += start.description
    // Unknown (a labels-only whole file without its audio): null, all three together.
    if let end, let duration, let windows {
      line += ",\"end\":"
      line += end.description
      line += ",\"duration\":"
      line += duration.description
      line += ",\"windows\":"
      line += windows.description
    } else {
      line += ",\"end\":null,\"duration\":null,\"windows\":null"
    }
    if let audioHash {
      line += ",\"audio_hash\":"
      Self.appendQuoted(audioHash, to: &line)
    }
    if let softLabel {
      line += ",\"soft_label\":[" + softLabel.map { "\($0)" }.joined(separator: ",") + "]"
    }
    if let dimensions {
      line += ",\"dimensions\":{"
      for (n, name) in dimensions.keys.sorted().enumerated() {
        if n > 0 { line += "," }
        Self.appendQuoted(name, to: &line)
        line += ":\(dimensions[name]!)"
      }
      line += "}"
    }
    line += "}"
    return line
  }

  static func appendQuoted(_ text: String, to line: inout String) { JSONText.appendString(text, to: &line) }

  /// Parses and checks one manifest line; errors read `file:line: what (expected …)`.
  public init(jsonLine text: Substring, file: String, line: Int) throws(LocatedError) {
    var copy = String(text)
    let result = copy.withUTF8 { bytes in
      Result { () throws(LocatedError) in try ManifestEntry(jsonLineBytes: bytes, file: file, line: line) }
    }
    self = try result.get()
  }

  /// The same from UTF-8 bytes (the checker's fast path: no copy per line).
  init(jsonLineBytes bytes: UnsafeBufferPointer<UInt8>, file: String, line: Int) throws(LocatedError) {
    if let entry = Self.writerLine(bytes) {
      self = entry
      return
    }
    try self.init(generalJSONLineBytes: bytes, file: file, line: line)
  }

  /// `init(jsonLineBytes:)` by the general rules (any JSON layout; every finding worded).
  init(generalJSONLineBytes bytes: UnsafeBufferPointer<UInt8>, file: String, line: Int) throws(LocatedError) {
    func error(_ what: String, _ expected: String) -> LocatedError {
      LocatedError(file: file, line: line, what, expected: expected)
    }
    let oneObject = "one manifest object per line"
    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { throw error("empty line", oneObject) }
    let members: [(key: String, value: JSONValue)]
    do {
      members = try JSONScanner.object(bytes)
    } catch {
      throw LocatedError(
        file: file, line: line, "not valid JSON at column \(error.column): \(error.what)", expected: oneObject)
    }
    var slots = [JSONValue?](repeating: nil, count: Self.fieldOrder.count)
    for (key, value) in members {
      guard let slot = Self.slot(of: key) else {
        throw error("unknown field \"\(key)\"", "only " + Self.fieldOrder.joined(separator: ", "))
      }
      guard slots[slot] == nil else { throw error("field \"\(key)\" appears twice", "each field once") }
      slots[slot] = value
    }
    let required = Self.fieldOrder.prefix(Self.requiredFields)
    for (slot, key) in required.enumerated() where slots[slot] == nil {
      throw error("missing field \"\(key)\"", "all of " + required.joined(separator: ", "))
    }
    let fields = FieldValues(slots: slots)

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
      guard case .string(let s) = fields[key]!, let value = T(rawValue: s) else {
        let names = T.allCases.map(\.rawValue)
        let shape = names.dropLast().joined(separator: ", ") + " or " + names.last!
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
    // end, duration and windows are null together (the length is unknown) or numbers together.
    let unknown = ["end", "duration", "windows"].map { fields[$0]!.isNull }
    if unknown.contains(true), unknown.contains(false) {
      let key = ["end", "duration", "windows"][unknown.firstIndex(of: !unknown[0])!]
      throw error(
        "field \"\(key)\" is \(fields[key]!.shown) but \"end\" is \(fields["end"]!.shown)",
        "end, duration and windows all numbers, or all null when the length is unknown")
    }
    var end: Double?
    var duration: Double?
    var windows: Int?
    if !unknown[0] {
      let known = try seconds("end")
      end = known
      duration = try seconds("duration")
      guard known > start else {
        throw error("end \(fields["end"]!.shown) is not after start \(fields["start"]!.shown)", "end > start")
      }
      let windowsShape = "an integer >= 1"
      guard case .number(let w, _) = fields["windows"]! else {
        throw error("field \"windows\" is \(fields["windows"]!.typeName)", windowsShape)
      }
      // JSON Schema's "integer" is any number with a zero fractional part: an exact test by design.
      guard w >= 1, w <= Double(Int32.max), w.rounded() == w else {
        throw error("field \"windows\" is \(fields["windows"]!.shown)", windowsShape)
      }
      windows = Int(w)
    }
    var audioHash: String?
    if let value = slots[11] {
      let shape = "64 lowercase hexadecimal digits"
      guard case .string(let s) = value else { throw error("field \"audio_hash\" is \(value.typeName)", shape) }
      guard s.utf8.count == 64, s.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
        throw error("field \"audio_hash\" is \(value.shown)", shape)
      }
      audioHash = s
    }
    var softLabel: [Double]?
    if let value = slots[12] {
      let shape = "an array of probabilities (numbers in [0, 1]) summing to 1"
      guard case .array(let elements) = value, !elements.isEmpty else {
        let what = value.typeName == "an array" ? "an empty array" : value.typeName
        throw error("field \"soft_label\" is \(what)", shape)
      }
      var probabilities: [Double] = []
      for element in elements {
        guard case .number(let p, _) = element, p >= 0, p <= 1 else {
          throw error("field \"soft_label\" holds \(element.shown)", shape)
        }
        probabilities.append(p)
      }
      let sum = probabilities.reduce(0, +)
      guard abs(sum - 1) <= 1e-6 else { throw error("field \"soft_label\" sums to \(sum)", shape) }
      softLabel = probabilities
    }
    var dimensions: [String: Double]?
    if let value = slots[13] {
      let shape = "an object of dimension names and numbers"
      guard case .object(let keys, let values) = value else {
        throw error("field \"dimensions\" is \(value.typeName)", shape)
      }
      var out: [String: Double] = [:]
      for (key, element) in zip(keys, values) {
        guard case .number(let v, _) = element else {
          throw error("field \"dimensions\" holds \(key): \(element.shown)", shape)
        }
        guard !key.isEmpty, out[key] == nil else { throw error("field \"dimensions\" repeats \"\(key)\"", shape) }
        out[key] = v
      }
      dimensions = out
    }
    self.init(
      id: id, speaker: speaker, dialog: dialog, gender: gender, role: role, label: label, path: path, start: start,
      end: end, duration: duration, windows: windows, audioHash: audioHash, softLabel: softLabel,
      dimensions: dimensions)
  }
}

extension ManifestEntry {
  /// Position of a field name in `fieldOrder` (a switch: no hashing per line).
  static func slot(of key: String) -> Int? {
    switch key {
    case "id": 0
    case "speaker": 1
    case "dialog": 2
    case "gender": 3
    case "role": 4
    case "label": 5
    case "path": 6
    case "start": 7
    case "end": 8
    case "duration": 9
    case "windows": 10
    case "audio_hash": 11
    case "soft_label": 12
    case "dimensions": 13
    default: nil
    }
  }
}

/// Required field values by name (all present: checked before use).
struct FieldValues {
  var slots: [JSONValue?]

  subscript(key: String) -> JSONValue? { ManifestEntry.slot(of: key).flatMap { slots[$0] } }
}
