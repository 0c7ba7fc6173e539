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
/// A label's slot comes from a 32-bit hint — its UTF-8 byte count and its first and last
/// bytes, read through the public `withContiguousStorageIfAvailable` — and a cached label answers
/// only if it is `==` to the label looked up (for two copies of one short string that comparison
/// is a comparison of two words). Codes are therefore exactly `LabelCodebook.code`'s, whatever
/// the runtime's string layout and whatever labels share a hint (they only take more probes).
/// Strings without contiguous UTF-8 take the codebook's dictionary. Open addressing, 512 slots,
/// at most 256 labels cached.
struct LabelLookup: ~Copyable {
  static let slots = 512

  private let hints: UnsafeMutablePointer<UInt32>
  private let codes: UnsafeMutablePointer<Int32>
  private let labels: UnsafeMutablePointer<String>
  private var cached = 0

  init() {
    hints = .allocate(capacity: Self.slots)
    codes = .allocate(capacity: Self.slots)
    labels = .allocate(capacity: Self.slots)
    hints.initialize(repeating: 0, count: Self.slots)
    codes.initialize(repeating: -1, count: Self.slots)
    labels.initialize(repeating: "", count: Self.slots)
  }

  deinit {
    labels.deinitialize(count: Self.slots)
    hints.deallocate()
    codes.deallocate()
    labels.deallocate()
  }

  /// The code of `label`, added to `book` when new.
  @inline(__always)
  mutating func code(_ label: String, in book: inout LabelCodebook) -> Int32 {
    guard let hint = Self.hint(label) else { return Self.miss(label, &book) }
    let mask = Self.slots - 1
    var slot = Int(truncatingIfNeeded: (UInt64(hint) &* 0x9E37_79B9_7F4A_7C15) >> 55) & mask
    while true {
      let c = codes[slot]
      if c < 0 {
        let new = Self.miss(label, &book)
        if cached < Self.slots / 2 {
          hints[slot] = hint
          labels[slot] = label
          codes[slot] = new
          cached &+= 1
        }
        return new
      }
      if hints[slot] == hint && labels[slot] == label { return c }
      slot = (slot &+ 1) & mask
    }
  }

  /// Kept out of line so that the hit path stays small.
  @inline(never)
  private static func miss(_ label: String, _ book: inout LabelCodebook) -> Int32 { book.code(label) }

  /// Byte count (low 16 bits) and the first and last bytes; nil without contiguous UTF-8.
  @inline(__always)
  static func hint(_ label: String) -> UInt32? {
    label.utf8.withContiguousStorageIfAvailable { bytes -> UInt32 in
      let n = bytes.count
      guard n > 0 else { return 0 }
      return UInt32(truncatingIfNeeded: n) & 0xFFFF | UInt32(bytes[0]) << 16 | UInt32(bytes[n &- 1]) << 24
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
    // Pairs seen before answer from a cache of (A's label, B's label) → cell, found by the two
    // labels' hints and confirmed by `==` on both labels (the codebook gives `==` labels one code,
    // and a label's code never changes): one probe per pair instead of one per label.
    let slots = 4096
    let keys = UnsafeMutablePointer<UInt64>.allocate(capacity: slots)
    let pairCells = UnsafeMutablePointer<Int32>.allocate(capacity: slots)
    let pairA = UnsafeMutablePointer<String>.allocate(capacity: slots)
    let pairB = UnsafeMutablePointer<String>.allocate(capacity: slots)
    keys.initialize(repeating: 0, count: slots)
    pairCells.initialize(repeating: -1, count: slots)
    pairA.initialize(repeating: "", count: slots)
    pairB.initialize(repeating: "", count: slots)
    defer {
      pairA.deinitialize(count: slots)
      pairB.deinitialize(count: slots)
      keys.deallocate()
      pairCells.deallocate()
      pairA.deallocate()
      pairB.deallocate()
    }
    var cachedPairs = 0
    let mask = slots - 1
    for i in 0..<n {
      guard let hintA = LabelLookup.hint(a[i]), let hintB = LabelLookup.hint(b[i]) else {
        count(Int(lookup.code(a[i], in: &codebook)), Int(lookup.code(b[i], in: &codebook)))
        continue
      }
      let key = UInt64(hintA) << 32 | UInt64(hintB)
      var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 52) & mask
      while true {
        let cell = pairCells[slot]
        if cell < 0 {
          let x = Int(lookup.code(a[i], in: &codebook))
          let y = Int(lookup.code(b[i], in: &codebook))
          count(x, y)
          // Cells beyond the table are not cached; at most half the slots are used.
          if x < cap && y < cap && cachedPairs < slots / 2 {
            keys[slot] = key
            pairA[slot] = a[i]
            pairB[slot] = b[i]
            pairCells[slot] = Int32(x &* cap &+ y)
            cachedPairs &+= 1
          }
          break
        }
        if keys[slot] == key && pairA[slot] == a[i] && pairB[slot] == b[i] {
          cells[Int(cell)] &+= 1
          break
        }
        slot = (slot &+ 1) & mask
      }
    }

    func count(_ x: Int, _ y: Int) {
      if x < cap && y < cap {
        cells[x &* cap &+ y] &+= 1
      } else {
        overflow.append((x, y))
      }
    }
  }
}
