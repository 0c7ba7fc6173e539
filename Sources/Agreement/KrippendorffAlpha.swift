/// Krippendorff's alpha with missing data, by the coincidence-matrix method.
public enum KrippendorffAlpha {
  /// Level of measurement: the difference function δ² between two values.
  public enum Level: String, Sendable, Hashable, Codable {
    case nominal, ordinal, interval
  }

  /// α = 1 − D_o / D_e over units with at least two values (raters × units, nil = missing).
  ///
  /// Coincidences o_ck = Σ_u n_uc (n_uk − [c = k]) / (m_u − 1) over units with m_u ≥ 2 values;
  /// n_c = Σ_k o_ck, n = Σ_c n_c; α = 1 − (n − 1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck. δ²: nominal
  /// [c ≠ k]; interval (c − k)²; ordinal (Σ_{g from c to k} n_g − (n_c + n_k)/2)² over the sorted
  /// values (Krippendorff 2011). Degenerate: no pairable value → nil; a single value in all
  /// pairable units (expected disagreement 0) → 1 (0 if observed disagreement is not 0, which
  /// only rounding can cause). Tolerance: double rounding only.
  public static func estimate(ratersByUnits: [[Double?]], level: Level) -> MultiRaterValue {
    let unitCount = ratersByUnits.map(\.count).max() ?? 0
    var domain: [Double] = []
    var units: [[Double]] = []
    var items = 0
    var ratings = 0
    for u in 0..<unitCount {
      let values = ratersByUnits.compactMap { u < $0.count ? $0[u] : nil }
      guard values.count >= 2 else { continue }
      units.append(values)
      domain.append(contentsOf: values)
      items += 1
      ratings += values.count
    }
    guard items > 0 else { return MultiRaterValue(value: nil, items: 0, ratings: 0, degeneracy: .noItems) }
    domain = Array(Set(domain)).sorted()
    let v = domain.count
    let position = Dictionary(uniqueKeysWithValues: domain.enumerated().map { ($1, $0) })
    var o = [Double](repeating: 0, count: v * v)
    for values in units {
      var counts: [Int: Int] = [:]
      for x in values { counts[position[x]!, default: 0] += 1 }
      let scale = 1 / Double(values.count - 1)
      for (c, nc) in counts {
        for (k, nk) in counts {
          o[c * v + k] += Double(nc * (c == k ? nk - 1 : nk)) * scale
        }
      }
    }
    var marginal = [Double](repeating: 0, count: v)
    for c in 0..<v { for k in 0..<v { marginal[c] += o[c * v + k] } }
    let n = marginal.reduce(0, +)
    func delta2(_ c: Int, _ k: Int) -> Double {
      if c == k { return 0 }
      switch level {
      case .nominal: return 1
      case .interval:
        let d = domain[c] - domain[k]
        return d * d
      case .ordinal:
        let lo = min(c, k)
        let hi = max(c, k)
        var s = 0.0
        for g in lo...hi { s += marginal[g] }
        s -= (marginal[c] + marginal[k]) / 2
        return s * s
      }
    }
    var observed = 0.0
    var expected = 0.0
    for c in 0..<v {
      for k in 0..<v where c != k {
        let d = delta2(c, k)
        observed += o[c * v + k] * d
        expected += marginal[c] * marginal[k] * d
      }
    }
    if expected <= 1e-12 {
      let perfect = observed <= 1e-12
      return MultiRaterValue(
        value: perfect ? 1 : 0, items: items, ratings: ratings,
        degeneracy: perfect ? .chanceOnePerfect : .chanceOneImperfect)
    }
    return MultiRaterValue(value: 1 - (n - 1) * observed / expected, items: items, ratings: ratings, degeneracy: nil)
  }

  /// Nominal alpha of string labels (raters × units, nil = missing).
  public static func nominal(ratersByUnits: [[String?]]) -> MultiRaterValue {
    var book = LabelCodebook()
    let coded = ratersByUnits.map { row in row.map { $0.map { Double(book.code($0)) } } }
    return estimate(ratersByUnits: coded, level: .nominal)
  }
}
