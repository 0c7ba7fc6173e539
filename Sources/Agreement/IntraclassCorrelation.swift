/// One intraclass correlation with its F test and 95 % interval, as `audit.json` writes it (the
/// interval, F test and note only where they apply).
public struct ICCValue: Sendable, Hashable, Codable {
  /// nil with a `note` when the design does not allow the coefficient.
  public var value: Double?
  public var ci95: [Double]?
  public var f: Double?
  public var df1: Double?
  public var df2: Double?
  /// P(F > f) under no agreement.
  public var p: Double?
  /// Items and raters the value was computed on.
  public var items: Int
  public var raters: Int
  /// Why `value` is nil, or how it was obtained when the design is special.
  public var note: String?

  public init(
    value: Double?, ci95: [Double]? = nil, f: Double? = nil, df1: Double? = nil, df2: Double? = nil,
    p: Double? = nil, items: Int = 0, raters: Int = 0, note: String? = nil
  ) {
    self.value = value
    self.ci95 = ci95
    self.f = f
    self.df1 = df1
    self.df2 = df2
    self.p = p
    self.items = items
    self.raters = raters
    self.note = note
  }

  static func undefined(_ note: String, items: Int = 0, raters: Int = 0) -> ICCValue {
    ICCValue(value: nil, items: items, raters: raters, note: note)
  }

  enum CodingKeys: String, CodingKey { case value, ci95, f, df1, df2, p, items, raters, note }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(value, forKey: .value)
    try c.encodeIfPresent(ci95, forKey: .ci95)
    try c.encodeIfPresent(f, forKey: .f)
    try c.encodeIfPresent(df1, forKey: .df1)
    try c.encodeIfPresent(df2, forKey: .df2)
    try c.encodeIfPresent(p, forKey: .p)
    try c.encode(items, forKey: .items)
    try c.encode(raters, forKey: .raters)
    try c.encodeIfPresent(note, forKey: .note)
  }
}

/// Intraclass correlations (Shrout & Fleiss; McGraw & Wong) of numeric ratings.
public enum IntraclassCorrelation {
  /// The one-way random forms ICC(1,1) and ICC(1,k) on any design.
  ///
  /// Items with at least two ratings; N ratings on n items, nᵢ per item. MSB = Σ nᵢ (ȳᵢ − ȳ)² / (n − 1),
  /// MSW = Σ (y − ȳᵢ)² / (N − n), k₀ = (N − Σ nᵢ² / N) / (n − 1) (k itself on a balanced design);
  /// ICC(1,1) = (MSB − MSW) / (MSB + (k₀ − 1) MSW), ICC(1,k) = (MSB − MSW) / MSB; F = MSB / MSW on
  /// (n − 1, N − n) degrees of freedom; the 95 % interval is the F-based one of
  /// `pingouin.intraclass_corr` with k₀ in place of k (exact on balanced designs, an approximation
  /// otherwise, said in `note`).
  public static func oneWay(_ m: NumericRatings) -> (icc1: ICCValue, icc1k: ICCValue) {
    let sums = m.offsets.withUnsafeBufferPointer { o in
      m.values.withUnsafeBufferPointer { v in
        m.raters.withUnsafeBufferPointer { r in oneWaySums(o, v, r, m.itemCount, m.raterCount) }
      }
    }
    return oneWay(sums)
  }

  /// The sums `oneWay` works from (see `oneWaySums`).
  package typealias OneWaySums = (
    items: Int, ratings: Int, squaredCounts: Double, balanced: Bool, raters: Int, between: Double, within: Double
  )

