/// The sums of one dimension's agreement in one pass over the grouped ratings, instead of one or
/// two passes per statistic: Krippendorff's α interval and ordinal, the one-way ICC, the per-rater
/// diagnostics, the rater masks of the complete block and the histogram.
///
/// The usual case only: at most 64 raters and every value an integer within 16 of the first one
/// (a scale of at most 17 points, as ratings of a corpus are); otherwise `init` is nil and the
/// callers take the statistics one by one. The sums are the same quantities as those of
/// `NumericAlpha.both`, `IntraclassCorrelation.oneWay`, `IntraclassCorrelation.completeBlock`,
/// `NumericRaterDiagnostics.run` and `DimensionAgreement.histogram`, shifted by the first value
/// instead of centred on the mean (integers: the shifted sums of values are exact), so the results
/// agree with theirs to rounding (tests compare them); counts, masks, the block and the histogram
/// are exact.
///
/// Per pairable item: its count of each value and, from them, the coincidences Σ nᵤₐ nᵤᵦ / (mᵤ − 1)
/// of each pair of values (α is 2 Σ coincidences × (difference)² over the expected disagreement:
/// of the values for interval, of their mid-ranks for ordinal, once the counts are known) and
/// Σ (y − ȳ)², its mean (the one-way ICC's between sum is taken over the means after the pass),
/// each rating's leave-one-out mean against the rating (each rater's bias and Pearson sums), the
/// rater mask.
package struct DimensionPasses {
  var interval: MultiRaterValue
  var ordinal: MultiRaterValue
  package var oneWay: IntraclassCorrelation.OneWaySums
  var counts: [Int]
  var sums: [Double]
  var biasSums: [Double]
  var pearson: [PearsonSums]
  /// Each item's rater mask (0 below two raters) and the masks' counts.
  package var masks: [UInt64]
  package var table: IntraclassCorrelation.MaskCounts
  var histogram: RatingHistogram

  /// Values are counted in 32 slots, the first value in slot 16.
  private static let slots = 32
  /// 2³¹: an integer value v (|v| < 2³¹) is `NumericAlpha.Grid.nearest(v + shift)` − 2³¹.
  private static let shift = 2_147_483_648.0

  package init?(_ m: NumericRatings, scale: [Double]) {
    guard m.raterCount <= 64, m.count > 0 else { return nil }
    guard
      let p = m.offsets.withUnsafeBufferPointer({ o in
        m.raters.withUnsafeBufferPointer { r in
          m.values.withUnsafeBufferPointer { v in Self.pass(o, r, v, m.itemCount, m.raterCount) }
        }
      })
    else { return nil }
    let origin = m.values[0]
    counts = p.counts
    sums = p.sums
    masks = p.masks
    table = p.table
    // The histogram from the counts per value.
    let lo = scale.first ?? 0
    let hi = scale.last ?? 1
    let width = hi - lo > 20 ? (hi - lo) / 20 : 0.5
    let bins = max(1, Int(((hi - lo) / width).rounded()) + 1)
    var h = RatingHistogram(start: lo - width / 2, width: width, counts: [Int](repeating: 0, count: bins))
    for k in 0..<Self.slots where p.pairable[k] + p.solo[k] > 0 {
      let value = origin + Double(k - Self.slots / 2)
      h.counts[RatingHistogram.bin(value, start: h.start, width: width, bins: bins)] += p.pairable[k] + p.solo[k]
    }
    histogram = h
    let items = p.items
    let n = p.ratings
    if items > 0 {
      // α interval and ordinal from the coincidences: interval on the values (shifted by the first
      // value, slot k holding first + k − 16), ordinal on the mid-ranks (counts of lower values
      // plus half their own, centred on n / 2).
      var values = AlphaSums()
      var ranks = AlphaSums()
      // Mid-ranks of the values (counts of lower values plus half their own), centred on n / 2.
      var z = [Double](repeating: 0, count: Self.slots)
      var below = 0.0
      for k in 0..<Self.slots {
        let c = Double(p.pairable[k])
        let y = Double(k - Self.slots / 2)
        values.squares += c * y * y
        values.sum += c * y
        z[k] = below + c / 2 - Double(n) / 2
        below += c
        ranks.squares += c * z[k] * z[k]
        ranks.sum += c * z[k]
      }
      for a in 0..<Self.slots {
        for b in (a + 1)..<Self.slots where p.coincidences[a * Self.slots + b] != 0 {
          let coincidences = p.coincidences[a * Self.slots + b]
          values.observed += 2 * coincidences * Double((b - a) * (b - a))
          ranks.observed += 2 * coincidences * (z[a] - z[b]) * (z[a] - z[b])
        }
      }
      interval = values.value(items: items, ratings: n)
      ordinal = ranks.value(items: items, ratings: n)
    } else {
      interval = MultiRaterValue(value: nil, items: 0, ratings: 0, degeneracy: .noItems)
      ordinal = interval
    }
    // The one-way ICC's between sum over the item means.
    var between = 0.0
    if items >= 2 {
      let grand = p.total / Double(n)
      between = m.offsets.withUnsafeBufferPointer { o in
        p.means.withUnsafeBufferPointer { means in
          var sum = 0.0
          for i in 0..<m.itemCount where o[i + 1] - o[i] >= 2 {
            let c = Double(o[i + 1] - o[i])
            sum += c * (means[i] - grand) * (means[i] - grand)
          }
          return sum
        }
      }
    }
    oneWay = (
      items, n, p.squaredCounts, p.balanced, p.raters.nonzeroBitCount, between, items >= 2 ? p.within : 0
    )
    // Each rater's Pearson sums and bias over the items shared with others (shifted by the first
    // value: Σ (x − x₀) is exact).
    var pearson: [PearsonSums] = []
    var biasSums: [Double] = []
    for g in 0..<m.raterCount {
      let shared = p.counts[g] - p.soloCounts[g]
      let sx = (p.sums[g] - p.soloSums[g]) - Double(shared) * origin
      let q = p.leaveOneOut[g]
      pearson.append(PearsonSums(n: Double(shared), sx: sx, sy: q.y, sxx: q.xx, syy: q.yy, sxy: q.xy))
      biasSums.append(sx - q.y)
    }
    self.pearson = pearson
    self.biasSums = biasSums
  }

  /// Σ (x − x₀)², Σ (y − x₀), Σ (y − x₀)², Σ (x − x₀)(y − x₀) of one rater: x its ratings of
  /// pairable items, y the mean of the other ratings of the item.
  private struct LeaveOneOut {
    var xx = 0.0
    var y = 0.0
    var yy = 0.0
    var xy = 0.0
  }

  private struct Sums {
    var items = 0
    var ratings = 0
    var total = 0.0
    var squaredCounts = 0.0
    var balanced = true
    var raters: UInt64 = 0
    var within = 0.0
    var counts: [Int]
    var sums: [Double]
    /// Ratings and sums of items with a single rating, per rater.
    var soloCounts: [Int]
    var soloSums: [Double]
    var leaveOneOut: [LeaveOneOut]
    var masks: [UInt64]
    var means: [Double]
    var table = IntraclassCorrelation.MaskCounts()
    /// Values per slot, of pairable items and of single ratings; the coincidences of slot pairs
    /// (a < b, row-major).
    var pairable: [Int]
    var solo: [Int]
    var coincidences: [Double]
  }

  /// The pass; nil when a value is not an integer within 16 of the first.
  private static func pass(
    _ o: UnsafeBufferPointer<Int>, _ r: UnsafeBufferPointer<Int32>, _ v: UnsafeBufferPointer<Double>,
    _ itemCount: Int, _ raterCount: Int
  ) -> Sums? {
    let origin = v[0]
    let base = NumericAlpha.Grid.nearest(origin + shift)
    guard Double(base) - shift == origin else { return nil }
    var f = Sums(
      counts: [Int](repeating: 0, count: raterCount), sums: [Double](repeating: 0, count: raterCount),
      soloCounts: [Int](repeating: 0, count: raterCount), soloSums: [Double](repeating: 0, count: raterCount),
      leaveOneOut: [LeaveOneOut](repeating: LeaveOneOut(), count: raterCount),
      masks: [UInt64](repeating: 0, count: itemCount),
      // Means are read only for pairable items, each of which writes its own.
      means: [Double](unsafeUninitializedCapacity: itemCount) { _, written in written = itemCount },
      pairable: [Int](repeating: 0, count: slots), solo: [Int](repeating: 0, count: slots),
      coincidences: [Double](repeating: 0, count: slots * slots))
    // Nonzero once a value is off the integers (the bits of its distance to its integer), at or
    // above 32 once a slot is outside 0 ..< 32 (the slots or-ed together).
    var offGrid: UInt64 = 0
    var outside: UInt = 0
    var firstCount = -1
    // This item's count per slot.
    var local = [Int](repeating: 0, count: slots)
    f.counts.withUnsafeMutableBufferPointer { counts in
      f.sums.withUnsafeMutableBufferPointer { sums in
        f.leaveOneOut.withUnsafeMutableBufferPointer { loo in
          f.masks.withUnsafeMutableBufferPointer { masks in
            f.means.withUnsafeMutableBufferPointer { means in
              f.coincidences.withUnsafeMutableBufferPointer { pairs in
                f.pairable.withUnsafeMutableBufferPointer { pairable in
                  local.withUnsafeMutableBufferPointer { local in
                    // The running sums in locals (registers), stored into `f` after the loop.
                    var items = 0
                    var ratings = 0
                    var total = 0.0
                    var squaredCounts = 0.0
                    var balanced = true
                    var raters: UInt64 = 0
                    var within = 0.0
                    defer {
                      f.items = items
                      f.ratings = ratings
                      f.total = total
                      f.squaredCounts = squaredCounts
                      f.balanced = balanced
                      f.raters = raters
                      f.within = within
                    }
                    for i in 0..<itemCount {
                      let start = o[i]
                      let end = o[i + 1]
                      let c = end - start
                      if c >= 2 {
                        items &+= 1
                        ratings &+= c
                        squaredCounts += Double(c &* c)
                        if firstCount < 0 { firstCount = c } else if c != firstCount { balanced = false }
                        var mask: UInt64 = 0
                        var present: UInt32 = 0
                        var s = 0.0
                        for t in start..<end {
                          let x = v[t]
                          let g = Int(r[t])
                          s += x
                          counts[g] &+= 1
                          sums[g] += x
                          mask |= 1 &<< UInt64(truncatingIfNeeded: g)
                          let b = NumericAlpha.Grid.nearest(x + shift)
                          offGrid |= (Double(b) - shift - x).bitPattern
                          let k = b &- base &+ slots / 2
                          outside |= UInt(bitPattern: k)
                          local[k & (slots - 1)] &+= 1
                          present |= 1 &<< UInt32(k & (slots - 1))
                        }
                        total += s
                        let mean = s / Double(c)
                        means[i] = mean
                        let inverse = 1 / Double(c - 1)
                        for t in start..<end {
                          let x = v[t]
                          let y = x - origin
                          let z = (s - x) * inverse - origin
                          let g = Int(r[t])
                          loo[g].xx += y * y
                          loo[g].y += z
                          loo[g].yy += z * z
                          loo[g].xy += y * z
                        }
                        // The item's coincidences of each pair of values, and Σ (y − ȳ)² over its
                        // values.
                        var w = 0.0
                        var rest = present
                        while rest != 0 {
                          let a = rest.trailingZeroBitCount
                          rest &= rest &- 1
                          let na = local[a]
                          pairable[a] &+= na
                          let d = origin + Double(a &- slots / 2) - mean
                          w += Double(na) * d * d
                          var other = rest
                          while other != 0 {
                            let b = other.trailingZeroBitCount
                            other &= other &- 1
                            pairs[a &* slots &+ b] += Double(na &* local[b]) * inverse
                          }
                          local[a] = 0
                        }
                        within += w
                        raters |= mask
                        if mask.nonzeroBitCount >= 2 {
                          masks[i] = mask
                          f.table.add(mask)
                        }
                      } else if c == 1 {
                        let x = v[start]
                        let g = Int(r[start])
                        counts[g] &+= 1
                        sums[g] += x
                        f.soloCounts[g] &+= 1
                        f.soloSums[g] += x
                        let b = NumericAlpha.Grid.nearest(x + shift)
                        offGrid |= (Double(b) - shift - x).bitPattern
                        let k = b &- base &+ slots / 2
                        outside |= UInt(bitPattern: k)
                        f.solo[k & (slots - 1)] &+= 1
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    guard offGrid == 0 && outside < UInt(slots) else { return nil }
    return f
  }
}
