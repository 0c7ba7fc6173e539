/// The regression loss: 1 − CCC per dimension on a batch, Lin's concordance correlation
/// coefficient of predictions x and targets y over the samples that have a target,
///
///   CCC = 2·cov(x, y) / (var x + var y + (mean x − mean y)²),
///
/// with population (biased, 1/n) moments over the batch. The loss of a batch is
/// Σ_d w_d·(1 − CCC_d); its gradient with respect to prediction xᵢ of dimension d is
/// −w_d·∂CCC_d/∂xᵢ = −w_d·(2(yᵢ − ȳ)·D − N·2(xᵢ − ȳ)) / (n·D²), N = 2·cov, D the denominator.
/// A dimension with fewer than 2 targets in the batch, or a zero denominator, adds nothing.
enum ConcordanceLoss {
  /// `predictions` and `targets` are `batch × dimensions` row-major; a NaN target is missing.
  /// Writes ∂loss/∂prediction into `gradient` (0 where the target is missing) and returns the loss.
  static func loss<S: TrainerScalar>(
    predictions: UnsafePointer<S>, targets: [S], batch: Int, dimensions: Int, weights: [Double],
    gradient: UnsafeMutablePointer<S>
  ) -> Double {
    gradient.update(repeating: 0, count: batch * dimensions)
    var total = 0.0
    for d in 0..<dimensions {
      let rows = (0..<batch).filter { !targets[$0 * dimensions + d].isNaN }
      guard rows.count >= 2 else { continue }
      let x = rows.map { Double(predictions[$0 * dimensions + d]) }
      let y = rows.map { Double(targets[$0 * dimensions + d]) }
      let m = concordanceMoments(x, y)
      guard m.denominator > 1e-300 else { continue }
      total += weights[d] * (1 - m.ccc)
      let n = Double(rows.count)
      let numerator = 2 * m.covariance
      for (k, row) in rows.enumerated() {
        let dNumerator = 2 * (y[k] - m.meanY) / n
        let dDenominator = 2 * (x[k] - m.meanY) / n
        let dCCC = (dNumerator * m.denominator - numerator * dDenominator) / (m.denominator * m.denominator)
        gradient[row * dimensions + d] = S(-weights[d] * dCCC)
      }
    }
    return total
  }
}

/// Population moments of paired values and the concordance built from them.
struct ConcordanceMoments {
  var meanX: Double
  var meanY: Double
  var varianceX: Double
  var varianceY: Double
  var covariance: Double
  /// var x + var y + (mean x − mean y)².
  var denominator: Double { varianceX + varianceY + (meanX - meanY) * (meanX - meanY) }
  /// Lin's CCC; 0 when the denominator is 0.
  var ccc: Double { denominator > 0 ? 2 * covariance / denominator : 0 }
}

/// Means, population variances and covariance of `x` and `y` (same count, at least 1).
func concordanceMoments(_ x: [Double], _ y: [Double]) -> ConcordanceMoments {
  let n = Double(x.count)
  let mx = x.reduce(0, +) / n
  let my = y.reduce(0, +) / n
  var sxx = 0.0
  var syy = 0.0
  var sxy = 0.0
  for i in x.indices {
    sxx += (x[i] - mx) * (x[i] - mx)
    syy += (y[i] - my) * (y[i] - my)
    sxy += (x[i] - mx) * (y[i] - my)
  }
  return ConcordanceMoments(meanX: mx, meanY: my, varianceX: sxx / n, varianceY: syy / n, covariance: sxy / n)
}