  /// The one-way forms from their sums (`DimensionPasses` computes them with its other sums).
  package static func oneWay(_ sums: OneWaySums) -> (icc1: ICCValue, icc1k: ICCValue) {
    let (n, total, sumSquaredCounts, balanced, raters, between, within) = sums
    guard n >= 2 else {
      let none = ICCValue.undefined("fewer than two items with two ratings", items: n, raters: raters)
      return (none, none)
    }
    let df1 = Double(n - 1)
    let df2 = Double(total - n)
    let msb = between / df1
    let msw = within / df2
    let nn = Double(total)
    let k = (nn - sumSquaredCounts / nn) / df1
    let note = balanced ? nil : "unequal ratings per item: k0 = \(rounded(k)) in place of k; interval approximate"
    guard msb > 0 || msw > 0 else {
      let none = ICCValue.undefined("no variance in the ratings", items: n, raters: raters)
      return (none, none)
    }
    let icc1 = (msb - msw) / (msb + (k - 1) * msw)
    let icc1k = msb > 0 ? (msb - msw) / msb : nil
    guard msw > 0 else {
      // Perfect agreement within every item: F is infinite, the value 1.
      return (
        ICCValue(
          value: icc1, df1: df1, df2: df2, p: 0, items: n, raters: raters, note: note ?? "no variance within items"),
        ICCValue(
          value: icc1k, df1: df1, df2: df2, p: 0, items: n, raters: raters, note: note ?? "no variance within items")
      )
    }
    let f = msb / msw
    let p = 1 - FDistribution.cdf(f, df1, df2)
    let fl = f / FDistribution.quantile(0.975, df1, df2)
    let fu = f * FDistribution.quantile(0.975, df2, df1)
    let ci1 = [(fl - 1) / (fl + (k - 1)), (fu - 1) / (fu + (k - 1))]
    let ci1k = [1 - 1 / fl, 1 - 1 / fu]
    return (
      ICCValue(value: icc1, ci95: ci1, f: f, df1: df1, df2: df2, p: p, items: n, raters: raters, note: note),
      ICCValue(value: icc1k, ci95: ci1k, f: f, df1: df1, df2: df2, p: p, items: n, raters: raters, note: note)
    )
  }

  /// The one-way sums over items with two ratings or more: items, ratings, Σ nᵢ², whether every
  /// item has as many ratings, raters seen, Σ nᵢ (ȳᵢ − ȳ)² and Σ (y − ȳᵢ)².
  private static func oneWaySums(
    _ o: UnsafeBufferPointer<Int>, _ v: UnsafeBufferPointer<Double>, _ r: UnsafeBufferPointer<Int32>,
    _ itemCount: Int, _ raterCount: Int
  ) -> OneWaySums {
    var n = 0
    var total = 0
    var sum = 0.0
    var sumSquaredCounts = 0.0
    var balanced = true
    var firstCount = -1
    var raterSeen = [Bool](repeating: false, count: raterCount)
    raterSeen.withUnsafeMutableBufferPointer { seen in
      for i in 0..<itemCount where o[i + 1] - o[i] >= 2 {
        let c = o[i + 1] - o[i]
        n += 1
        total += c
        sumSquaredCounts += Double(c * c)
        if firstCount < 0 { firstCount = c } else if c != firstCount { balanced = false }
        for t in o[i]..<o[i + 1] {
          sum += v[t]
          seen[Int(r[t])] = true
        }
      }
    }
    let raters = raterSeen.reduce(0) { $0 + ($1 ? 1 : 0) }
    guard n >= 2 else { return (n, total, sumSquaredCounts, balanced, raters, 0, 0) }
    let grand = sum / Double(total)
    var between = 0.0
    var within = 0.0
    for i in 0..<itemCount where o[i + 1] - o[i] >= 2 {
      let lo = o[i]
      let hi = o[i + 1]
      var s = 0.0
      for t in lo..<hi { s += v[t] }
      let mean = s / Double(hi - lo)
      between += Double(hi - lo) * (mean - grand) * (mean - grand)
      for t in lo..<hi { within += (v[t] - mean) * (v[t] - mean) }
    }
    return (n, total, sumSquaredCounts, balanced, raters, between, within)
  }

