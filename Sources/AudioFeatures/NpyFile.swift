import Foundation

/// NumPy `.npy` format version 1.0 for a 2-D float32 little-endian C-order array, byte for byte as
/// `numpy.save` writes it: magic `\x93NUMPY`, version 1.0, u16 header length, a Python dict
/// literal padded with spaces and ending in `\n` so that the data starts at a multiple of 64.
public enum NpyFile {
  /// The header (magic through the newline) for shape (rows, columns).
  public static func header(rows: Int, columns: Int) -> Data {
    // numpy ≥ 1.24 reserves room for the first axis to grow to 21 digits (GROWTH_AXIS_MAX_DIGITS).
    let dict =
      "{'descr': '<f4', 'fortran_order': False, 'shape': (\(rows), \(columns)), }"
      + String(repeating: " ", count: max(0, 21 - String(rows).count))
    let prefix = 10  // magic (6) + version (2) + header length (2)
    let unpadded = prefix + dict.utf8.count + 1
    let padding = (64 - unpadded % 64) % 64
    let text = dict + String(repeating: " ", count: padding) + "\n"
    var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
    let length = UInt16(text.utf8.count)
    data.append(contentsOf: [UInt8(length & 0xff), UInt8(length >> 8)])
    data.append(contentsOf: Array(text.utf8))
    return data
  }

  /// A complete `.npy` file of a feature matrix (frames × featureCount).
  public static func encode(_ matrix: FeatureMatrix) -> Data {
    var data = header(rows: matrix.frames, columns: matrix.featureCount)
    data.reserveCapacity(data.count + matrix.values.count * 4)
    #if _endian(little)
      matrix.values.withUnsafeBytes { data.append(contentsOf: $0) }
    #else
      for v in matrix.values { withUnsafeBytes(of: v.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
    #endif
    return data
  }
}
