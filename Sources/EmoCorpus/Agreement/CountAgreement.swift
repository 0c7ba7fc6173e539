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
/// table (integer counts; no per-item allocation).
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
  public static func estimate(_ table: RatingTable) -> CountCoefficients {
    let q = table.categories.count
    return table.counts.withUnsafeBufferPointer { counts in
      estimate(counts: counts, items: table.itemCount, categories: q)
    }
  }

  static func estimate(counts: UnsafeBufferPointer<Int32>, items: Int, categories q: Int) -> CountCoefficients {
    // Pass 1: sizes, observed agreement, category shares.
    var rated = 0  // N
    var paired = 0  // n₂
    var ratingsPaired = 0
    var sumP = 0.0
    var sumAlpha = 0.0  // Σ S_i / (r_i − 1) over paired items
    var pooled = [Double](repeating: 0, count: q)  // Σ n_ik over paired items
    var perItemShare = [Double](repeating: 0, count: q)  // Σ n_ik / r_i over rated items
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
      rated += 1
      let inverse = 1 / Double(r)
      for k in 0..<q { perItemShare[k] += Double(row[k]) * inverse }
      guard r >= 2 else { continue }
      paired += 1
      ratingsPaired += r
      sumP += Double(same) / Double(r * (r - 1))
      sumAlpha += Double(same) / Double(r - 1)
      for k in 0..<q { pooled[k] += Double(row[k]) }
    }
    guard paired > 0 else {
      return CountCoefficients(
        percentAgreement: .empty, fleiss: .empty, fleissIrrCAC: .empty, krippendorff: .empty, gwet: .empty,
        brennanPrediger: .empty)
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

    // Pass 2: squared deviations of the per-item linearized terms.
    var ssPA = 0.0
    var ssBP = 0.0
    var ssAC1 = 0.0
    var ssFleiss = 0.0
    var ssAlpha = 0.0
    var ssIrr = 0.0
    let gwetFactor = q >= 2 ? 1 / Double(q - 1) : 0
    for i in 0..<items {
      let row = counts.baseAddress! + i &* q
      var r = 0
      var same = 0
      var dotPooled = 0.0
      var dotPi = 0.0
      for k in 0..<q {
        let c = Int(row[k])
        r &+= c
        same &+= c &* (c &- 1)
        dotPooled += Double(c) * p[k]
        dotPi += Double(c) * pi[k]
      }
      guard r > 0 else { continue }
      let Pi = r >= 2 ? Double(same) / Double(r * (r - 1)) : 0
      let pairedIndicator = r >= 2 ? 1.0 : 0

      let dPA = scale * Pi - pa
      ssPA += dPA * dPA
      let dBP = scale * (Pi - peBP * pairedIndicator) / (1 - peBP) - bp
      ssBP += dBP * dBP
      let peItemGwet = gwetFactor * (1 - dotPi / Double(r))
      let dAC1 =
        scale * (Pi - peGwet * pairedIndicator) / (1 - peGwet) - 2 * (1 - ac1) * (peItemGwet - peGwet)
        / (1 - peGwet) - ac1
      ssAC1 += dAC1 * dAC1
      let peItemIrr = dotPi / Double(r)
      let dIrr =
        scale * (Pi - peMeanShares * pairedIndicator) / (1 - peMeanShares) - 2 * (1 - kappaIrr)
        * (peItemIrr - peMeanShares) / (1 - peMeanShares) - kappaIrr
      ssIrr += dIrr * dIrr

      guard r >= 2 else { continue }
      let rd = Double(r)
      let peItem = dotPooled / rMean - peFleiss * (rd - rMean) / rMean
      let dF = (Pi - pa) / (1 - peFleiss) - 2 * (1 - kappa) * (peItem - peFleiss) / (1 - peFleiss)
      ssFleiss += dF * dF
      let paItem = Double(same) / (rMean * (rd - 1)) - paAlpha * (rd - rMean) / rMean
      let dA =
        (paItem - peFleiss) / (1 - peFleiss) - 2 * (1 - alphaPrime) * (peItem - peFleiss) / (1 - peFleiss)
        - alphaPrime
      ssAlpha += dA * dA
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
    return CountCoefficients(
      percentAgreement: percent, fleiss: fleiss, fleissIrrCAC: fleissIrrCAC, krippendorff: krippendorff, gwet: gwet,
      brennanPrediger: brennanPrediger)
  }
}
