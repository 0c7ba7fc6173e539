import Foundation

/// Multinomial logistic regression with an L2 penalty on the weights (not the intercepts), fitted
/// by L-BFGS: minimizes Σᵢ wᵢ·CEᵢ + ‖W‖² / (2C), scikit-learn's `LogisticRegression` objective
/// (lbfgs, multinomial) with sample weights wᵢ.
struct LogisticRegression {
  /// `classes × features` weights, row-major.
  var weights: [Double]
  var intercepts: [Double]
  let features: Int
  let classes: Int

  /// Fits on `x` (`n × features`, row-major) with labels in `0..<classes`; `sampleWeights` nil: 1.
  /// The objective is divided by Σ wᵢ (same minimizer, scale-free tolerance); stops when every
  /// gradient entry is below `tolerance` or after `maxIterations`.
  static func fit(
    x: [Double], labels: [Int], features: Int, classes: Int, sampleWeights: [Double]? = nil, c: Double = 1,
    tolerance: Double = 1e-10, maxIterations: Int = 1000
  ) -> LogisticRegression {
    let n = labels.count
    let weights = sampleWeights ?? [Double](repeating: 1, count: n)
    let total = max(weights.reduce(0, +), 1e-300)
    let wCount = classes * features
    var logits = [Double](repeating: 0, count: n * classes)
    // θ = [W (classes × features), b (classes)]; value and gradient of the scaled objective.
    func objective(_ theta: UnsafePointer<Double>, _ grad: UnsafeMutablePointer<Double>) -> Double {
      var value = 0.0
      logits.withUnsafeMutableBufferPointer { z in
        let z = z.baseAddress!
        x.withUnsafeBufferPointer { xp in
          // z = X·Wᵀ + b, then z ← wᵢ·(softmax(z) − onehot) / total.
          Double.gemm(false, true, n, classes, features, 1, xp.baseAddress!, features, theta, features, 0, z, classes)
          for i in 0..<n {
            let row = z + i * classes
            var top = -Double.infinity
            for k in 0..<classes {
              row[k] += theta[wCount + k]
              top = max(top, row[k])
            }
            var sum = 0.0
            for k in 0..<classes {
              row[k] = Foundation.exp(row[k] - top)
              sum += row[k]
            }
            let w = weights[i] / total
            value += w * (Foundation.log(sum) - Foundation.log(row[labels[i]]))
            for k in 0..<classes { row[k] = w * (row[k] / sum - (k == labels[i] ? 1 : 0)) }
          }
          // ∂/∂W = Zᵀ·X, ∂/∂b = column sums of Z.
          Double.gemm(true, false, classes, features, n, 1, z, classes, xp.baseAddress!, features, 0, grad, features)
          for k in 0..<classes { grad[wCount + k] = 0 }
          Double.addColumnSums(z, rows: n, columns: classes, ld: classes, into: grad + wCount)
        }
      }
      let penalty = 1 / (c * total)
      for j in 0..<wCount {
        value += 0.5 * penalty * theta[j] * theta[j]
        grad[j] += penalty * theta[j]
      }
      return value
    }
    let theta = minimizeLBFGS(
      dimension: wCount + classes, objective, tolerance: tolerance, maxIterations: maxIterations)
    return LogisticRegression(
      weights: Array(theta[0..<wCount]), intercepts: Array(theta[wCount...]), features: features, classes: classes)
  }

  /// Class posteriors of one sample.
  func posteriors(_ sample: ArraySlice<Double>) -> [Double] {
    let base = sample.startIndex
    var z = (0..<classes).map { k in
      intercepts[k] + (0..<features).reduce(0) { $0 + weights[k * features + $1] * sample[base + $1] }
    }
    let top = z.max()!
    for k in z.indices { z[k] = exp(z[k] - top) }
    let sum = z.reduce(0, +)
    return z.map { $0 / sum }
  }
}

/// L-BFGS (memory 10) with a backtracking line search (Armijo condition) from 0: the minimizer of
/// a smooth convex function given as value-and-gradient, stopping when every gradient entry is
/// below `tolerance`, the line search cannot decrease the value, or after `maxIterations`.
func minimizeLBFGS(
  dimension d: Int, _ f: (UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Double, tolerance: Double,
  maxIterations: Int
) -> [Double] {
  let memory = 10
  var x = [Double](repeating: 0, count: d)
  var grad = [Double](repeating: 0, count: d)
  var next = x
  var nextGrad = grad
  var direction = x
  var steps: [[Double]] = []
  var changes: [[Double]] = []
  var rho: [Double] = []
  var alphas = [Double](repeating: 0, count: memory)
  func dot(_ a: [Double], _ b: [Double]) -> Double {
    var s = 0.0
    for j in 0..<d { s += a[j] * b[j] }
    return s
  }
  var value = f(x, &grad)
  for _ in 0..<maxIterations {
    if grad.allSatisfy({ abs($0) < tolerance }) { break }
    // Two-loop recursion: direction = −H·grad.
    for j in 0..<d { direction[j] = grad[j] }
    for i in stride(from: steps.count - 1, through: 0, by: -1) {
      alphas[i] = rho[i] * dot(steps[i], direction)
      for j in 0..<d { direction[j] -= alphas[i] * changes[i][j] }
    }
    if let s = steps.last, let y = changes.last {
      let gamma = dot(s, y) / dot(y, y)
      for j in 0..<d { direction[j] *= gamma }
    }
    for i in 0..<steps.count {
      let beta = rho[i] * dot(changes[i], direction)
      for j in 0..<d { direction[j] += steps[i][j] * (alphas[i] - beta) }
    }
    for j in 0..<d { direction[j] = -direction[j] }
    var slope = dot(direction, grad)
    if slope >= 0 {  // not a descent direction: restart from steepest descent
      for j in 0..<d { direction[j] = -grad[j] }
      slope = dot(direction, grad)
      steps = []
      changes = []
      rho = []
    }
    var t = steps.isEmpty ? min(1, 1 / max(grad.map(abs).max()!, 1e-300)) : 1
    var nextValue = value
    var accepted = false
    for _ in 0..<60 {
      for j in 0..<d { next[j] = x[j] + t * direction[j] }
      nextValue = f(next, &nextGrad)
      if nextValue <= value + 1e-4 * t * slope {
        accepted = true
        break
      }
      t /= 2
    }
    if !accepted { break }
    let s = (0..<d).map { next[$0] - x[$0] }
    let y = (0..<d).map { nextGrad[$0] - grad[$0] }
    let sy = dot(s, y)
    if sy > 1e-300 {
      steps.append(s)
      changes.append(y)
      rho.append(1 / sy)
      if steps.count > memory {
        steps.removeFirst()
        changes.removeFirst()
        rho.removeFirst()
      }
    }
    swap(&x, &next)
    swap(&grad, &nextGrad)
    value = nextValue
  }
  return x
}
