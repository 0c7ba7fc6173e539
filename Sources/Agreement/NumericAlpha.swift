/// Krippendorff's α for numeric ratings with missing data (interval and ordinal), in linear time.
///
/// Interval: with pairable units (m_u ≥ 2 values) and n pairable values,
/// D_o = (1/n) Σ_u Σ_{i≠j∈u} (x_i − x_j)² / (m_u − 1) and
/// D_e = Σ_{c≠k over all pairable values} (x_c − x_k)² / (n (n − 1)), using
/// Σ_{i≠j} (x_i − x_j)² = 2 (m Σx² − (Σx)²); α = 1 − D_o / D_e. This equals the coincidence-matrix
/// definition (and the `krippendorff` package). Ordinal: the ordinal distance between values c < k,
/// Σ_{g=c..k} n_g − (n_c + n_k)/2, is the difference of the mid-ranks M_c = Σ_{g<c} n_g + n_c/2
/// (n_g: pairable values equal to g), so ordinal α is interval α on mid-ranks. Values are centred
/// on their mean before squaring (no cancellation on large scales). Degenerate cases as
/// `KrippendorffAlpha.estimate`: nothing pairable → nil; expected disagreement 0 → 1 (0 if the
/// observed one is not 0).
///
/// When the pairable values lie on a regular grid (integers, halves, quarters, tenths or
/// hundredths, at most 2²⁰ steps, as every rating scale does), the mid-ranks come from the counts
/// per grid step (cumulative sums over the steps) and `both` computes the two levels in one pass;
/// other values are ranked by sorting. Both ways give the same sums in the same order.
public enum NumericAlpha {
  public static func interval(_ m: NumericRatings) -> MultiRaterValue { both(m).interval }

  public static func ordinal(_ m: NumericRatings) -> MultiRaterValue { both(m).ordinal }

  /// The interval and ordinal α of the same ratings, sharing their passes over the values.
  public static func both(_ m: NumericRatings) -> (interval: MultiRaterValue, ordinal: MultiRaterValue) {
    m.offsets.withUnsafeBufferPointer { o in
      m.values.withUnsafeBufferPointer { v in both(o, v, m.itemCount) }
    }
  }

  static func both(_ o: UnsafeBufferPointer<Int>, _ v: UnsafeBufferPointer<Double>, _ itemCount: Int) -> (
    interval: MultiRaterValue, ordinal: MultiRaterValue
  ) {
    // Pairable items and values, the values' sum (for the centre) and range.
    var items = 0
    var n = 0
    var total = 0.0
    var lo = Double.infinity
    var hi = -Double.infinity
    for i in 0..<itemCount {
      let first = o[i]
      let end = o[i + 1]
      guard end - first >= 2 else { continue }
      items += 1
      n += end - first
      for t in first..<end {
        let x = v[t]
        total += x
        if x < lo { lo = x }
        if x > hi { hi = x }
      }
    }
    guard items > 0 else {
      let none = MultiRaterValue(value: nil, items: 0, ratings: 0, degeneracy: .noItems)
      return (none, none)
    }
    let center = total / Double(n)
    guard let grid = Grid(v, o, itemCount, lo: lo, hi: hi) else {
      var ranks = [Double](repeating: 0, count: v.count)
      ranks.withUnsafeMutableBufferPointer { midRanksBySorting(v, o, itemCount, n, $0) }
      let ordinal = ranks.withUnsafeBufferPointer { alpha(itemCount, o, $0) }
      return (alpha(itemCount, o, v), ordinal)
    }
    // Mid-rank of every grid step: values below it plus half its own.
    let mid = UnsafeMutableBufferPointer<Double>.allocate(capacity: grid.counts.count)
    defer { mid.deallocate() }
    var below = 0.0
    for b in 0..<grid.counts.count {
      let c = Double(grid.counts[b])
      mid[b] = below + c / 2
      below += c
    }
    // Σ of the mid-ranks over pairable values is n²/2: their mean is n/2.
    let rankCenter = Double(n) / 2
    var x = AlphaSums()
    var r = AlphaSums()
    for i in 0..<itemCount {
      let first = o[i]
      let end = o[i + 1]
      let count = end - first
      guard count >= 2 else { continue }
      var s = 0.0
      var s2 = 0.0
      var sr = 0.0
      var sr2 = 0.0
      for t in first..<end {
        let y = v[t] - center
        s += y
        s2 += y * y
        let z = mid[grid.step(v[t])] - rankCenter
        sr += z
        sr2 += z * z
      }
      x.add(s, s2, count)
      r.add(sr, sr2, count)
    }
    return (x.value(items: items, ratings: n), r.value(items: items, ratings: n))
  }

  /// The regular grid of the pairable values and their counts per step, or nil when they do not
  /// lie on one of integers, halves, quarters, tenths or hundredths (within 1e-9 of a step) of at
  /// most 2²⁰ steps.
  struct Grid {
    let lo: Double
    let scale: Double
    var counts: [Int]

    /// The grid step of a pairable value.
    @inline(__always) func step(_ x: Double) -> Int { Self.nearest((x - lo) * scale) }

