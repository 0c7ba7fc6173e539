/// A JSON value as far as manifest checking needs it: scalars kept, containers only recognized.
enum JSONValue: Sendable, Hashable {
  case string(String)
  /// The value and its exact text (to tell `3` from `3.5` and to quote it back).
  case number(Double, text: String)
  case bool(Bool)
  case null
  /// An array and its values (the only container a manifest field holds: `soft_label`).
  case array([JSONValue])
  /// An object's members in order (manifests use one: `dimensions`).
  case object(keys: [String], values: [JSONValue])

  /// How a finding shows the value: quoted strings (truncated), numbers as written.
  var shown: String {
    switch self {
    case .string(let s): s.count > 40 ? "\"\(s.prefix(40))…\"" : "\"\(s)\""
    case .number(_, let text): text
    case .bool(let b): b ? "true" : "false"
    case .null: "null"
    case .array: "an array"
    case .object: "an object"
    }
  }

  /// JSON `null`.
  var isNull: Bool { self == .null }

  /// The JSON type's name, for "is a number (expected a string)" findings.
  var typeName: String {
    switch self {
    case .string: "a string"
    case .number: "a number"
    case .bool: "a boolean"
    case .null: "null"
    case .array: "an array"
    case .object: "an object"
    }
  }
}

/// A strict RFC 8259 parser for one flat JSON object per line (fold manifests): members in order,
/// nested containers validated and skipped. Errors carry the 1-based byte column.
struct JSONScanner {
  struct Failure: Error {
    var column: Int
    var what: String
  }

  private let bytes: UnsafeBufferPointer<UInt8>
  private var i = 0

  /// Members of the object in `line` (UTF-8), in order (duplicates kept, so the caller can report them).
  static func object(_ line: UnsafeBufferPointer<UInt8>) throws(Failure) -> [(key: String, value: JSONValue)] {
    var scanner = JSONScanner(bytes: line)
    return try scanner.topObject()
  }

  private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  private func fail(_ what: String) -> Failure { Failure(column: i + 1, what: what) }

  private mutating func skipSpace() {
    while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
  }

  private mutating func expect(_ byte: UInt8, _ what: String) throws(Failure) {
    skipSpace()
    guard i < bytes.count, bytes[i] == byte else { throw fail(what) }
    i += 1
  }

