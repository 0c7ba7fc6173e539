/// Pearson's correlation coefficient.
public enum Pearson {
  /// r of paired values; nil with fewer than two pairs or when either side has no variance.
  public static func r(_ x: [Double], _ y: [Double]) -> Double? {
    precondition(x.count == y.count, "unpaired values")
    var acc = PearsonSums()
    for i in x.indices { acc.add(x[i], y[i]) }
    return acc.r
  }
}

/// Running sums for one Pearson correlation (values shifted by a centre to keep precision).
struct PearsonSums {
  var n = 0.0
  var sx = 0.0
  var sy = 0.0
  var sxx = 0.0
  var syy = 0.0
  var sxy = 0.0

  @inline(__always) mutating func add(_ x: Double, _ y: Double) {
    n += 1
    sx += x
    sy += y
    sxx += x * x
    syy += y * y
    sxy += x * y
  }

  var r: Double? {
    guard n >= 2 else { return nil }
    let vx = sxx - sx * sx / n
    let vy = syy - sy * sy / n
    let scale = max(sxx, syy, 1e-300)
    guard vx > 1e-12 * scale, vy > 1e-12 * scale else { return nil }
    return max(-1, min(1, (sxy - sx * sy / n) / (vx * vy).squareRoot()))
  }
}

/// One rater's numeric diagnostics.
public struct NumericRaterDiagnostic: Sendable, Hashable {
  public var rater: Int
  /// Ratings given.
  public var items: Int
  /// Mean rating.
  public var mean: Double?
  /// Mean of (own rating − mean of the other raters of that item) over items others also rated.
  public var bias: Double?
  /// Items rated by this rater and at least one other.
  public var sharedItems: Int
  /// Leave-one-out Pearson r between this rater's ratings and the mean of the other raters.
  public var r: Double?
  /// (r − raters' mean r) / raters' sd; nil when the rater is not eligible.
  public var z: Double?
  /// r at least 2 standard deviations below the raters' mean.
  public var flag: Bool
}

/// The flag rule over the eligible raters.
public struct NumericRaterSummary: Sendable, Hashable {
  public var raters: Int
  /// Raters with an r on at least `minimumItems` shared items.
  public var eligible: Int
  public var mean: Double?
  public var sd: Double?
  /// mean − 2·sd: a rater at or below it is flagged.
  public var threshold: Double?
  public var flagged: Int
  public var minimumItems: Int
}

/// Per-rater diagnostics of numeric ratings: bias and leave-one-out correlation with the others.
public enum NumericRaterDiagnostics {
  /// Every rater 0 ..< m.raterCount that gave a rating, in rater order; a rater takes part in the
  /// flag rule with r computed on at least `minimumItems` shared items (sample sd over them; a
  /// rater whose r is at or below mean − 2 sd is flagged).
  public static func run(_ m: NumericRatings, minimumItems: Int = 10) -> ([NumericRaterDiagnostic], NumericRaterSummary)
  {
    let R = m.raterCount
    var counts = [Int](repeating: 0, count: R)
    var sums = [Double](repeating: 0, count: R)
    var biasSums = [Double](repeating: 0, count: R)
    var pearson = [PearsonSums](repeating: PearsonSums(), count: R)
    var center = 0.0
    for x in m.values { center += x }
    center = m.count > 0 ? center / Double(m.count) : 0
    m.offsets.withUnsafeBufferPointer { o in
      m.raters.withUnsafeBufferPointer { r in
        m.values.withUnsafeBufferPointer { v in
          counts.withUnsafeMutableBufferPointer { counts in
            sums.withUnsafeMutableBufferPointer { sums in
              biasSums.withUnsafeMutableBufferPointer { biasSums in
                pearson.withUnsafeMutableBufferPointer { pearson in
                  for i in 0..<m.itemCount {
                    let lo = o[i]
                    let hi = o[i + 1]
                    var s = 0.0
                    for t in lo..<hi { s += v[t] }
                    let c = hi - lo
                    for t in lo..<hi {
                      let g = Int(r[t])
                      let x = v[t]
                      counts[g] += 1
                      sums[g] += x
                      guard c >= 2 else { continue }
                      let others = (s - x) / Double(c - 1)
                      biasSums[g] += x - others
                      pearson[g].add(x - center, others - center)
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    return finish(
      counts: counts, sums: sums, biasSums: biasSums, pearson: pearson, minimumItems: minimumItems)
  }

  /// The diagnostics and the flag rule from each rater's ratings, sum, bias sum and Pearson sums
  /// (`DimensionPasses` computes them with its other sums).
  static func finish(
    counts: [Int], sums: [Double], biasSums: [Double], pearson: [PearsonSums], minimumItems: Int
  ) -> ([NumericRaterDiagnostic], NumericRaterSummary) {
    let R = counts.count
    var diagnostics: [NumericRaterDiagnostic] = []
    for g in 0..<R where counts[g] > 0 {
      let shared = Int(pearson[g].n)
      diagnostics.append(
        NumericRaterDiagnostic(
          rater: g, items: counts[g], mean: sums[g] / Double(counts[g]),
          bias: shared > 0 ? biasSums[g] / Double(shared) : nil, sharedItems: shared, r: pearson[g].r, z: nil,
          flag: false))
    }
    let eligible = diagnostics.indices.filter {
      diagnostics[$0].r != nil && diagnostics[$0].sharedItems >= minimumItems
    }
    var summary = NumericRaterSummary(
      raters: diagnostics.count, eligible: eligible.count, mean: nil, sd: nil, threshold: nil, flagged: 0,
      minimumItems: minimumItems)
    if let rule = RaterFlagRule.apply(eligible.map { diagnostics[$0].r! }) {
      summary.mean = rule.mean
      summary.sd = rule.sd
      summary.threshold = rule.threshold
      for (k, g) in eligible.enumerated() {
        diagnostics[g].z = rule.z[k]
        diagnostics[g].flag = rule.flagged[k]
      }
      summary.flagged = rule.flagged.filter { $0 }.count
    }
    return (diagnostics, summary)
  }
}
