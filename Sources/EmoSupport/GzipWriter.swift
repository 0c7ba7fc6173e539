import CZlib
import Foundation

/// Writes a gzip file atomically through zlib.
///
/// zlib's gzip header carries a zero modification time, so the same content gives the same bytes.
public enum GzipWriter {
  public static func write(_ text: String, to path: String) throws {
    try AtomicFile.produce(path) { temp in
      guard let file = gzopen(temp, "wb9") else {
        throw LocatedError(file: path, "cannot open for writing (folder not writable or disk full)")
      }
      let bytes = Array(text.utf8)
      var offset = 0
      while offset < bytes.count {
        let chunk = min(1 << 20, bytes.count - offset)
        let written = bytes.withUnsafeBufferPointer { gzwrite(file, $0.baseAddress! + offset, UInt32(chunk)) }
        if written <= 0 {
          gzclose(file)
          throw LocatedError(file: path, "gzip write failed (disk full?)")
        }
        offset += Int(written)
      }
      guard gzclose(file) == Z_OK else { throw LocatedError(file: path, "gzip close failed (disk full?)") }
    }
  }

  /// Reads a gzip (or plain) file into a string; used by tests and round trips.
  public static func read(_ path: String) throws -> String {
    guard let file = gzopen(path, "rb") else { throw LocatedError(file: path, "cannot open gzip file") }
    defer { gzclose(file) }
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = buffer.withUnsafeMutableBufferPointer { gzread(file, $0.baseAddress, UInt32($0.count)) }
      if n < 0 { throw LocatedError(file: path, "corrupt gzip data") }
      if n == 0 { break }
      data.append(buffer, count: Int(n))
    }
    return String(decoding: data, as: UTF8.self)
  }
}