  /// The two-way forms on a complete items × raters block (row-major, `items` rows of `raters`
  /// values), as `pingouin.intraclass_corr` (ICC2 = absolute agreement, random raters; ICC3 =
  /// consistency, fixed raters; with F, degrees of freedom, p and 95 % intervals).
  public static func twoWay(block: [Double], items n: Int, raters k: Int) -> (
    icc2: ICCValue, icc2k: ICCValue, icc3: ICCValue, icc3k: ICCValue
  ) {
    guard n >= 2, k >= 2, block.count == n * k else {
      let none = ICCValue.undefined("no complete block of two items by two raters", items: n, raters: k)
      return (none, none, none, none)
    }
    var grand = 0.0
    for x in block { grand += x }
    grand /= Double(n * k)
    var rowMeans = [Double](repeating: 0, count: n)
    var colMeans = [Double](repeating: 0, count: k)
    var sst = 0.0
    for i in 0..<n {
      for j in 0..<k {
        let x = block[i * k + j]
        rowMeans[i] += x
        colMeans[j] += x
        sst += (x - grand) * (x - grand)
      }
    }
    var ssr = 0.0
    var ssc = 0.0
    for i in 0..<n {
      rowMeans[i] /= Double(k)
      ssr += (rowMeans[i] - grand) * (rowMeans[i] - grand)
    }
    for j in 0..<k {
      colMeans[j] /= Double(n)
      ssc += (colMeans[j] - grand) * (colMeans[j] - grand)
    }
    ssr *= Double(k)
    ssc *= Double(n)
    return twoWay(items: n, raters: k, rows: ssr, columns: ssc, total: sst)
  }

  /// The two-way forms from the block's sums of squares: between rows (items), between columns
  /// (raters) and in all, about the grand mean.
  static func twoWay(items n: Int, raters k: Int, rows ssr: Double, columns ssc: Double, total sst: Double) -> (
    icc2: ICCValue, icc2k: ICCValue, icc3: ICCValue, icc3k: ICCValue
  ) {
    let sse = max(sst - ssr - ssc, 0)
    let nd = Double(n)
    let kd = Double(k)
    let df1 = nd - 1
    let dfe = (nd - 1) * (kd - 1)
    let msb = ssr / df1
    let msj = ssc / (kd - 1)
    let mse = sse / dfe
    guard mse > 1e-300 * max(msb, 1) else {
      let note = "no residual variance in the block"
      let none = ICCValue.undefined(note, items: n, raters: k)
      return (none, none, none, none)
    }
    let icc2 = (msb - mse) / (msb + (kd - 1) * mse + kd * (msj - mse) / nd)
    let icc3 = (msb - mse) / (msb + (kd - 1) * mse)
    let icc2k = (msb - mse) / (msb + (msj - mse) / nd)
    let icc3k = (msb - mse) / msb
    let f = msb / mse
    let p = 1 - FDistribution.cdf(f, df1, dfe)
    // ICC(3): F-based interval.
    let f3l = f / FDistribution.quantile(0.975, df1, dfe)
    let f3u = f * FDistribution.quantile(0.975, dfe, df1)
    let ci3 = [(f3l - 1) / (f3l + (kd - 1)), (f3u - 1) / (f3u + (kd - 1))]
    let ci3k = [1 - 1 / f3l, 1 - 1 / f3u]
    // ICC(2): Satterthwaite's degrees of freedom (McGraw & Wong), as pingouin.
    let fc = msj / mse
    let a = kd * icc2 * fc + nd * (1 + (kd - 1) * icc2) - kd * icc2
    let vn = dfe * a * a
    let b = nd * (1 + (kd - 1) * icc2) - kd * icc2
    let vd = df1 * kd * kd * icc2 * icc2 * fc * fc + b * b
    let v = vn / vd
    let f2u = FDistribution.quantile(0.975, df1, v)
    let f2l = FDistribution.quantile(0.975, v, df1)
    let l2 = nd * (msb - f2u * mse) / (f2u * (kd * msj + (kd * nd - kd - nd) * mse) + nd * msb)
    let u2 = nd * (f2l * msb - mse) / (kd * msj + (kd * nd - kd - nd) * mse + nd * f2l * msb)
    let ci2 = [l2, u2]
    let ci2k = [l2 * kd / (1 + l2 * (kd - 1)), u2 * kd / (1 + u2 * (kd - 1))]
    // A block whose items have the same mean (no variance between items) leaves some forms and
    // intervals without a finite value (a division by zero): those are null with a note, as JSON
    // has no infinity or NaN.
    func make(_ value: Double, _ ci: [Double]) -> ICCValue {
      guard value.isFinite else {
        return ICCValue(
          value: nil, f: f, df1: df1, df2: dfe, p: p, items: n, raters: k,
          note: "not defined for this block: no variance between items")
      }
      let finite = ci.allSatisfy { $0.isFinite }
      return ICCValue(
        value: value, ci95: finite ? ci : nil, f: f, df1: df1, df2: dfe, p: p, items: n, raters: k,
        note: finite ? nil : "no 95 % interval for this block (too little variance between items)")
    }
    return (make(icc2, ci2), make(icc2k, ci2k), make(icc3, ci3), make(icc3k, ci3k))
  }

