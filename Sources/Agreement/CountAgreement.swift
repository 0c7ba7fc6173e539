/// The coefficients defined from an items × categories table of counts alone (no rater identity):
/// percent agreement, Fleiss' kappa, Krippendorff's alpha, Gwet's AC1 and Brennan–Prediger.
public struct CountCoefficients: Sendable, Hashable {
  public var percentAgreement: CoefficientEstimate
  public var fleiss: CoefficientEstimate
  /// Fleiss' kappa as irrCAC's `fleiss.kappa.raw` computes it: chance from the mean per-item
  /// shares over every rated item (single-rated ones included). Equal to `fleiss` when every item
  /// has the same number of ratings.
  public var fleissIrrCAC: CoefficientEstimate
  public var krippendorff: CoefficientEstimate
  public var gwet: CoefficientEstimate
  public var brennanPrediger: CoefficientEstimate
}

/// Nominal agreement coefficients and their standard errors from counts, in two passes over the
/// table (the first in integers only; no per-item allocation or division).
///
/// Notation: item i has n_ik ratings in category k, r_i = Σ_k n_ik; N items have r_i ≥ 1 (items
/// without a rating take no part), n₂ of them r_i ≥ 2; q categories; P_i = Σ_k n_ik(n_ik − 1) /
/// (r_i(r_i − 1)).
/// - Percent agreement p_a = mean of P_i over the n₂ items (irrCAC `pa.coeff.raw`).
/// - Fleiss' kappa over the n₂ items: P̄ = p_a, p_k = Σ n_ik / Σ r_i pooled over their ratings,
///   P_e = Σ p_k², κ = (P̄ − P_e)/(1 − P_e) (Fleiss 1971 when r_i is constant; with unequal r_i this
///   pooled form; `fleissIrrCAC` is irrCAC's, chance Σ π_k² from AC1's π_k below).
/// - Krippendorff's alpha (nominal) as irrCAC computes it, which equals the coincidence-matrix α.
/// - Gwet's AC1: π_k = mean over the N items of n_ik / r_i, p_e = Σ π_k(1 − π_k)/(q − 1).
/// - Brennan–Prediger: p_e = 1/q.
/// Standard errors: Gwet's linearized variance Σ(κ*_i − κ)²/(n(n − 1)) with irrCAC's per-item terms
/// (`*.raw` of the Python port `irrcac` 0.4.4; for Fleiss the same linearization of the pooled
/// estimator, equal to irrCAC's when r_i is constant); n is N for percent agreement, AC1 and
/// Brennan–Prediger, n₂ for Fleiss and alpha; intervals use t(0.975, n − 1). Tolerance: double
/// rounding only.
public enum CountAgreement {
  public static func estimate(_ table: RatingTable) -> CountCoefficients { analyze(table).0 }

  /// The coefficients and the per-category breakdown in the same two passes over the table.
  public static func analyze(_ table: RatingTable) -> (CountCoefficients, CategoryBreakdown) {
    table.counts.withUnsafeBufferPointer { counts in
      analyze(counts: counts, items: table.itemCount, categories: table.categories)
    }
  }

