import CKernels
import Foundation

/// SHA-256 digests (C kernel in CKernels), hex-encoded.
public struct SHA256: Sendable {
  private var context = ck_sha256_ctx()

  public init() { ck_sha256_init(&context) }

  /// A hasher that never uses the CPU's SHA instructions (tests compare both paths).
  init(portable: Bool) {
    if portable { ck_sha256_init_portable(&context) } else { ck_sha256_init(&context) }
  }

  /// True when digests run on the CPU's SHA instructions (x86 SHA-NI: about 7× the portable code).
  public static var isAccelerated: Bool { ck_sha256_accelerated() != 0 }

  public mutating func update(_ bytes: UnsafeRawBufferPointer) {
    ck_sha256_update(&context, bytes.baseAddress, bytes.count)
  }

  public mutating func update(_ data: Data) { data.withUnsafeBytes { update($0) } }

  public mutating func update(_ string: String) { update(Data(string.utf8)) }

  public mutating func finalizeHex() -> String {
    var digest = [UInt8](repeating: 0, count: 32)
    ck_sha256_final(&context, &digest)
    let hex = Array("0123456789abcdef".utf8)
    var text = [UInt8](repeating: 0, count: 64)
    for (i, byte) in digest.enumerated() {
      text[2 * i] = hex[Int(byte >> 4)]
      text[2 * i + 1] = hex[Int(byte & 15)]
    }
    return String(decoding: text, as: UTF8.self)
  }

  /// Hex digest of a byte buffer.
  public static func hex(_ data: Data) -> String {
    var hasher = SHA256()
    hasher.update(data)
    return hasher.finalizeHex()
  }

  /// Hex digest of a string's UTF-8 bytes.
  public static func hex(_ string: String) -> String { hex(Data(string.utf8)) }

  /// Hex digest of a file, streamed in 1 MiB blocks.
  public static func hex(fileAt path: String) throws -> String {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw LocatedError(file: path, "cannot open file for hashing")
    }
    defer { try? handle.close() }
    var hasher = SHA256()
    while let block = try handle.read(upToCount: 1 << 20), !block.isEmpty {
      hasher.update(block)
    }
    return hasher.finalizeHex()
  }
}
