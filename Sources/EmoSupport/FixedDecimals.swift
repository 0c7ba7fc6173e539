#if canImport(Glibc)
  import Glibc
#endif

/// `x` with `decimals` digits after the point, exactly as C's `%.Nf` writes it (round half to even
/// on the binary value, "-0.000" for small negatives): the text `String(format: "%.3f", x)` gives,
/// at a fraction of its cost (Foundation's formatter costs microseconds per call, which adds up
/// over the hundreds of thousands of times a large corpus needs it).
public func fixedDecimals(_ x: Double, _ decimals: Int) -> String {
  withUnsafeTemporaryAllocation(of: CChar.self, capacity: 352) { buffer in
    let n = withVaList([Int32(max(0, min(decimals, 17))), x]) { vsnprintf(buffer.baseAddress!, 352, "%.*f", $0) }
    return n > 0 && n < 352
      ? String(
        decoding: UnsafeRawBufferPointer(start: buffer.baseAddress!, count: Int(n)).bindMemory(to: UInt8.self),
        as: UTF8.self)
      : "\(x)"
  }
}
