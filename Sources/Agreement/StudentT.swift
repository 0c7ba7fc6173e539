import Foundation

/// Student's t distribution: the quantile that turns a standard error into a confidence interval
/// the way irrCAC does (value ± t(0.975, n − 1)·se).
public enum StudentT {
  /// The p-quantile with `df` degrees of freedom (df ≥ 1, 0.5 ≤ p < 1).
  ///
  /// Closed forms for df 1 and 2; from df 1000 the Cornish–Fisher expansion in 1/df to the fourth
  /// order (error below 1e-15 there); otherwise Newton's method on the distribution function from
  /// the normal quantile (never above the t quantile, and the distribution function is concave
  /// there, so every step stays below the root). Within 2e-13 relative of a 40-digit reference
  /// (scipy's `t.ppf` itself is off by up to 1e-10).
  public static func quantile(_ p: Double, df: Double) -> Double {
    precondition(df >= 1 && p >= 0.5 && p < 1)
    if df == 1 { return tan(Double.pi * (p - 0.5)) }
    if df == 2 { return (2 * p - 1) / (2 * p * (1 - p)).squareRoot() }
    let z = normalQuantile(p)
    if df >= 1000 {
      let z2 = z * z
      let g1 = (z2 + 1) * z / 4
      let g2 = ((5 * z2 + 16) * z2 + 3) * z / 96
      let g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384
      let g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160
      return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df
    }
    var t = z
    for _ in 0..<200 {
      let step = (cdf(t, df: df) - p) / density(t, df: df)
      t -= step
      if abs(step) <= 1e-14 * max(1, abs(t)) { break }
    }
    return t
  }

  /// The 0.975 quantile (two-sided 95 % interval).
  public static func quantile975(df: Int) -> Double { quantile(0.975, df: Double(df)) }

  /// P(T ≤ t).
  public static func cdf(_ t: Double, df: Double) -> Double {
    // Upper tail ½·I_x(df/2, ½) with x = df / (df + t²); near x = 1 the complement is evaluated
    // from t² / (df + t²) directly, which keeps full precision for large df.
    let t2 = t * t
    let x = df / (df + t2)
    let a = df / 2
    let b = 0.5
    let tail: Double
    if x < (a + 1) / (a + b + 2) {
      tail = 0.5 * incompleteBeta(x, a, b)
    } else {
      tail = 0.5 * (1 - incompleteBeta(t2 / (df + t2), b, a))
    }
    return t >= 0 ? 1 - tail : tail
  }

  /// The density at t.
  static func density(_ t: Double, df: Double) -> Double {
    let logNorm = lgamma((df + 1) / 2) - lgamma(df / 2) - 0.5 * log(df * Double.pi)
    return exp(logNorm - (df + 1) / 2 * log1p(t * t / df))
  }

  /// Regularized incomplete beta I_x(a, b) by its continued fraction (modified Lentz), for
  /// x < (a + 1)/(a + b + 2) where the fraction converges quickly.
  static func incompleteBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
    if x <= 0 { return 0 }
    if x >= 1 { return 1 }
    let front = exp(a * log(x) + b * log1p(-x) - (lgamma(a) + lgamma(b) - lgamma(a + b))) / a
    let tiny = 1e-300
    var c = 1.0
    var d = 1 - (a + b) * x / (a + 1)
    if abs(d) < tiny { d = tiny }
    d = 1 / d
    var fraction = d
    for m in 1...500 {
      let m = Double(m)
      // Even term, then odd term.
      var numerator = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
      d = 1 + numerator * d
      if abs(d) < tiny { d = tiny }
      c = 1 + numerator / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      fraction *= d * c
      numerator = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
      d = 1 + numerator * d
      if abs(d) < tiny { d = tiny }
      c = 1 + numerator / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      fraction *= delta
      if abs(delta - 1) < 1e-16 { break }
    }
    return front * fraction
  }

  /// The standard normal p-quantile (Acklam's rational approximation refined by one Halley step;
  /// about 1e-15 relative).
  static func normalQuantile(_ p: Double) -> Double {
    let a = [
      -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
      -3.066479806614716e+01, 2.506628277459239e+00,
    ]
    let b = [
      -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
      -1.328068155288572e+01,
    ]
    let c = [
      -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
      4.374664141464968e+00, 2.938163982698783e+00,
    ]
    let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
    var x: Double
    if p < 0.02425 {
      let q = (-2 * log(p)).squareRoot()
      x =
        (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
        / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    } else if p <= 1 - 0.02425 {
      let q = p - 0.5
      let r = q * q
      x =
        (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
        / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    } else {
      let q = (-2 * log1p(-p)).squareRoot()
      x =
        -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
        / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    }
    let e = 0.5 * erfc(-x / 2.0.squareRoot()) - p
    let u = e * (2 * Double.pi).squareRoot() * exp(x * x / 2)
    x -= u / (1 + x * u / 2)
    return x
  }
}
