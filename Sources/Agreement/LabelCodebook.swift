/// Maps label strings to dense integer codes once, so that agreement statistics count integers.
///
/// Codes follow the order of `known` labels, then first appearance. `encode(_:)` has a fast path for
/// the typical column of a few distinct labels repeated many times (see `LabelLookup`).
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
    var lookup = LabelLookup()
    return labels.map { lookup.code($0, in: &self) }
  }
}

/// A string → code cache in front of a codebook, for columns of a few distinct labels repeated
/// many times (a million coder pairs of 21 classes).
///
/// The key of a label of at most 16 UTF-8 bytes is its byte count and four 4-byte loads that
/// together cover every byte (offsets 0, n−4, min(4, n−4), max(n−8, 0)), read through the public
/// `withContiguousStorageIfAvailable`: equal keys mean equal bytes, so results are exactly
/// `LabelCodebook.code`'s whatever the runtime's string layout. Longer labels, and strings without
/// contiguous UTF-8, take the codebook's dictionary. Open addressing, 512 slots, at most 256 labels.
struct LabelLookup: ~Copyable {
  static let slots = 512

  private let keys: UnsafeMutablePointer<UInt64>
  private let codes: UnsafeMutablePointer<Int32>
  private var cached = 0

  init() {
    keys = .allocate(capacity: 3 * Self.slots)
    codes = .allocate(capacity: Self.slots)
    keys.initialize(repeating: 0, count: 3 * Self.slots)
    codes.initialize(repeating: -1, count: Self.slots)
  }

  deinit {
    keys.deallocate()
    codes.deallocate()
  }

  /// The code of `label`, added to `book` when new.
  @inline(__always)
  mutating func code(_ label: String, in book: inout LabelCodebook) -> Int32 {
    let key = Self.key(label)
    guard key.count >= 0 else { return Self.miss(label, &book) }
    let n = UInt64(key.count)
    let mask = Self.slots - 1
    var slot = Int(
      truncatingIfNeeded: (((key.lo ^ (key.hi &* 0x9E37_79B9_7F4A_7C15)) &+ n) &* 0xBF58_476D_1CE4_E5B9) >> 55)
    slot &= mask
    while true {
      let c = codes[slot]
      if c >= 0 && keys[3 &* slot] == key.lo && keys[3 &* slot &+ 1] == key.hi && keys[3 &* slot &+ 2] == n { return c }
      if c < 0 {
        let new = Self.miss(label, &book)
        if cached < Self.slots / 2 {
          keys[3 &* slot] = key.lo
          keys[3 &* slot &+ 1] = key.hi
          keys[3 &* slot &+ 2] = n
          codes[slot] = new
          cached &+= 1
        }
        return new
      }
      slot = (slot &+ 1) & mask
    }
  }

  /// Kept out of line so that the hit path stays small.
  @inline(never)
  private static func miss(_ label: String, _ book: inout LabelCodebook) -> Int32 { book.code(label) }

  /// The byte key of a label; `count` −1 when the label cannot be keyed (over 16 bytes, or no
  /// contiguous UTF-8).
  @inline(__always)
  static func key(_ label: String) -> (lo: UInt64, hi: UInt64, count: Int) {
    label.utf8.withContiguousStorageIfAvailable { bytes -> (lo: UInt64, hi: UInt64, count: Int) in
      let n = bytes.count
      guard n <= 16, let base = bytes.baseAddress else { return (0, 0, n == 0 ? 0 : -1) }
      let p = UnsafeRawPointer(base)
      if n >= 4 {
        func load(_ offset: Int) -> UInt64 { UInt64(p.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) }
        return (load(0) | load(n &- 4) << 32, load(min(4, n &- 4)) | load(max(n &- 8, 0)) << 32, n)
      }
      let b0 = UInt64(p.load(as: UInt8.self))
      let b1 = UInt64(p.load(fromByteOffset: n / 2, as: UInt8.self))
      let b2 = UInt64(p.load(fromByteOffset: n &- 1, as: UInt8.self))
      return (b0 | b1 << 8 | b2 << 16, 0, n)
    } ?? (0, 0, -1)
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
    // Count into a fixed 64 × 64 table; codes beyond it (more than 64 classes) go to a list.
    let cap = 64
    let cells = UnsafeMutablePointer<Int>.allocate(capacity: cap * cap)
    cells.initialize(repeating: 0, count: cap * cap)
    defer { cells.deallocate() }
    var overflow: [(Int, Int)] = []
    var lookup = LabelLookup()
    labelsA.withUnsafeBufferPointer { a in
      labelsB.withUnsafeBufferPointer { b in
        Self.countPairs(a, b, n: n, cells: cells, cap: cap, lookup: &lookup, codebook: &codebook, overflow: &overflow)
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
    cap: Int, lookup: inout LabelLookup, codebook: inout LabelCodebook, overflow: inout [(Int, Int)]
  ) {
    for i in 0..<n {
      let x = Int(lookup.code(a[i], in: &codebook))
      let y = Int(lookup.code(b[i], in: &codebook))
      if x < cap && y < cap {
        cells[x &* cap &+ y] &+= 1
      } else {
        overflow.append((x, y))
      }
    }
  }
}