  /// The largest complete block of a design: among the most frequent exact rater sets (two raters
  /// or more), the set S maximizing |items rated by every rater of S| × |S| (ties: more items,
  /// then the earlier set); rows are those items in order, columns S's raters in increasing order.
  /// With 64 raters or fewer, items rated by more raters than S also join the block.
  public static func completeBlock(_ m: NumericRatings, candidates: Int = 32) -> (
    block: [Double], items: [Int], raters: [Int]
  )? {
    if m.raterCount <= 64 { return completeBlockByMasks(m, candidates: candidates) }
    // Rater sets as sorted arrays, counted.
    var setCounts: [[Int32]: Int] = [:]
    var itemSets = [[Int32]](repeating: [], count: m.itemCount)
    for i in 0..<m.itemCount where m.ratingCount(i) >= 2 {
      let set = Array(Set(m.raters[m.offsets[i]..<m.offsets[i + 1]])).sorted()
      guard set.count >= 2 else { continue }
      itemSets[i] = set
      setCounts[set, default: 0] += 1
    }
    let ranked = setCounts.sorted {
      $0.value != $1.value ? $0.value > $1.value : $0.key.lexicographicallyPrecedes($1.key)
    }
    .prefix(candidates)
    var best: (set: [Int32], items: Int)?
    for (set, items) in ranked where items >= 2 {
      if let current = best, items * set.count <= current.items * current.set.count { continue }
      best = (set, items)
    }
    guard let chosen = best else { return nil }
    let wanted = chosen.set
    return extract(m, raters: wanted.map { Int($0) }) { itemSets[$0] == wanted }
  }

  /// The same with one 64-bit rater mask per item (no per-item allocation); the sets are counted
  /// in an open-addressing table.
  private static func completeBlockByMasks(_ m: NumericRatings, candidates: Int) -> (
    block: [Double], items: [Int], raters: [Int]
  )? {
    var masks = [UInt64](repeating: 0, count: m.itemCount)
    var table = MaskCounts()
    m.offsets.withUnsafeBufferPointer { o in
      m.raters.withUnsafeBufferPointer { r in
        masks.withUnsafeMutableBufferPointer { out in
          for i in 0..<m.itemCount where o[i + 1] - o[i] >= 2 {
            var mask: UInt64 = 0
            for t in o[i]..<o[i + 1] { mask |= 1 << UInt64(r[t]) }
            guard mask.nonzeroBitCount >= 2 else { continue }
            out[i] = mask
            table.add(mask)
          }
        }
      }
    }
    return completeBlock(m, masks: masks, table: table, candidates: candidates)
  }

  /// The block from each item's rater mask (0 for items with fewer than two raters) and the
  /// counts of the masks (`DimensionPasses` computes both with its other sums).
  static func completeBlock(_ m: NumericRatings, masks: [UInt64], table: MaskCounts, candidates: Int = 32) -> (
    block: [Double], items: [Int], raters: [Int]
  )? {
    guard let chosen = chooseBlock(table, candidates: candidates) else { return nil }
    let raters = (0..<64).filter { chosen.mask & (1 << UInt64($0)) != 0 }
    return extract(m, raters: raters, masks: masks, chosen: chosen.mask, rows: chosen.items)
  }