    /// The integer nearest to k, 0 ≤ k < 2⁵¹, without a checked conversion: k + 1.5·2⁵² rounds k
    /// to an integer that the low mantissa bits hold. Equals Int(k + 0.5) whenever k lies within
    /// 1e-9 of an integer (every value the grid accepts).
    @inline(__always) static func nearest(_ k: Double) -> Int {
      Int(truncatingIfNeeded: (k + 6_755_399_441_055_744.0).bitPattern & 0x7_FFFF_FFFF_FFFF)
    }

    init?(_ v: UnsafeBufferPointer<Double>, _ o: UnsafeBufferPointer<Int>, _ itemCount: Int, lo: Double, hi: Double) {
      self.lo = lo
      for q in [1.0, 2, 4, 10, 100] {
        guard (hi - lo) * q < Double(1 << 20) else { return nil }
        var counts = [Int](repeating: 0, count: Int(((hi - lo) * q).rounded()) + 1)
        let onGrid = counts.withUnsafeMutableBufferPointer { c in
          for i in 0..<itemCount where o[i + 1] - o[i] >= 2 {
            for t in o[i]..<o[i + 1] {
              let k = (v[t] - lo) * q
              let b = Grid.nearest(k)
              guard abs(k - Double(b)) < 1e-9, b < c.count else { return false }
              c[b] &+= 1
            }
          }
          return true
        }
        if onGrid {
          self.scale = q
          self.counts = counts
          return
        }
      }
      return nil
    }
  }

  /// Mid-ranks of values off any grid: the pairable values sorted, each distinct value's mid-rank
  /// found by binary search. Unpairable ratings get 0 (never used).
  static func midRanksBySorting(
    _ v: UnsafeBufferPointer<Double>, _ o: UnsafeBufferPointer<Int>, _ itemCount: Int, _ n: Int,
    _ out: UnsafeMutableBufferPointer<Double>
  ) {
    var pairable: [Double] = []
    pairable.reserveCapacity(n)
    for i in 0..<itemCount where o[i + 1] - o[i] >= 2 {
      for t in o[i]..<o[i + 1] { pairable.append(v[t]) }
    }
    pairable.sort()
    var distinct: [Double] = []
    var mid: [Double] = []
    var start = 0
    while start < pairable.count {
      var end = start + 1
      while end < pairable.count && pairable[end] == pairable[start] { end += 1 }
      distinct.append(pairable[start])
      mid.append(Double(start) + Double(end - start) / 2)
      start = end
    }
    for i in 0..<itemCount where o[i + 1] - o[i] >= 2 {
      for t in o[i]..<o[i + 1] {
        // The first distinct value not below v[t] (it is v[t]).
        var a = 0
        var b = distinct.count
        while a < b {
          let h = (a + b) / 2
          if distinct[h] < v[t] { a = h + 1 } else { b = h }
        }
        out[t] = mid[a]
      }
    }
  }

  /// α of values `x` (index-aligned with the ratings) on the items of `offsets`.
  static func alpha(_ itemCount: Int, _ offsets: UnsafeBufferPointer<Int>, _ x: UnsafeBufferPointer<Double>)
    -> MultiRaterValue
  {
    var items = 0
    var n = 0
    var total = 0.0
    for i in 0..<itemCount {
      let lo = offsets[i]
      let hi = offsets[i + 1]
      guard hi - lo >= 2 else { continue }
      items += 1
      n += hi - lo
      for t in lo..<hi { total += x[t] }
    }
    guard items > 0 else { return MultiRaterValue(value: nil, items: 0, ratings: 0, degeneracy: .noItems) }
    let center = total / Double(n)
    var sums = AlphaSums()
    for i in 0..<itemCount {
      let lo = offsets[i]
      let hi = offsets[i + 1]
      let count = hi - lo
      guard count >= 2 else { continue }
      var s = 0.0
      var s2 = 0.0
      for t in lo..<hi {
        let y = x[t] - center
        s += y
        s2 += y * y
      }
      sums.add(s, s2, count)
    }
    return sums.value(items: items, ratings: n)
  }
}

/// Running sums of α over pairable items, values centred: Σ_u 2 (m Σy² − (Σy)²) / (m − 1), Σy², Σy.
struct AlphaSums {
  var observed = 0.0
  var squares = 0.0
  var sum = 0.0

  @inline(__always) mutating func add(_ s: Double, _ s2: Double, _ count: Int) {
    let c = Double(count)
    observed += 2 * (c * s2 - s * s) / (c - 1)
    squares += s2
    sum += s
  }

  /// α = 1 − D_o / D_e over `ratings` pairable values, with the degenerate cases.
  func value(items: Int, ratings n: Int) -> MultiRaterValue {
    let nn = Double(n)
    let observed = self.observed / nn
    let expected = 2 * (nn * squares - sum * sum) / (nn * (nn - 1))
    let scale = max(squares / nn, 1e-300)
    if expected <= 1e-12 * scale {
      let perfect = observed <= 1e-12 * scale
      return MultiRaterValue(
        value: perfect ? 1 : 0, items: items, ratings: n,
        degeneracy: perfect ? .chanceOnePerfect : .chanceOneImperfect)
    }
    return MultiRaterValue(value: 1 - observed / expected, items: items, ratings: n, degeneracy: nil)
  }
}
