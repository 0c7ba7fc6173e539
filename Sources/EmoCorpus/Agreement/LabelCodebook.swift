/// Maps label strings to dense integer codes once, so that agreement statistics count integers.
///
/// Codes follow the order of `known` labels, then first appearance. `encode(_:)` has a fast path for
/// the typical column of a few distinct labels repeated many times (see `encode`).
public struct LabelCodebook: Sendable, Hashable {
  /// Label of each code.
  public private(set) var labels: [String]
  private var index: [String: Int32]

  /// A codebook whose first codes are `known` (duplicates collapse onto their first code).
  public init(_ known: [String] = []) {
    labels = []
    index = [:]
    for label in known { _ = code(label) }
  }

  /// Number of distinct labels seen so far.
  public var count: Int { labels.count }

  /// The code of `label`, adding it when new.
  public mutating func code(_ label: String) -> Int32 {
    if let existing = index[label] { return existing }
    let new = Int32(labels.count)
    labels.append(label)
    index[label] = new
    return new
  }

  /// The code of `label` if known.
  public func existingCode(_ label: String) -> Int32? { index[label] }

  /// Codes of every label, in order, adding new labels as they appear.
  ///
  /// Fast path: a String value is 16 bytes that fully determine its content while it is alive
  /// (inline bytes for small strings, an immutable buffer's address plus count otherwise), and every
  /// string of `labels` is alive during the call. A small open-addressing table keyed by those 16
  /// bytes therefore answers repeated labels without hashing characters. Equal strings with
  /// different bytes only miss the table and take the dictionary path, so the result is always
  /// exactly `labels.map { code($0) }`.
  public mutating func encode(_ labels: [String]) -> [Int32] {
    guard MemoryLayout<String>.size == 16, MemoryLayout<String>.stride == 16 else {
      return labels.map { code($0) }
    }
    let slots = 512
    let mask = slots - 1
    let maxCached = slots / 2
    // Slot layout: [lo, hi] keys and a code (-1 = empty), in one allocation each.
    let keys = UnsafeMutablePointer<UInt64>.allocate(capacity: 2 * slots)
    let codes = UnsafeMutablePointer<Int32>.allocate(capacity: slots)
    defer {
      keys.deallocate()
      codes.deallocate()
    }
    keys.initialize(repeating: 0, count: 2 * slots)
    codes.initialize(repeating: -1, count: slots)
    var cached = 0
    var out = [Int32](repeating: 0, count: labels.count)
    out.withUnsafeMutableBufferPointer { target in
      labels.withUnsafeBufferPointer { source in
        guard let base = source.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        for i in 0..<source.count {
          let lo = raw.load(fromByteOffset: i &* 16, as: UInt64.self)
          let hi = raw.load(fromByteOffset: i &* 16 &+ 8, as: UInt64.self)
          var slot =
            Int(truncatingIfNeeded: ((lo ^ (hi &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9) >> 55) & mask
          while true {
            let v = codes[slot]
            if v >= 0 && keys[2 &* slot] == lo && keys[2 &* slot &+ 1] == hi {
              target[i] = v
              break
            }
            if v < 0 {
              let c = code(source[i])
              if cached < maxCached {
                keys[2 &* slot] = lo
                keys[2 &* slot &+ 1] = hi
                codes[slot] = c
                cached &+= 1
              }
              target[i] = c
              break
            }
            slot = (slot &+ 1) & mask
          }
        }
      }
    }
    return out
  }
}