  static func analyze(counts: UnsafeBufferPointer<Int32>, items: Int, categories: [String]) -> (
    CountCoefficients, CategoryBreakdown
  ) {
    let q = categories.count
    // Pass 1, integers only: per number of ratings r, the items, Σ S_i (S_i = Σ_k n_ik(n_ik − 1)),
    // Σ n_ik and Σ n_ik²; every rate below is a sum over r of these divided once.
    let stride = 2 * q + 2
    var byR = RatingsByCount(stride: stride)
    defer { byR.release() }
    for i in 0..<items {
      let row = counts.baseAddress! + i &* q
      var r = 0
      var same = 0
      for k in 0..<q {
        let c = Int(row[k])
        r &+= c
        same &+= c &* (c &- 1)
      }
      guard r > 0 else { continue }
      let slot = byR.slot(r)
      slot[0] &+= 1
      slot[1] &+= same
      for k in 0..<q {
        let c = Int(row[k])
        slot[2 &+ k] &+= c
        slot[2 &+ q &+ k] &+= c &* c
      }
    }
    var rated = 0  // N
    var paired = 0  // n₂
    var ratingsPaired = 0
    var sumP = 0.0
    var sumAlpha = 0.0  // Σ S_i / (r_i − 1) over paired items
    var pooled = [Double](repeating: 0, count: q)  // Σ n_ik over paired items
    var perItemShare = [Double](repeating: 0, count: q)  // Σ n_ik / r_i over rated items
    for r in 1..<byR.capacity {
      let slot = byR.slot(r)
      let n = slot[0]
      guard n > 0 else { continue }
      rated += n
      for k in 0..<q { perItemShare[k] += Double(slot[2 + k]) / Double(r) }
      guard r >= 2 else { continue }
      paired += n
      ratingsPaired += n * r
      sumP += Double(slot[1]) / Double(r * (r - 1))
      sumAlpha += Double(slot[1]) / Double(r - 1)
      for k in 0..<q { pooled[k] += Double(slot[2 + k]) }
    }
    var categoryRatings = [Int](repeating: 0, count: q)
    var categoryPairs = [Int](repeating: 0, count: q)
    var categoryInvolving = [Int](repeating: 0, count: q)
    for r in 1..<byR.capacity {
      let slot = byR.slot(r)
      for k in 0..<q {
        categoryRatings[k] += slot[2 + k]
        categoryPairs[k] += (slot[2 + q + k] - slot[2 + k]) / 2
        categoryInvolving[k] += slot[2 + k] * (r - 1)
      }
    }

    let N = Double(rated)
    let n2 = Double(paired)
    let pa = sumP / n2
    let rMean = Double(ratingsPaired) / n2
    let p = pooled.map { $0 / Double(ratingsPaired) }  // pooled shares (Fleiss, alpha)
    let peFleiss = p.reduce(0) { $0 + $1 * $1 }
    let epsilon = 1 / Double(ratingsPaired)
    let paPrime = sumAlpha / (n2 * rMean)
    let paAlpha = (1 - epsilon) * paPrime + epsilon
    let pi = perItemShare.map { $0 / N }  // mean per-item shares (AC1)
    let peGwet = q >= 2 ? pi.reduce(0) { $0 + $1 * (1 - $1) } / Double(q - 1) : 1
    let peBP = q >= 2 ? 1 / Double(q) : 1
    let peMeanShares = pi.reduce(0) { $0 + $1 * $1 }

    let kappa = (pa - peFleiss) / (1 - peFleiss)
    let alphaPrime = (paPrime - peFleiss) / (1 - peFleiss)
    let ac1 = (pa - peGwet) / (1 - peGwet)
    let kappaIrr = (pa - peMeanShares) / (1 - peMeanShares)
    let bp = (pa - peBP) / (1 - peBP)
    let scale = N / n2

    // Each item's linearized term κ*_i − κ is affine in P_i, u_i = Σ_k n_ik π_k / r_i,
    // d_i = Σ_k n_ik p_k, r_i and S_i/(r_i − 1); its coefficients are set once here (no division
    // per item, reciprocals of r from a table).
    let gwetFactor = q >= 2 ? 1 / Double(q - 1) : 0
    let bpP = scale / (1 - peBP)
    let bpC1 = -scale * peBP / (1 - peBP) - bp
    let acP = scale / (1 - peGwet)
    let acU = 2 * (1 - ac1) * gwetFactor / (1 - peGwet)
    let acC0 = -2 * (1 - ac1) * (gwetFactor - peGwet) / (1 - peGwet) - ac1
    let acC1 = acC0 - scale * peGwet / (1 - peGwet)
    let irP = scale / (1 - peMeanShares)
    let irU = -2 * (1 - kappaIrr) / (1 - peMeanShares)
    let irC0 = 2 * (1 - kappaIrr) * peMeanShares / (1 - peMeanShares) - kappaIrr
    let irC1 = irC0 - scale * peMeanShares / (1 - peMeanShares)
    let fP = 1 / (1 - peFleiss)
    let fD = -2 * (1 - kappa) / ((1 - peFleiss) * rMean)
    let fR = 2 * (1 - kappa) * peFleiss / ((1 - peFleiss) * rMean)
    let fC = -pa / (1 - peFleiss)
    let aS = 1 / ((1 - peFleiss) * rMean)
    let aD = -2 * (1 - alphaPrime) / ((1 - peFleiss) * rMean)
    let aR = -paAlpha / ((1 - peFleiss) * rMean) + 2 * (1 - alphaPrime) * peFleiss / ((1 - peFleiss) * rMean)
    let aC = (paAlpha - peFleiss) / (1 - peFleiss) - alphaPrime
    var inverse = [Double](repeating: 0, count: byR.capacity)  // 1/r
    var inversePairs = [Double](repeating: 0, count: byR.capacity)  // 1/(r(r − 1))
    var inverseLess = [Double](repeating: 0, count: byR.capacity)  // 1/(r − 1)
    for r in 1..<byR.capacity {
      inverse[r] = 1 / Double(r)
      if r >= 2 {
        inversePairs[r] = 1 / Double(r * (r - 1))
        inverseLess[r] = 1 / Double(r - 1)
      }
    }

    // Pass 2: squared deviations of the per-item linearized terms.
    var ssPA = 0.0
    var ssBP = 0.0
    var ssAC1 = 0.0
    var ssFleiss = 0.0
    var ssAlpha = 0.0
    var ssIrr = 0.0
    var code = [Int32](repeating: -1, count: items)
    var majorityItems = [Int](repeating: 0, count: q)
    var majority = MajoritySummary(items: rated, decided: 0, ties: 0, unanimous: 0)
    code.withUnsafeMutableBufferPointer { code in
      majorityItems.withUnsafeMutableBufferPointer { majorityItems in
        p.withUnsafeBufferPointer { p in
          pi.withUnsafeBufferPointer { pi in
            inverse.withUnsafeBufferPointer { inverse in
              inversePairs.withUnsafeBufferPointer { inversePairs in
                inverseLess.withUnsafeBufferPointer { inverseLess in
                  for i in 0..<items {
                    let row = counts.baseAddress! + i &* q
                    var r = 0
                    var same = 0
                    var dotPooled = 0.0
                    var dotPi = 0.0
                    var top: Int32 = 0
                    for k in 0..<q {
                      let c = Int(row[k])
                      r &+= c
                      same &+= c &* (c &- 1)
                      dotPooled += Double(c) * p[k]
                      dotPi += Double(c) * pi[k]
                      top = max(top, row[k])
                    }
                    guard r > 0 else { continue }
                    // Majority: multiplicity and first position of the maximum, without branches
                    // (random counts would mispredict every comparison).
                    var topCount = 0
                    var leader = 0
                    for k in (0..<q).reversed() {
                      let isTop = row[k] == top
                      topCount &+= isTop ? 1 : 0
                      leader = isTop ? k : leader
                    }
                    if topCount == 1 {
                      majority.decided &+= 1
                      majorityItems[leader] &+= 1
                      code[i] = Int32(leader)
                      if r >= 2 && Int(top) == r { majority.unanimous &+= 1 }
                    } else {
                      majority.ties &+= 1
                    }
                    let u = dotPi * inverse[r]
                    guard r >= 2 else {
                      // P_i = 0 and no paired-item term.
                      ssPA += pa * pa
                      ssBP += bp * bp
                      let dAC1 = acU * u + acC0
                      ssAC1 += dAC1 * dAC1
                      let dIrr = irU * u + irC0
                      ssIrr += dIrr * dIrr
                      continue
                    }
                    let rd = Double(r)
                    let P = Double(same) * inversePairs[r]
                    let dPA = scale * P - pa
                    ssPA += dPA * dPA
                    let dBP = bpP * P + bpC1
                    ssBP += dBP * dBP
                    let dAC1 = acP * P + acU * u + acC1
                    ssAC1 += dAC1 * dAC1
                    let dIrr = irP * P + irU * u + irC1
                    ssIrr += dIrr * dIrr
                    let dF = fP * P + fD * dotPooled + fR * rd + fC
                    ssFleiss += dF * dF
                    let dA = aS * (Double(same) * inverseLess[r]) + aD * dotPooled + aR * rd + aC
                    ssAlpha += dA * dA
                  }
                }
              }
            }
          }
        }
      }
    }
    let totalRatings = categoryRatings.reduce(0, +)
    let totalPairs = categoryPairs.reduce(0, +)
    let breakdown = CategoryBreakdown(
      categories: (0..<q).map { k in
        CategoryAgreement(
          label: categories[k], ratings: categoryRatings[k],
          ratingShare: totalRatings > 0 ? Double(categoryRatings[k]) / Double(totalRatings) : 0,
          agreeingPairs: categoryPairs[k],
          agreeingPairShare: totalPairs > 0 ? Double(categoryPairs[k]) / Double(totalPairs) : 0,
          specificAgreement: categoryInvolving[k] > 0
            ? Double(2 * categoryPairs[k]) / Double(categoryInvolving[k]) : nil,
          majorityItems: majorityItems[k])
      }, majority: majority, majorityCode: code)
    guard paired > 0 else {
      let none = CountCoefficients(
        percentAgreement: .empty, fleiss: .empty, fleissIrrCAC: .empty, krippendorff: .empty, gwet: .empty,
        brennanPrediger: .empty)
      return (none, breakdown)
    }

    let allDenominator = N * (N - 1)
    let pairedDenominator = n2 * (n2 - 1)
    let (paSE, paCI) =
      q >= 2 ? CoefficientEstimate.interval(value: pa, variance: ssPA / allDenominator, n: rated) : (nil, nil)
    let percent = CoefficientEstimate(
      value: pa, se: paSE, ci95: paCI, observed: pa, chance: nil, items: paired, ratings: ratingsPaired)
    let fleiss = CoefficientEstimate.chanceCorrected(
      pa: pa, pe: peFleiss, variance: { ssFleiss / pairedDenominator }, n: paired, items: paired,
      ratings: ratingsPaired)
    let fleissIrrCAC = CoefficientEstimate.chanceCorrected(
      pa: pa, pe: peMeanShares, variance: { ssIrr / allDenominator }, n: rated, items: paired,
      ratings: ratingsPaired)
    let krippendorff = CoefficientEstimate.chanceCorrected(
      pa: paAlpha, pe: peFleiss, variance: { ssAlpha / pairedDenominator }, n: paired, items: paired,
      ratings: ratingsPaired)
    let gwet = CoefficientEstimate.chanceCorrected(
      pa: pa, pe: peGwet, variance: { ssAC1 / allDenominator }, n: rated, items: paired, ratings: ratingsPaired)
    let brennanPrediger = CoefficientEstimate.chanceCorrected(
      pa: pa, pe: peBP, variance: { ssBP / allDenominator }, n: rated, items: paired, ratings: ratingsPaired)
    let coefficients = CountCoefficients(
      percentAgreement: percent, fleiss: fleiss, fleissIrrCAC: fleissIrrCAC, krippendorff: krippendorff, gwet: gwet,
      brennanPrediger: brennanPrediger)
    return (coefficients, breakdown)
  }
}

/// Integer sums per number of ratings r (items, Σ S_i, Σ n_ik): `stride` Ints per r, grown when an
/// item has more ratings than seen so far.
struct RatingsByCount {
  let stride: Int
  private(set) var capacity: Int
  private var storage: UnsafeMutablePointer<Int>

  init(stride: Int) {
    self.stride = stride
    capacity = 16
    storage = .allocate(capacity: capacity * stride)
    storage.initialize(repeating: 0, count: capacity * stride)
  }

  /// The sums of items with `r` ratings.
  @inline(__always)
  mutating func slot(_ r: Int) -> UnsafeMutablePointer<Int> {
    if r >= capacity { grow(to: r) }
    return storage + r &* stride
  }

  private mutating func grow(to r: Int) {
    let larger = max(2 * capacity, r + 1)
    let fresh = UnsafeMutablePointer<Int>.allocate(capacity: larger * stride)
    fresh.initialize(repeating: 0, count: larger * stride)
    fresh.update(from: storage, count: capacity * stride)
    storage.deallocate()
    storage = fresh
    capacity = larger
  }

  func release() { storage.deallocate() }
}
