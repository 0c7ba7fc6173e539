/// Ridge regression with an unpenalized intercept: minimizes Σᵢ (yᵢ − b − w·xᵢ)² + α‖w‖², which
/// is scikit-learn's `Ridge(alpha=α)` (fit_intercept): w = (XcᵀXc + αI)⁻¹ Xcᵀ(y − ȳ) on the
/// centered inputs Xc, b = ȳ − w·x̄. Solved by a Cholesky factorization (the matrix is positive
/// definite for α > 0).
struct RidgeRegression {
  var weights: [Double]
  var intercept: Double

  /// Fits on `x` (rows of `features` values) and `y`; an empty input gives a zero model.
  static func fit(x: [[Double]], y: [Double], alpha: Double = 1) -> RidgeRegression {
    let d = x.first?.count ?? 0
    guard !x.isEmpty else { return RidgeRegression(weights: [Double](repeating: 0, count: d), intercept: 0) }
    let n = Double(x.count)
    let xMean = (0..<d).map { j in x.reduce(0) { $0 + $1[j] } / n }
    let yMean = y.reduce(0, +) / n
    var a = [Double](repeating: 0, count: d * d)
    var b = [Double](repeating: 0, count: d)
    for (row, target) in zip(x, y) {
      let c = (0..<d).map { row[$0] - xMean[$0] }
      for i in 0..<d {
        b[i] += c[i] * (target - yMean)
        for j in 0...i { a[i * d + j] += c[i] * c[j] }
      }
    }
    for i in 0..<d {
      a[i * d + i] += alpha
      for j in 0..<i { a[j * d + i] = a[i * d + j] }
    }
    let w = choleskySolve(a, b, dimension: d)
    let intercept = yMean - (0..<d).reduce(0) { $0 + w[$1] * xMean[$1] }
    return RidgeRegression(weights: w, intercept: intercept)
  }

  func predict(_ row: [Double]) -> Double {
    intercept + weights.indices.reduce(0) { $0 + weights[$1] * row[$1] }
  }
}

/// Solves A·x = b for a symmetric positive definite `dimension × dimension` A (row-major).
func choleskySolve(_ a: [Double], _ b: [Double], dimension d: Int) -> [Double] {
  var l = [Double](repeating: 0, count: d * d)
  for i in 0..<d {
    for j in 0...i {
      var sum = a[i * d + j]
      for k in 0..<j { sum -= l[i * d + k] * l[j * d + k] }
      if i == j {
        l[i * d + i] = max(sum, 1e-300).squareRoot()
      } else {
        l[i * d + j] = sum / l[j * d + j]
      }
    }
  }
  var z = [Double](repeating: 0, count: d)
  for i in 0..<d {
    var sum = b[i]
    for k in 0..<i { sum -= l[i * d + k] * z[k] }
    z[i] = sum / l[i * d + i]
  }
  var x = [Double](repeating: 0, count: d)
  for i in stride(from: d - 1, through: 0, by: -1) {
    var sum = z[i]
    for k in (i + 1)..<d { sum -= l[k * d + i] * x[k] }
    x[i] = sum / l[i * d + i]
  }
  return x
}