  /// The rater set of the largest complete block from the counts of the items' rater masks, and
  /// its items (those whose mask holds the set).
  package static func chooseBlock(_ table: MaskCounts, candidates: Int = 32) -> (mask: UInt64, items: Int)? {
    let counts = table.entries
    // Most frequent sets first; ties by the set's rater order (lowest raters first).
    func precedes(_ a: UInt64, _ b: UInt64) -> Bool {
      var a = a
      var b = b
      while a != 0 && b != 0 {
        let x = a.trailingZeroBitCount
        let y = b.trailingZeroBitCount
        if x != y { return x < y }
        a &= a - 1
        b &= b - 1
      }
      return a == 0 && b != 0
    }
    let ranked = counts.sorted { $0.count != $1.count ? $0.count > $1.count : precedes($0.mask, $1.mask) }
      .prefix(candidates)
    var best: (mask: UInt64, items: Int)?
    for (mask, _) in ranked {
      // Items rated by every rater of the set: the counts of its supersets.
      var items = 0
      for (other, count) in counts where other & mask == mask { items += count }
      guard items >= 2 else { continue }
      if let current = best {
        let score = items * mask.nonzeroBitCount
        let currentScore = current.items * current.mask.nonzeroBitCount
        guard score > currentScore || (score == currentScore && items > current.items) else { continue }
      }
      best = (mask, items)
    }
    return best
  }

  /// The two-way forms on the complete block of the items whose mask holds every rater of
  /// `chosen` (`rows` items, as `chooseBlock` gives them), without building the block: from the
  /// sums of the values shifted by `origin` (integer values and origin: the sums are exact).
  /// `twoWay(block:)` of `completeBlock`'s block gives the same to rounding, except on a block
  /// without residual (each rating its item's effect plus its rater's), which the exact sums find
  /// undefined where the block's float sums may leave a rounding residual and an F beyond 10¹².
  package static func twoWay(_ m: NumericRatings, masks: [UInt64], chosen: UInt64, rows n: Int, origin: Double) -> (
    icc2: ICCValue, icc2k: ICCValue, icc3: ICCValue, icc3k: ICCValue
  ) {
    let k = chosen.nonzeroBitCount
    guard n >= 2, k >= 2 else {
      let none = ICCValue.undefined("no complete block of two items by two raters", items: n, raters: k)
      return (none, none, none, none)
    }
    var sum = 0.0
    var squares = 0.0
    var rowSquares = 0.0
    var columns = [Double](repeating: 0, count: 64)
    m.offsets.withUnsafeBufferPointer { o in
      m.raters.withUnsafeBufferPointer { r in
        m.values.withUnsafeBufferPointer { v in
          masks.withUnsafeBufferPointer { masks in
            columns.withUnsafeMutableBufferPointer { columns in
              for i in 0..<m.itemCount where masks[i] & chosen == chosen {
                // Each rater's first rating of the item (without a branch: other ratings count 0).
                var filled: UInt64 = 0
                var row = 0.0
                for t in o[i]..<o[i + 1] {
                  let g = UInt64(r[t])
                  let take = (chosen & ~filled) &>> g & 1
                  let y = (v[t] - origin) * Double(take)
                  row += y
                  squares += y * y
                  columns[Int(g)] += y
                  filled |= take &<< g
                }
                sum += row
                rowSquares += row * row
              }
            }
          }
        }
      }
    }
    let nd = Double(n)
    let kd = Double(k)
    let correction = sum * sum / (nd * kd)
    let columnSquares = columns.reduce(0) { $0 + $1 * $1 }
    return twoWay(
      items: n, raters: k, rows: rowSquares / kd - correction, columns: columnSquares / nd - correction,
      total: squares - correction)
  }

