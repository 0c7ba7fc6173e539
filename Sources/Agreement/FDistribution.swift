import Foundation

/// Snedecor's F distribution (for intraclass-correlation intervals), from the regularized
/// incomplete beta function.
public enum FDistribution {
  /// P(F ≤ x) with d1, d2 degrees of freedom (real, > 0).
  public static func cdf(_ x: Double, _ d1: Double, _ d2: Double) -> Double {
    guard x > 0 else { return 0 }
    let z = d1 * x / (d1 * x + d2)
    return regularizedBeta(z, d1 / 2, d2 / 2)
  }

  /// The p-quantile (0 < p < 1) on the beta variable z = d1·x / (d1·x + d2), to the last bits of
  /// z (about 1e-15 relative in x for moderate quantiles): the bracket [0, 1] narrowed by the
  /// Illinois variant of regula falsi (each step keeps the root bracketed, a few steps instead of
  /// some sixty halvings: the incomplete beta takes hundreds of terms at large degrees of
  /// freedom), then halved to adjacent doubles.
  public static func quantile(_ p: Double, _ d1: Double, _ d2: Double) -> Double {
    var lo = 0.0
    var hi = 1.0
    let a = d1 / 2
    let b = d2 / 2
    // g(z) = I_z(a, b) − p: g(0) = −p < 0, g(1) = 1 − p > 0.
    var glo = -p
    var ghi = 1 - p
    var side = 0
    for _ in 0..<100 {
      guard hi - lo > 1e-13 * hi else { break }
      var z = (lo * ghi - hi * glo) / (ghi - glo)
      if !(z > lo && z < hi) { z = (lo + hi) / 2 }
      let g = regularizedBeta(z, a, b) - p
      if g < 0 {
        lo = z
        glo = g
        // Two steps in a row on this side: halve the other end's weight (Illinois).
        if side == -1 { ghi /= 2 }
        side = -1
      } else {
        hi = z
        ghi = g
        if side == 1 { glo /= 2 }
        side = 1
      }
    }
    for _ in 0..<200 {
      let mid = (lo + hi) / 2
      if mid == lo || mid == hi { break }
      if regularizedBeta(mid, a, b) < p { lo = mid } else { hi = mid }
    }
    let z = (lo + hi) / 2
    return d2 * z / (d1 * (1 - z))
  }

  /// I_z(a, b) on all of [0, 1] (the continued fraction on the side where it converges).
  static func regularizedBeta(_ z: Double, _ a: Double, _ b: Double) -> Double {
    if z <= 0 { return 0 }
    if z >= 1 { return 1 }
    if z < (a + 1) / (a + b + 2) { return StudentT.incompleteBeta(z, a, b) }
    return 1 - StudentT.incompleteBeta(1 - z, b, a)
  }
}
