/// Numeric ratings of items by raters as plain arrays, grouped by item (compressed rows): item i's
/// ratings are at `offsets[i] ..< offsets[i + 1]` of `raters` and `values`. No corpus types.
public struct NumericRatings: Sendable, Hashable {
  public let itemCount: Int
  public let raterCount: Int
  /// itemCount + 1 offsets into `raters` / `values`.
  public let offsets: [Int]
  public let raters: [Int32]
  public let values: [Double]

  /// Groups (item, rater, value) triples by item in one counting pass (order within an item is
  /// kept). Items are 0 ..< itemCount, raters 0 ..< raterCount (both grown to fit the indices).
  /// A rater rating one item twice keeps both values (callers remove duplicates if they must).
  public init(items: [Int], raters: [Int], values: [Double], itemCount: Int = 0, raterCount: Int = 0) {
    precondition(items.count == raters.count && raters.count == values.count, "triples of unequal length")
    let n = max(itemCount, (items.max() ?? -1) + 1)
    self.itemCount = n
    self.raterCount = max(raterCount, (raters.max() ?? -1) + 1)
    var offsets = [Int](repeating: 0, count: n + 1)
    var r = [Int32](repeating: 0, count: items.count)
    var v = [Double](repeating: 0, count: items.count)
    items.withUnsafeBufferPointer { it in
      offsets.withUnsafeMutableBufferPointer { o in
        for item in it { o[item + 1] += 1 }
        for i in 0..<n { o[i + 1] += o[i] }
        var next = Array(o.dropLast())
        raters.withUnsafeBufferPointer { rt in
          values.withUnsafeBufferPointer { vs in
            r.withUnsafeMutableBufferPointer { ro in
              v.withUnsafeMutableBufferPointer { vo in
                next.withUnsafeMutableBufferPointer { nx in
                  for t in 0..<it.count {
                    let at = nx[it[t]]
                    nx[it[t]] = at + 1
                    ro[at] = Int32(rt[t])
                    vo[at] = vs[t]
                  }
                }
              }
            }
          }
        }
      }
    }
    self.offsets = offsets
    self.raters = r
    self.values = v
  }

  /// Ratings in all.
  public var count: Int { values.count }

  /// Number of ratings of item i.
  @inline(__always) public func ratingCount(_ i: Int) -> Int { offsets[i + 1] - offsets[i] }
}

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
public enum NumericAlpha {
  public static func interval(_ m: NumericRatings) -> MultiRaterValue {
    alpha(m, transform: nil)
  }

  public static func ordinal(_ m: NumericRatings) -> MultiRaterValue {
    let ranks = midRanks(m)
    return alpha(m, transform: ranks)
  }

  /// The mid-rank of every rating (index-aligned with `m.values`) over pairable values; unpairable
  /// ratings get 0 (they are never used).
  static func midRanks(_ m: NumericRatings) -> [Double] {
    var ranks = [Double](repeating: 0, count: m.count)
    let gridded = m.values.withUnsafeBufferPointer { v in
      m.offsets.withUnsafeBufferPointer { o in
        ranks.withUnsafeMutableBufferPointer { out in midRanksOnGrid(v, o, m.itemCount, out) }
      }
    }
    if gridded { return ranks }
    var pairable: [Double] = []
    pairable.reserveCapacity(m.count)
    for i in 0..<m.itemCount where m.ratingCount(i) >= 2 {
      for t in m.offsets[i]..<m.offsets[i + 1] { pairable.append(m.values[t]) }
    }
    pairable.sort()
    var mid: [Double: Double] = [:]
    var start = 0
    while start < pairable.count {
      var end = start + 1
      while end < pairable.count && pairable[end] == pairable[start] { end += 1 }
      mid[pairable[start]] = Double(start) + Double(end - start) / 2
      start = end
    }
    for i in 0..<m.itemCount where m.ratingCount(i) >= 2 {
      for t in m.offsets[i]..<m.offsets[i + 1] { ranks[t] = mid[m.values[t]]! }
    }
    return ranks
  }

  /// Mid-ranks by counting when every pairable value lies on a regular grid (integers, halves,
  /// quarters, tenths or hundredths, at most 2²⁰ steps): false (nothing written) otherwise.
  static func midRanksOnGrid(
    _ v: UnsafeBufferPointer<Double>, _ o: UnsafeBufferPointer<Int>, _ itemCount: Int,
    _ out: UnsafeMutableBufferPointer<Double>
  ) -> Bool {
    var lo = Double.infinity
    var hi = -Double.infinity
    for i in 0..<itemCount where o[i + 1] - o[i] >= 2 {
      for t in o[i]..<o[i + 1] {
        lo = Swift.min(lo, v[t])
        hi = Swift.max(hi, v[t])
      }
    }
    guard lo <= hi else { return true }
    var step = 0.0
    search: for q in [1.0, 2, 4, 10, 100] {
      guard (hi - lo) * q < Double(1 << 20) else { break }
      for i in 0..<itemCount where o[i + 1] - o[i] >= 2 {
        for t in o[i]..<o[i + 1] {
          // k ≥ 0: Int(k + 0.5) is the nearest integer (a conversion, no libm call).
          let k = (v[t] - lo) * q
          if abs(k - Double(Int(k + 0.5))) >= 1e-9 { continue search }
        }
      }
      step = q
      break
    }
    guard step > 0 else { return false }
    let size = Int(((hi - lo) * step).rounded()) + 1
    var counts = [Double](repeating: 0, count: size)
    for i in 0..<itemCount where o[i + 1] - o[i] >= 2 {
      for t in o[i]..<o[i + 1] { counts[Int((v[t] - lo) * step + 0.5)] += 1 }
    }
    var below = 0.0
    for b in 0..<size {
      let c = counts[b]
      counts[b] = below + c / 2
      below += c
    }
    for i in 0..<itemCount where o[i + 1] - o[i] >= 2 {
      for t in o[i]..<o[i + 1] { out[t] = counts[Int((v[t] - lo) * step + 0.5)] }
    }
    return true
  }

  static func alpha(_ m: NumericRatings, transform: [Double]?) -> MultiRaterValue {
    if let transform { return transform.withUnsafeBufferPointer { alpha(m, $0) } }
    return m.values.withUnsafeBufferPointer { alpha(m, $0) }
  }

  static func alpha(_ m: NumericRatings, _ x: UnsafeBufferPointer<Double>) -> MultiRaterValue {
    m.offsets.withUnsafeBufferPointer { alpha(m.itemCount, $0, x) }
  }

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
    var observedSum = 0.0  // Σ_u 2 (m Σy² − (Σy)²) / (m − 1), y = x − center
    var squares = 0.0
    var sum = 0.0
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
      let c = Double(count)
      observedSum += 2 * (c * s2 - s * s) / (c - 1)
      squares += s2
      sum += s
    }
    let nn = Double(n)
    let observed = observedSum / nn
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
