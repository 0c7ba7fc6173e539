/// Why a chance-corrected agreement value is not the plain formula (each case has a defined value).
public enum AgreementDegeneracy: String, Sendable, Hashable, Codable {
  /// Nothing to compare: the value is nil (JSON null).
  case noItems = "no_items"
  /// Chance agreement is 1 (both sides used one and the same class) and observed agreement is 1:
  /// the value is defined as 1 (perfect, if uninformative, agreement).
  case chanceOnePerfect = "chance_one_perfect"
  /// Chance agreement is 1 but observed agreement is below 1 (only through rounding): value 0.
  case chanceOneImperfect = "chance_one_imperfect"
}

/// Cohen's kappa of one confusion matrix, with its large-sample standard error.
public struct KappaValue: Sendable, Hashable, Codable {
  /// Kappa; nil only when there are no pairs.
  public var value: Double?
  /// Analytic standard error; nil when there are no pairs or chance agreement is 1.
  public var se: Double?
  /// Observed agreement p_o (nil without pairs).
  public var observed: Double?
  /// Chance agreement p_e from the two marginals (nil without pairs).
  public var chance: Double?
  /// Number of pairs.
  public var n: Int
  /// Set when a degenerate rule (not the plain formula) gave `value`.
  public var degeneracy: AgreementDegeneracy?

  /// 95 % normal interval value ± z·se, clamped to [-1, 1]; nil without a standard error.
  public var ci95: [Double]? {
    guard let value, let se else { return nil }
    return [max(-1, value - CohenKappa.z975 * se), min(1, value + CohenKappa.z975 * se)]
  }
}

/// Cohen's kappa (unweighted and weighted) on integer-coded pairs.
public enum CohenKappa {
  /// The 0.975 quantile of the standard normal (as scipy's `norm.ppf(0.975)`).
  public static let z975 = 1.959963984540054

  /// Weighting of disagreements for weighted kappa (as scikit-learn: |i−j| or (i−j)²).
  public enum Weights: String, Sendable, Hashable, Codable {
    case linear, quadratic
  }

  /// Kappa of string labels paired by position (the shorter length is used); see `estimate(_:)`.
  public static func estimate(_ a: [String], _ b: [String], classes: [String] = []) -> KappaValue {
    var book = LabelCodebook(classes)
    return estimate(ConfusionMatrix(labelsA: a, labelsB: b, codebook: &book))
  }

  /// Kappa κ = (p_o − p_e) / (1 − p_e) with p_e = Σ_i p_i. p_.i, and its standard error.
  ///
  /// Standard error: the large-sample variance of Fleiss, Cohen & Everitt (1969),
  /// Var(κ) = [ Σ_i p_ii (1 − (p_i. + p_.i)(1 − κ))² + (1 − κ)² Σ_{i≠j} p_ij (p_.i + p_j.)²
  ///            − (κ − p_e(1 − κ))² ] / (n (1 − p_e)²),
  /// clamped at 0 against rounding (identical to statsmodels' `cohens_kappa(...).std_kappa`).
  /// Degenerate cases: no pairs → value nil; p_e = 1 (to 1e-12) → value 1 when p_o = 1 else 0,
  /// se nil (the variance divides by 1 − p_e). Tolerance: double rounding only (≈1e-15 relative).
  public static func estimate(_ m: ConfusionMatrix) -> KappaValue {
    let k = m.classCount
    let total = m.total
    guard total > 0 else {
      return KappaValue(value: nil, se: nil, observed: nil, chance: nil, n: 0, degeneracy: .noItems)
    }
    let n = Double(total)
    let rows = m.rowTotals.map { Double($0) / n }
    let cols = m.columnTotals.map { Double($0) / n }
    var po = 0.0
    var pe = 0.0
    for i in 0..<k {
      po += Double(m[i, i]) / n
      pe += rows[i] * cols[i]
    }
    if pe >= 1 - 1e-12 {
      let perfect = po >= 1 - 1e-12
      return KappaValue(
        value: perfect ? 1 : 0, se: nil, observed: po, chance: pe, n: total,
        degeneracy: perfect ? .chanceOnePerfect : .chanceOneImperfect)
    }
    let kappa = (po - pe) / (1 - pe)
    var termA = 0.0
    var termB = 0.0
    for i in 0..<k {
      for j in 0..<k {
        let p = Double(m[i, j]) / n
        guard p > 0 else { continue }
        if i == j {
          let t = 1 - (rows[i] + cols[i]) * (1 - kappa)
          termA += p * t * t
        } else {
          let t = cols[i] + rows[j]
          termB += p * t * t
        }
      }
    }
    termB *= (1 - kappa) * (1 - kappa)
    let termC = (kappa - pe * (1 - kappa)) * (kappa - pe * (1 - kappa))
    let variance = max(0, (termA + termB - termC) / ((1 - pe) * (1 - pe) * n))
    return KappaValue(
      value: kappa, se: variance.squareRoot(), observed: po, chance: pe, n: total, degeneracy: nil)
  }

  /// Kappa only (no standard error), for bootstrap replicates: same degenerate rules as `estimate`.
  static func value(counts: UnsafeBufferPointer<Int>, classCount k: Int, rows: inout [Double], cols: inout [Double])
    -> Double?
  {
    var total = 0
    for i in 0..<k {
      rows[i] = 0
      cols[i] = 0
    }
    var diagonal = 0
    for i in 0..<k {
      for j in 0..<k {
        let c = counts[i * k + j]
        total += c
        rows[i] += Double(c)
        cols[j] += Double(c)
      }
      diagonal += counts[i * k + i]
    }
    guard total > 0 else { return nil }
    let n = Double(total)
    let po = Double(diagonal) / n
    var pe = 0.0
    for i in 0..<k { pe += rows[i] * cols[i] / (n * n) }
    if pe >= 1 - 1e-12 { return po >= 1 - 1e-12 ? 1 : 0 }
    return (po - pe) / (1 - pe)
  }

  /// Weighted kappa 1 − Σ w_ij O_ij / Σ w_ij E_ij over class codes in order (as scikit-learn).
  ///
  /// Degenerate: no pairs → nil; Σ w E = 0 (all mass on one class) → 1 if Σ w O = 0, else 0.
  public static func weighted(_ m: ConfusionMatrix, weights: Weights) -> Double? {
    let k = m.classCount
    let total = m.total
    guard total > 0 else { return nil }
    let n = Double(total)
    let rows = m.rowTotals
    let cols = m.columnTotals
    var observed = 0.0
    var expected = 0.0
    for i in 0..<k {
      for j in 0..<k {
        let d = Double(abs(i - j))
        let w = weights == .linear ? d : d * d
        observed += w * Double(m[i, j])
        expected += w * Double(rows[i]) * Double(cols[j]) / n
      }
    }
    if expected <= 1e-12 { return observed <= 1e-12 ? 1 : 0 }
    return 1 - observed / expected
  }

  /// One-vs-rest kappa of class `c`: the 2×2 table "c or not" of both coders.
  public static func oneVsRest(_ m: ConfusionMatrix, class c: Int) -> KappaValue {
    var binary = ConfusionMatrix(classCount: 2)
    for i in 0..<m.classCount {
      for j in 0..<m.classCount {
        let count = m[i, j]
        guard count > 0 else { continue }
        binary.add(i == c ? 0 : 1, j == c ? 0 : 1, count: count)
      }
    }
    return estimate(binary)
  }
}
