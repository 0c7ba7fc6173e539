import EmoSupport

@testable import Trainer

/// Central finite differences in Double: ∂f/∂xᵢ ≈ (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h, h = 1e-6.
/// Truncation error O(h²) ≈ 1e-12 and rounding ≈ 1e-16·|f|/h ≈ 1e-10·|f|, so analytic and numeric
/// gradients agree to about 1e-7 relative, down to an absolute noise floor of about 1e-9 for a
/// loss of order 1; the tests allow 1e-5 relative with gradients below 1e-3 compared absolutely
/// (1e-8).
func numericGradient(_ x: inout [Double], indices: [Int], _ f: ([Double]) -> Double) -> [Double] {
  let h = 1e-6
  return indices.map { i in
    let saved = x[i]
    x[i] = saved + h
    let up = f(x)
    x[i] = saved - h
    let down = f(x)
    x[i] = saved
    return (up - down) / (2 * h)
  }
}

/// Largest relative error max|a − n| / max(|a| + |n|, 1e-3) over the pairs.
func worstRelativeError(_ analytic: [Double], _ numeric: [Double]) -> Double {
  zip(analytic, numeric).map { abs($0 - $1) / max(abs($0) + abs($1), 1e-3) }.max() ?? 0
}

/// Deterministic pseudo-random Doubles in [-scale, scale).
func randomValues(_ count: Int, seed: UInt64, scale: Double = 1) -> [Double] {
  var rng = SeededRandom(seed: seed)
  return (0..<count).map { _ in (rng.uniform() * 2 - 1) * scale }
}

/// Indices to check: all when few, else a deterministic spread of `limit` of them.
func sampleIndices(_ count: Int, limit: Int = 400) -> [Int] {
  if count <= limit { return Array(0..<count) }
  return (0..<limit).map { $0 * count / limit }
}
