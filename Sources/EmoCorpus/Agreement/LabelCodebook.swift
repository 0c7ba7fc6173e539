/// Maps label strings to dense integer codes once, so that agreement statistics count integers.
///
/// Codes follow the order of `known` labels, then first appearance. `encode(_:)` has a fast path for
/// the typical column of a few distinct labels repeated many times (see `StringBitsCache`).
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

  /// Codes of every label, in order, adding new labels as they appear; always equal to
  /// `labels.map { code($0) }`.
  public mutating func encode(_ labels: [String]) -> [Int32] {
    guard StringBitsCache.isUsable else { return labels.map { code($0) } }
    var cache = StringBitsCache()
    defer { cache.release() }
    var out = [Int32](repeating: 0, count: labels.count)
    out.withUnsafeMutableBufferPointer { target in
      labels.withUnsafeBufferPointer { source in
        for i in 0..<source.count { target[i] = cache.code(source, i, in: &self) }
      }
    }
    return out
  }
}

/// A lookup of string → code keyed by the 16 bytes of the `String` value, valid for one call.
///
/// A String value is 16 bytes that fully determine its content while it is alive: inline bytes for
/// small strings, an immutable buffer's address plus count otherwise. Every string looked up lives in
/// an array that outlives the cache, so equal bytes mean equal strings; equal strings with different
/// bytes (separate buffers) only miss and take the codebook's dictionary. Results are therefore
/// exactly those of `LabelCodebook.code`. Open addressing, 512 slots, at most 256 entries cached.
struct StringBitsCache {
  static let slots = 512
  static var isUsable: Bool { MemoryLayout<String>.size == 16 && MemoryLayout<String>.stride == 16 }

  private let keys: UnsafeMutablePointer<UInt64>
  private let codes: UnsafeMutablePointer<Int32>
  private var cached = 0

  init() {
    keys = .allocate(capacity: 2 * Self.slots)
    codes = .allocate(capacity: Self.slots)
    keys.initialize(repeating: 0, count: 2 * Self.slots)
    codes.initialize(repeating: -1, count: Self.slots)
  }

  /// Frees the table (call once, when done).
  func release() {
    keys.deallocate()
    codes.deallocate()
  }

  /// The code of `source[i]`.
  @inline(__always)
  mutating func code(_ source: UnsafeBufferPointer<String>, _ i: Int, in book: inout LabelCodebook) -> Int32 {
    let raw = UnsafeRawPointer(source.baseAddress!)
    let lo = raw.load(fromByteOffset: i &* 16, as: UInt64.self)
    let hi = raw.load(fromByteOffset: i &* 16 &+ 8, as: UInt64.self)
    let mask = Self.slots - 1
    var slot = Int(truncatingIfNeeded: ((lo ^ (hi &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9) >> 55) & mask
    while true {
      let v = codes[slot]
      if v >= 0 && keys[2 &* slot] == lo && keys[2 &* slot &+ 1] == hi { return v }
      if v < 0 {
        let c = book.code(source[i])
        if cached < Self.slots / 2 {
          keys[2 &* slot] = lo
          keys[2 &* slot &+ 1] = hi
          codes[slot] = c
          cached &+= 1
        }
        return c
      }
      slot = (slot &+ 1) & mask
    }
  }
}

extension ConfusionMatrix {
  /// Pairs of string labels coded and counted in one pass (new labels are added to `codebook`).
  ///
  /// The fused form of two `encode` calls + `init(codesA:codesB:classCount:)`: no code arrays are
  /// allocated (at a million pairs their page faults cost more than the counting). Pairs beyond the
  /// shorter column are counted in `ignored`.
  public init(labelsA: [String], labelsB: [String], codebook: inout LabelCodebook) {
    let n = min(labelsA.count, labelsB.count)
    let unpaired = max(labelsA.count, labelsB.count) - n
    guard StringBitsCache.isUsable else {
      let a = codebook.encode(Array(labelsA.prefix(n)))
      let b = codebook.encode(Array(labelsB.prefix(n)))
      self.init(codesA: a, codesB: b, classCount: codebook.count)
      add(unpaired: unpaired)
      return
    }
    // Count into a fixed 64 × 64 table; codes beyond it (more than 64 classes) go to a list.
    let cap = 64
    let cells = UnsafeMutablePointer<Int>.allocate(capacity: cap * cap)
    cells.initialize(repeating: 0, count: cap * cap)
    defer { cells.deallocate() }
    var overflow: [(Int, Int)] = []
    var cache = StringBitsCache()
    defer { cache.release() }
    labelsA.withUnsafeBufferPointer { a in
      labelsB.withUnsafeBufferPointer { b in
        Self.countPairs(a, b, n: n, cells: cells, cap: cap, cache: &cache, codebook: &codebook, overflow: &overflow)
      }
    }
    self.init(classCount: codebook.count)
    let k = codebook.count
    for x in 0..<min(k, cap) {
      for y in 0..<min(k, cap) where cells[x * cap + y] > 0 { add(x, y, count: cells[x * cap + y]) }
    }
    for (x, y) in overflow { add(x, y) }
    add(unpaired: unpaired)
  }

  /// The counting loop, kept out of closures so that the cache and codebook stay in registers.
  private static func countPairs(
    _ a: UnsafeBufferPointer<String>, _ b: UnsafeBufferPointer<String>, n: Int, cells: UnsafeMutablePointer<Int>,
    cap: Int, cache: inout StringBitsCache, codebook: inout LabelCodebook, overflow: inout [(Int, Int)]
  ) {
    for i in 0..<n {
      let x = Int(cache.code(a, i, in: &codebook))
      let y = Int(cache.code(b, i, in: &codebook))
      if x < cap && y < cap {
        cells[x &* cap &+ y] &+= 1
      } else {
        overflow.append((x, y))
      }
    }
  }
}