  private mutating func topObject() throws(Failure) -> [(key: String, value: JSONValue)] {
    try expect(UInt8(ascii: "{"), "not a JSON object")
    var members: [(key: String, value: JSONValue)] = []
    skipSpace()
    if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
      i += 1
    } else {
      while true {
        skipSpace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a quoted field name") }
        let key = try string()
        try expect(UInt8(ascii: ":"), "expected ':' after a field name")
        let value = try value(depth: 0)
        members.append((key, value))
        skipSpace()
        guard i < bytes.count else { throw fail("unterminated object") }
        if bytes[i] == UInt8(ascii: ",") {
          i += 1
          continue
        }
        if bytes[i] == UInt8(ascii: "}") {
          i += 1
          break
        }
        throw fail("expected ',' or '}'")
      }
    }
    skipSpace()
    guard i == bytes.count else { throw fail("text after the object") }
    return members
  }

  private mutating func value(depth: Int) throws(Failure) -> JSONValue {
    guard depth < 64 else { throw fail("nesting too deep") }
    skipSpace()
    guard i < bytes.count else { throw fail("missing value") }
    switch bytes[i] {
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "{"):
      var keys: [String] = []
      let values = try container(close: UInt8(ascii: "}"), keyed: true, depth: depth, keys: &keys)
      return .object(keys: keys, values: values)
    case UInt8(ascii: "["):
      var keys: [String] = []
      return .array(try container(close: UInt8(ascii: "]"), keyed: false, depth: depth, keys: &keys))
    case UInt8(ascii: "t"):
      try literal("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try literal("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try literal("null")
      return .null
    default: return try number()
    }
  }

  /// The values of an array or an object (an object's names in `keys`).
  private mutating func container(close: UInt8, keyed: Bool, depth: Int, keys: inout [String]) throws(Failure)
    -> [JSONValue]
  {
    i += 1
    skipSpace()
    var values: [JSONValue] = []
    if i < bytes.count, bytes[i] == close {
      i += 1
      return values
    }
    while true {
      if keyed {
        skipSpace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a quoted field name") }
        keys.append(try string())
        try expect(UInt8(ascii: ":"), "expected ':' after a field name")
      }
      let element = try value(depth: depth + 1)
      values.append(element)
      skipSpace()
      guard i < bytes.count else { throw fail("unterminated \(keyed ? "object" : "array")") }
      if bytes[i] == UInt8(ascii: ",") {
        i += 1
      } else if bytes[i] == close {
        i += 1
        return values
      } else {
        throw fail("expected ',' or '\(Character(UnicodeScalar(close)))'")
      }
    }
  }

  private mutating func literal(_ word: String) throws(Failure) {
    let w = Array(word.utf8)
    guard i + w.count <= bytes.count, bytes[i..<i + w.count].elementsEqual(w) else { throw fail("invalid literal") }
    i += w.count
  }

  private mutating func number() throws(Failure) -> JSONValue {
    let start = i
    func digits() -> Int {
      let s = i
      while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
      return i - s
    }
    if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
    guard i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 else { throw fail("invalid value") }
    if bytes[i] == 0x30 {
      i += 1
    } else {
      _ = digits()
    }
    if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
      i += 1
      guard digits() > 0 else { throw fail("invalid number") }
    }
    if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
      i += 1
      if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
      guard digits() > 0 else { throw fail("invalid number") }
    }
    let text = String(decoding: bytes[start..<i], as: UTF8.self)
    guard let value = Double(text) else { throw fail("invalid number") }
    return .number(value, text: text)
  }

  private mutating func hex4() throws(Failure) -> UInt32 {
    guard i + 4 <= bytes.count else { throw fail("invalid \\u escape") }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let b = bytes[i]
      let d: UInt8
      switch b {
      case 0x30...0x39: d = b - 0x30
      case 0x41...0x46: d = b - 0x41 + 10
      case 0x61...0x66: d = b - 0x61 + 10
      default: throw fail("invalid \\u escape")
      }
      v = v << 4 | UInt32(d)
      i += 1
    }
    return v
  }

  private mutating func string() throws(Failure) -> String {
    i += 1  // opening quote
    // Fast path: no escape before the closing quote (almost every manifest string).
    var j = i
    var ascii = true
    while j < bytes.count, bytes[j] != UInt8(ascii: "\""), bytes[j] != UInt8(ascii: "\\"), bytes[j] >= 0x20 {
      ascii = ascii && bytes[j] < 0x80
      j += 1
    }
    if j < bytes.count, bytes[j] == UInt8(ascii: "\"") {
      let run = UnsafeBufferPointer(rebasing: bytes[i..<j])
      // ASCII needs no validation; anything else must be valid UTF-8.
      let text = ascii ? String(decoding: run, as: UTF8.self) : String(validating: run, as: UTF8.self)
      guard let text else { throw fail("invalid UTF-8 in a string") }
      i = j + 1
      return text
    }
    var out: [UInt8] = []
    while true {
      guard i < bytes.count else { throw fail("unterminated string") }
      let b = bytes[i]
      if b == UInt8(ascii: "\"") {
        i += 1
        break
      }
      if b < 0x20 { throw fail("control character in a string") }
      if b != UInt8(ascii: "\\") {
        out.append(b)
        i += 1
        continue
      }
      let escapeAt = i
      i += 1
      guard i < bytes.count else { throw fail("unterminated string") }
      let e = bytes[i]
      i += 1
      switch e {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        var code = try hex4()
        if (0xD800...0xDBFF).contains(code) {
          guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
            throw fail("unpaired surrogate")
          }
          i += 2
          let low = try hex4()
          guard (0xDC00...0xDFFF).contains(low) else { throw fail("unpaired surrogate") }
          code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let scalar = Unicode.Scalar(code) else { throw fail("unpaired surrogate") }
        out.append(contentsOf: Array(String(Character(scalar)).utf8))
      default: throw Failure(column: escapeAt + 1, what: "invalid escape")
      }
    }
    guard let text = String(validating: out, as: UTF8.self) else { throw fail("invalid UTF-8 in a string") }
    return text
  }
}
