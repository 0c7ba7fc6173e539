/// Conger's kappa (Conger 1980): Fleiss' observed agreement with chance agreement from each
/// rater's own category distribution; needs rater identity.
public enum CongerKappa {
  /// Conger's kappa and its standard error as irrCAC's `conger.kappa.raw` computes them (nominal).
  ///
  /// Raters g = 1..R (those with at least one rating), p_gk = share of rater g's ratings in k,
  /// p̄_k = mean over raters, s²_k = sample variance of p_gk over raters;
  /// p_e = Σ_k (p̄_k² − s²_k / R); p_a as Fleiss'. The variance is Gwet's linearization over the N
  /// items with a rating, with irrCAC's per-item chance term
  /// p_e|i = Σ_g λ_ig / (R(R − 1)), λ_ig = Σ_k (N/n_g)(δ_igk − (ε_ig − n_g/N) p_gk)(R p̄_k − p_gk)
  /// (δ: rater g put item i in k; ε: rater g rated item i; n_g: rater g's ratings), evaluated in
  /// O(ratings · q): a rater who did not rate the item contributes the constant Σ_k p_gk(R p̄_k − p_gk).
  /// nil without rater identity; value nil (no items) or a degenerate value as the other
  /// coefficients; with fewer than two raters value nil.
  public static func estimate(_ table: RatingTable) -> CoefficientEstimate? {
    guard let assignments = table.raters else { return nil }
    let q = table.categories.count
    let nItems = table.itemCount
    // Raters with at least one rating, renumbered.
    var perRater = [Int](repeating: 0, count: assignments.names.count * q)
    for r in 0..<assignments.count {
      perRater[Int(assignments.rater[r]) * q + Int(assignments.category[r])] += 1
    }
    var active: [Int] = []
    var ratingsOf: [Int] = []
    for g in 0..<assignments.names.count {
      var total = 0
      for k in 0..<q { total += perRater[g * q + k] }
      if total > 0 {
        active.append(g)
        ratingsOf.append(total)
      }
    }
    let R = active.count
    // Observed agreement over items with two ratings, as the count coefficients.
    var rated = 0
    var paired = 0
    var ratingsPaired = 0
    var sumP = 0.0
    var itemP = [Double](repeating: 0, count: nItems)
    var itemRatings = [Int](repeating: 0, count: nItems)
    for i in 0..<nItems {
      var r = 0
      var same = 0
      for k in 0..<q {
        let c = Int(table.counts[i * q + k])
        r += c
        same += c * (c - 1)
      }
      itemRatings[i] = r
      guard r > 0 else { continue }
      rated += 1
      guard r >= 2 else { continue }
      paired += 1
      ratingsPaired += r
      itemP[i] = Double(same) / Double(r * (r - 1))
      sumP += itemP[i]
    }
    guard paired > 0 else { return .empty }
    guard R >= 2 else { return CoefficientEstimate(value: nil, items: paired, ratings: ratingsPaired) }

    let pa = sumP / Double(paired)
    let Rd = Double(R)
    var share = [Double](repeating: 0, count: R * q)  // p_gk, active raters
    var meanShare = [Double](repeating: 0, count: q)
    for (a, g) in active.enumerated() {
      for k in 0..<q {
        share[a * q + k] = Double(perRater[g * q + k]) / Double(ratingsOf[a])
        meanShare[k] += share[a * q + k] / Rd
      }
    }
    var pe = 0.0
    for k in 0..<q {
      var squares = 0.0
      for a in 0..<R { squares += share[a * q + k] * share[a * q + k] }
      let variance = (squares - Rd * meanShare[k] * meanShare[k]) / (Rd - 1)
      pe += meanShare[k] * meanShare[k] - variance / Rd
    }

    let N = Double(rated)
    return CoefficientEstimate.chanceCorrected(
      pa: pa, pe: pe,
      variance: {
        let kappa = (pa - pe) / (1 - pe)
        // Constant term of each rater, and the per-rating adjustment table (rater × category).
        var missingTerm = [Double](repeating: 0, count: R)
        for a in 0..<R {
          for k in 0..<q { missingTerm[a] += share[a * q + k] * (Rd * meanShare[k] - share[a * q + k]) }
        }
        let allMissing = missingTerm.reduce(0, +)
        var adjustment = [Double](repeating: 0, count: R * q)
        for a in 0..<R {
          let factor = N / Double(ratingsOf[a])
          for c in 0..<q {
            adjustment[a * q + c] = factor * ((Rd * meanShare[c] - share[a * q + c]) - missingTerm[a])
          }
        }
        var activeIndex = [Int](repeating: -1, count: assignments.names.count)
        for (a, g) in active.enumerated() { activeIndex[g] = a }
        let scale = N / Double(paired)
        var ss = 0.0
        for i in 0..<nItems where itemRatings[i] > 0 {
          var lambda = allMissing
          for r in Int(assignments.offsets[i])..<Int(assignments.offsets[i + 1]) {
            lambda += adjustment[activeIndex[Int(assignments.rater[r])] * q + Int(assignments.category[r])]
          }
          let peItem = lambda / (Rd * (Rd - 1))
          let pairedIndicator = itemRatings[i] >= 2 ? 1.0 : 0
          let d =
            scale * (itemP[i] - pe * pairedIndicator) / (1 - pe) - 2 * (1 - kappa) * (peItem - pe) / (1 - pe)
            - kappa
          ss += d * d
        }
        return ss / (N * (N - 1))
      }, n: rated, items: paired, ratings: ratingsPaired)
  }
}
