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
  /// Stops when the largest gradient entry is below `tolerance` or after `maxIterations`.
  static func fit(
    x: [Double], labels: [Int], features: Int, classes: Int, sampleWeights: [Double]? = nil, c: Double = 1,
    tolerance: Double = 1e-8, maxIterations: Int = 2000
  ) -> LogisticRegression {
    let n = labels.count
    let weights = sampleWeights ?? [Double](repeating: 1, count: n)
    let dim = classes * (features + 1)
    // θ = [W (classes × features), b (classes)].
    func objective(_ theta: [Double]) -> (Double, [Double]) {
      var value = 0.0
      var grad = [Double](repeating: 0, count: dim)
      var logits = [Double](repeating: 0, count: classes)
      for i in 0..<n {
        let row = i * features
        for k in 0..<classes {
          var z = theta[classes * features + k]
          let w = k * features
          for j in 0..<features { z += theta[w + j] * x[row + j] }
          logits[k] = z
        }
        let top = logits.max()!
        var sum = 0.0
        for k in 0..<classes {
          logits[k] = exp(logits[k] - top)
          sum += logits[k]
        }
        value += weights[i] * (log(sum) + top - (log(logits[labels[i]]) + top))
        for k in 0..<classes {
          let d = weights[i] * (logits[k] / sum - (k == labels[i] ? 1 : 0))
          let w = k * features
          for j in 0..<features { grad[w + j] += d * x[row + j] }
          grad[classes * features + k] += d
        }
      }
      for j in 0..<(classes * features) {
        value += theta[j] * theta[j] / (2 * c)
        grad[j] += theta[j] / c
      }
      return (value, grad)
    }
    let theta = minimizeLBFGS(
      objective, start: [Double](repeating: 0, count: dim), tolerance: tolerance,
      maxIterations: maxIterations)
    return LogisticRegression(
      weights: Array(theta[0..<(classes * features)]), intercepts: Array(theta[(classes * features)...]),
      features: features, classes: classes)
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

/// L-BFGS (memory 10) with a backtracking line search (Armijo condition): the minimizer of a
/// smooth convex function from `start`, stopping when every gradient entry is below `tolerance`.
func minimizeLBFGS(
  _ f: ([Double]) -> (Double, [Double]), start: [Double], tolerance: Double, maxIterations: Int
) -> [Double] {
  let memory = 10
  var x = start
  var (value, grad) = f(x)
  var steps: [[Double]] = []
  var changes: [[Double]] = []
  func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
  for _ in 0..<maxIterations {
    if grad.map(abs).max() ?? 0 < tolerance { break }
    // Two-loop recursion: direction = −H·grad.
    var q = grad
    var alphas = [Double](repeating: 0, count: steps.count)
    for i in stride(from: steps.count - 1, through: 0, by: -1) {
      alphas[i] = dot(steps[i], q) / dot(changes[i], steps[i])
      for j in q.indices { q[j] -= alphas[i] * changes[i][j] }
    }
    if let s = steps.last, let y = changes.last {
      let gamma = dot(s, y) / dot(y, y)
      for j in q.indices { q[j] *= gamma }
    }
    for i in 0..<steps.count {
      let beta = dot(changes[i], q) / dot(changes[i], steps[i])
      for j in q.indices { q[j] += steps[i][j] * (alphas[i] - beta) }
    }
    var direction = q.map { -$0 }
    var slope = dot(direction, grad)
    if slope >= 0 {  // not a descent direction: restart from steepest descent
      direction = grad.map { -$0 }
      slope = dot(direction, grad)
      steps = []
      changes = []
    }
    var t = steps.isEmpty ? min(1, 1 / max(grad.map(abs).max()!, 1e-12)) : 1
    var next = x
    var nextValue = value
    var nextGrad = grad
    var accepted = false
    for _ in 0..<60 {
      next = zip(x, direction).map { $0 + t * $1 }
      (nextValue, nextGrad) = f(next)
      if nextValue <= value + 1e-4 * t * slope {
        accepted = true
        break
      }
      t /= 2
    }
    if !accepted { break }
    let s = zip(next, x).map { $0 - $1 }
    let y = zip(nextGrad, grad).map { $0 - $1 }
    if dot(s, y) > 1e-12 {
      steps.append(s)
      changes.append(y)
      if steps.count > memory {
        steps.removeFirst()
        changes.removeFirst()
      }
    }
    x = next
    value = nextValue
    grad = nextGrad
  }
  return x
}
