import EmoSupport
import Foundation

/// Binary container for weights and checkpoints: a JSON header plus raw little-endian float
/// arrays, closed by the SHA-256 of everything before it, written atomically.
///
/// Layout: `EMOPARAM` · u32 version (1) · u32 array count · u64 header bytes · header JSON ·
/// per array (u64 count · float32 values) · 64 hex characters of SHA-256.
enum ParameterFile {
  static let magic = Array("EMOPARAM".utf8)

  static func write<H: Encodable>(header: H, arrays: [[Float]], to path: String) throws {
    // Sorted keys: Foundation's encoder does not keep key order on Linux, and the file must be
    // byte-identical for the same weights (resume and determinism checks compare bytes).
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let json = try encoder.encode(header)
    var data = Data(magic)
    func append<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
    append(UInt32(1))
    append(UInt32(arrays.count))
    append(UInt64(json.count))
    data.append(json)
    for array in arrays {
      append(UInt64(array.count))
      for value in array { append(value.bitPattern) }
    }
    data.append(Data(SHA256.hex(data).utf8))
    // Checkpoints and weights are what a resumed run trusts: durable, like the feature cache.
    try AtomicFile.write(data, to: path, durable: true)
  }

  static func read<H: Decodable>(_ type: H.Type, path: String) throws -> (header: H, arrays: [[Float]]) {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw LocatedError(file: path, "cannot read parameter file")
    }
    func corrupt(_ what: String) -> LocatedError {
      LocatedError(file: path, "corrupt parameter file: \(what)", expected: "a file written by emocorpus train")
    }
    guard data.count >= magic.count + 16 + 64, Array(data.prefix(magic.count)) == magic else {
      throw corrupt("bad magic or too short")
    }
    let body = data.prefix(data.count - 64)
    guard String(decoding: data.suffix(64), as: UTF8.self) == SHA256.hex(Data(body)) else {
      throw corrupt("checksum mismatch (truncated or modified)")
    }
    let bytes = [UInt8](body)
    var position = magic.count
    func take<T: FixedWidthInteger>(_: T.Type) throws -> T {
      let size = MemoryLayout<T>.size
      guard position + size <= bytes.count else { throw corrupt("unexpected end") }
      var v: T = 0
      for k in 0..<size { v |= T(bytes[position + k]) << (8 * k) }
      position += size
      return v
    }
    guard try take(UInt32.self) == 1 else { throw corrupt("unknown version") }
    let arrayCount = Int(try take(UInt32.self))
    let headerLength = Int(try take(UInt64.self))
    guard position + headerLength <= bytes.count else { throw corrupt("unexpected end") }
    let header = try JSONDecoder().decode(H.self, from: Data(bytes[position..<(position + headerLength)]))
    position += headerLength
    var arrays: [[Float]] = []
    for _ in 0..<arrayCount {
      let count = Int(try take(UInt64.self))
      guard position + 4 * count <= bytes.count else { throw corrupt("unexpected end") }
      var array = [Float](repeating: 0, count: count)
      for i in 0..<count {
        let p = position + 4 * i
        array[i] = Float(
          bitPattern: UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3])
            << 24)
      }
      position += 4 * count
      arrays.append(array)
    }
    guard position == bytes.count else { throw corrupt("trailing bytes") }
    return (header, arrays)
  }
}
