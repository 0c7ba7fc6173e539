/// Scott's pi (Scott 1955) of two raters: chance agreement from their pooled category shares.
public enum ScottPi {
  /// Scott's pi and its standard error on the items both raters rated, as irrCAC's
  /// `scott2.table` computes them from the two raters' contingency table (nominal).
  ///
  /// p_kl = share of items rater 1 put in k and rater 2 in l, π_k = (p_k. + p_.k)/2,
  /// p_a = Σ p_kk, p_e = Σ π_k², π = (p_a − p_e)/(1 − p_e);
  /// Var = [Σ_kl p_kl ([k = l] − (1 − π)(π_k + π_l))² − (p_a − 2(1 − π)p_e)²] / (n(1 − p_e)²),
  /// interval with t(0.975, n − 1). Defined for exactly two raters: nil without rater identity or
  /// with another number of raters (with more, Fleiss' kappa is its generalization).
  public static func estimate(_ table: RatingTable) -> CoefficientEstimate? {
    guard let assignments = table.raters else { return nil }
    var used = Set<Int32>()
    for r in assignments.rater { used.insert(r) }
    guard used.count == 2 else { return nil }
    let first = used.min()!
    let q = table.categories.count
    var cells = [Int](repeating: 0, count: q * q)
    var n = 0
    for i in 0..<assignments.itemCount {
      let start = Int(assignments.offsets[i])
      let end = Int(assignments.offsets[i + 1])
      guard end - start == 2 else { continue }
      let (a, b) =
        assignments.rater[start] == first
        ? (assignments.category[start], assignments.category[start + 1])
        : (assignments.category[start + 1], assignments.category[start])
      cells[Int(a) * q + Int(b)] += 1
      n += 1
    }
    guard n > 0 else { return .empty }
    let nd = Double(n)
    var rows = [Double](repeating: 0, count: q)
    var cols = [Double](repeating: 0, count: q)
    var pa = 0.0
    for k in 0..<q {
      for l in 0..<q {
        let p = Double(cells[k * q + l]) / nd
        rows[k] += p
        cols[l] += p
        if k == l { pa += p }
      }
    }
    let pi = (0..<q).map { (rows[$0] + cols[$0]) / 2 }
    let pe = pi.reduce(0) { $0 + $1 * $1 }
    return CoefficientEstimate.chanceCorrected(
      pa: pa, pe: pe,
      variance: {
        let scott = (pa - pe) / (1 - pe)
        var sum = 0.0
        for k in 0..<q {
          for l in 0..<q where cells[k * q + l] > 0 {
            let term = (k == l ? 1 : 0) - (1 - scott) * (pi[k] + pi[l])
            sum += Double(cells[k * q + l]) / nd * term * term
          }
        }
        let centre = pa - 2 * (1 - scott) * pe
        return (sum - centre * centre) / (nd * (1 - pe) * (1 - pe))
      }, n: n, items: n, ratings: 2 * n)
  }
}
