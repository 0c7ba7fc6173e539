/// One agreement coefficient with its standard error and 95 % interval (nominal categories).
public struct CoefficientEstimate: Sendable, Hashable {
  /// nil only when no item has two ratings (or the coefficient needs what the input lacks).
  public var value: Double?
  /// Standard error by Gwet's linearization (irrCAC's formulas); nil with fewer than two items or
  /// when a degenerate rule gave `value`.
  public var se: Double?
  /// value ± t(0.975, n − 1)·se, the upper bound capped at 1 (as irrCAC); nil without `se`.
  public var ci95: [Double]?
  /// Observed (percent) agreement p_a used by the coefficient.
  public var observed: Double?
  /// Chance agreement p_e (nil for the percent agreement itself).
  public var chance: Double?
  /// Items with at least two ratings.
  public var items: Int
  /// Ratings on those items.
  public var ratings: Int
  /// Set when a degenerate rule (not the plain formula) gave `value`.
  public var degeneracy: AgreementDegeneracy?

  public init(
    value: Double?, se: Double? = nil, ci95: [Double]? = nil, observed: Double? = nil, chance: Double? = nil,
    items: Int = 0, ratings: Int = 0, degeneracy: AgreementDegeneracy? = nil
  ) {
    self.value = value
    self.se = se
    self.ci95 = ci95
    self.observed = observed
    self.chance = chance
    self.items = items
    self.ratings = ratings
    self.degeneracy = degeneracy
  }

  /// Nothing to compare.
  static let empty = CoefficientEstimate(value: nil, degeneracy: .noItems)

  /// The estimate `(pa − pe)/(1 − pe)` with a variance over `n` units, or the degenerate value
  /// when p_e = 1 (1 if p_a = 1, else 0; no standard error).
  static func chanceCorrected(
    pa: Double, pe: Double, variance: () -> Double, n: Int, items: Int, ratings: Int
  ) -> CoefficientEstimate {
    if pe >= 1 - 1e-12 {
      let perfect = pa >= 1 - 1e-12
      return CoefficientEstimate(
        value: perfect ? 1 : 0, observed: pa, chance: pe, items: items, ratings: ratings,
        degeneracy: perfect ? .chanceOnePerfect : .chanceOneImperfect)
    }
    let value = (pa - pe) / (1 - pe)
    let (se, ci) = interval(value: value, variance: n >= 2 ? variance() : .nan, n: n)
    return CoefficientEstimate(
      value: value, se: se, ci95: ci, observed: pa, chance: pe, items: items, ratings: ratings)
  }

  /// Standard error and t interval of `value` from a variance over `n` units (nil when n < 2 or
  /// the variance is not finite).
  static func interval(value: Double, variance: Double, n: Int) -> (Double?, [Double]?) {
    guard n >= 2, variance.isFinite else { return (nil, nil) }
    let se = max(variance, 0).squareRoot()
    let t = StudentT.quantile975(df: n - 1)
    return (se, [value - t * se, min(1, value + t * se)])
  }
}
