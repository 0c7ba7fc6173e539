/// Scores of one dimension's segment predictions against the consensus values, in the scale's
/// units: Lin's concordance (CCC, the headline; population moments), Pearson's r and the root mean
/// squared error. `folds[].dimensions.<name>` in `results.json`.
public struct RegressionMetrics: Codable, Sendable, Hashable {
  public var ccc: Double
  public var pearson: Double
  public var rmse: Double
  /// Segments scored (those with a value for the dimension).
  public var segments: Int

  /// Metrics of `predicted` against `truth` (same count). Fewer than 2 values, or a constant
  /// side, give a CCC and r of 0 (no agreement can be shown).
  public init(truth: [Double], predicted: [Double]) {
    segments = truth.count
    guard !truth.isEmpty else {
      (ccc, pearson, rmse) = (0, 0, 0)
      return
    }
    let m = concordanceMoments(predicted, truth)
    ccc = truth.count >= 2 ? m.ccc : 0
    let spread = (m.varianceX * m.varianceY).squareRoot()
    pearson = truth.count >= 2 && spread > 0 ? m.covariance / spread : 0
    let squares = zip(truth, predicted).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    rmse = (squares / Double(truth.count)).squareRoot()
  }

  public init(ccc: Double, pearson: Double, rmse: Double, segments: Int) {
    self.ccc = ccc
    self.pearson = pearson
    self.rmse = rmse
    self.segments = segments
  }
}

/// One dimension over the folds (`results.json` `dimensions.<name>`): means of the per-fold CCC,
/// Pearson r and RMSE, and the sample standard deviation of the CCC.
public struct DimensionSummary: Codable, Sendable, Hashable {
  public var ccc: Double
  public var cccStd: Double
  public var pearson: Double
  public var rmse: Double

  enum CodingKeys: String, CodingKey {
    case ccc, pearson, rmse
    case cccStd = "ccc_std"
  }

  /// Means over the folds that scored the dimension.
  public init(_ folds: [RegressionMetrics]) {
    let c = meanAndStd(folds.map(\.ccc))
    ccc = c.mean
    cccStd = c.std
    pearson = meanAndStd(folds.map(\.pearson)).mean
    rmse = meanAndStd(folds.map(\.rmse)).mean
  }

  /// Per-dimension summaries of per-fold metrics (a dimension missing from a fold is left out of
  /// that fold's mean).
  public static func summarize(_ folds: [[String: RegressionMetrics]]) -> [String: DimensionSummary] {
    let names = Set(folds.flatMap(\.keys))
    return Dictionary(
      uniqueKeysWithValues: names.map { name in (name, DimensionSummary(folds.compactMap { $0[name] })) })
  }
}

/// A dimension's scale [min, max] (IEMOCAP 1–5, MSP-Podcast 1–7): the trainer learns values
/// mapped to [−1, 1] by 2·(v − min)/(max − min) − 1 and reports them back in the scale's units.
public struct TargetScale: Codable, Sendable, Hashable {
  public var min: Double
  public var max: Double

  public init(min: Double, max: Double) {
    self.min = min
    self.max = max
  }

  /// A value of the scale mapped to [−1, 1].
  public func unit(_ value: Double) -> Double { 2 * (value - min) / (max - min) - 1 }

  /// A value in [−1, 1] mapped back to the scale.
  public func value(_ unit: Double) -> Double { (unit + 1) / 2 * (max - min) + min }
}
