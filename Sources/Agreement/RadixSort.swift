/// Least-significant-digit radix sort of unsigned 64-bit keys, byte by byte: the same order as
/// `keys.sort()`, in linear time (the pair keys of `RaterDiagnostics.pairKappas` number tens of
/// millions on a crowd table). A byte that every key shares is skipped, so packed keys with unused
/// bits cost fewer passes. Uses a second buffer as large as `keys`; small arrays use `sort()`.
func radixSort(_ keys: inout [UInt64]) {
  let n = keys.count
  guard n > 4096 else {
    keys.sort()
    return
  }
  // Every byte's histogram in one read of the keys.
  var counts = [Int](repeating: 0, count: 8 * 256)
  keys.withUnsafeBufferPointer { source in
    counts.withUnsafeMutableBufferPointer { counts in
      for key in source {
        var k = key
        for byte in 0..<8 {
          counts[byte << 8 | Int(k & 0xFF)] += 1
          k >>= 8
        }
      }
    }
  }
  var buffer = [UInt64](repeating: 0, count: n)
  var sortedInBuffer = false
  for byte in 0..<8 {
    let histogram = counts[(byte << 8)..<((byte + 1) << 8)]
    if histogram.contains(n) { continue }  // every key has this byte: the pass would not move one
    var starts = [Int](repeating: 0, count: 256)
    var total = 0
    for (digit, count) in histogram.enumerated() {
      starts[digit] = total
      total += count
    }
    let shift = UInt64(byte * 8)
    func pass(_ from: UnsafeBufferPointer<UInt64>, _ to: UnsafeMutableBufferPointer<UInt64>) {
      starts.withUnsafeMutableBufferPointer { starts in
        for key in from {
          let digit = Int(truncatingIfNeeded: (key >> shift) & 0xFF)
          to[starts[digit]] = key
          starts[digit] += 1
        }
      }
    }
    if sortedInBuffer {
      buffer.withUnsafeBufferPointer { from in keys.withUnsafeMutableBufferPointer { to in pass(from, to) } }
    } else {
      keys.withUnsafeBufferPointer { from in buffer.withUnsafeMutableBufferPointer { to in pass(from, to) } }
    }
    sortedInBuffer.toggle()
  }
  if sortedInBuffer { swap(&keys, &buffer) }
}