  /// `extract` of the items whose mask holds every rater of `chosen` (`rows` of them: every such
  /// item has a rating by each of them), written in place.
  private static func extract(_ m: NumericRatings, raters: [Int], masks: [UInt64], chosen: UInt64, rows: Int) -> (
    block: [Double], items: [Int], raters: [Int]
  ) {
    var column = [Int](repeating: 0, count: 64)
    for (j, r) in raters.enumerated() { column[r] = j }
    let k = raters.count
    var items = [Int](repeating: 0, count: rows)
    var block = [Double](repeating: 0, count: rows * k)
    var placed = 0
    m.offsets.withUnsafeBufferPointer { o in
      m.raters.withUnsafeBufferPointer { r in
        m.values.withUnsafeBufferPointer { v in
          masks.withUnsafeBufferPointer { masks in
            column.withUnsafeBufferPointer { column in
              items.withUnsafeMutableBufferPointer { items in
                block.withUnsafeMutableBufferPointer { block in
                  for i in 0..<m.itemCount where masks[i] & chosen == chosen {
                    precondition(placed < rows, "more items than the masks' counts")
                    let row = placed &* k
                    // Each rater's first rating of the item.
                    var filled: UInt64 = 0
                    for t in o[i]..<o[i + 1] {
                      let g = Int(r[t])
                      let bit: UInt64 = 1 &<< UInt64(g)
                      if chosen & bit != 0 && filled & bit == 0 {
                        block[row &+ column[g]] = v[t]
                        filled |= bit
                      }
                    }
                    items[placed] = i
                    placed &+= 1
                  }
                }
              }
            }
          }
        }
      }
    }
    precondition(placed == rows, "fewer items than the masks' counts")
    return (block, items, raters)
  }

  /// Counts of 64-bit rater sets (nonzero keys), open addressing with linear probing; the table
  /// doubles when half full (a design has few distinct rater sets).
  package struct MaskCounts {
    private var keys = [UInt64](repeating: 0, count: 256)
    private var counts = [Int](repeating: 0, count: 256)
    private var used = 0

    mutating func add(_ key: UInt64, count: Int = 1) {
      let mask = keys.count - 1
      var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
      while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & mask }
      if keys[slot] == 0 {
        keys[slot] = key
        used += 1
      }
      counts[slot] += count
      if 2 * used > keys.count { grow() }
    }

    private mutating func grow() {
      let old = entries
      keys = [UInt64](repeating: 0, count: 2 * keys.count)
      counts = [Int](repeating: 0, count: keys.count)
      used = 0
      for (key, count) in old { add(key, count: count) }
    }

    /// Every set with its count (table order).
    var entries: [(mask: UInt64, count: Int)] {
      keys.indices.compactMap { keys[$0] != 0 ? (keys[$0], counts[$0]) : nil }
    }
  }

  /// Rows of the items `includes` accepts, columns `raters` (each item's first rating per rater);
  /// `expected` rows at most is a capacity hint.
  private static func extract(_ m: NumericRatings, raters: [Int], expected: Int = 0, includes: (Int) -> Bool) -> (
    block: [Double], items: [Int], raters: [Int]
  ) {
    var column = [Int](repeating: -1, count: m.raterCount)
    for (j, r) in raters.enumerated() { column[r] = j }
    let k = raters.count
    var block: [Double] = []
    var rows: [Int] = []
    block.reserveCapacity(expected * k)
    rows.reserveCapacity(expected)
    var row = [Double](repeating: 0, count: k)
    var seen = [Bool](repeating: false, count: k)
    m.offsets.withUnsafeBufferPointer { o in
      m.raters.withUnsafeBufferPointer { r in
        m.values.withUnsafeBufferPointer { v in
          for i in 0..<m.itemCount where o[i + 1] - o[i] >= 2 && includes(i) {
            for j in 0..<k { seen[j] = false }
            var filled = 0
            for t in o[i]..<o[i + 1] {
              let j = column[Int(r[t])]
              if j >= 0 && !seen[j] {
                row[j] = v[t]
                seen[j] = true
                filled += 1
              }
            }
            guard filled == k else { continue }
            block.append(contentsOf: row)
            rows.append(i)
          }
        }
      }
    }
    return (block, rows, raters)
  }

  private static func rounded(_ x: Double) -> String {
    let r = (x * 1000).rounded() / 1000
    return "\(r)"
  }
}
