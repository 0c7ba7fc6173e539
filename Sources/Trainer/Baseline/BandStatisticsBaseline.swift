import Foundation

/// A simple reference a trained model should beat, on the same folds and data: each segment is
/// summarized by the mean and standard deviation of each log-Mel band over the true frames of its
/// windows; the summaries are standardized with the training split's statistics and a multinomial
/// logistic regression (L2 penalty C = 1, class-balanced sample weights: scikit-learn's
/// `LogisticRegression(class_weight="balanced")`) is fitted on the training split and scored on the
/// test split (segment UA/WA). The segment's length is left out on purpose: the network sees each
/// 3 s window on its own, so a baseline given the length would measure a different thing (in
/// CEMO-style data emotional segments run longer: the length alone scores well above chance).
public enum BandStatisticsBaseline {
  /// Test scores of the baseline on one fold.
  public struct FoldScore: Codable, Sendable, Hashable {
    public var fold: Int
    public var ua: Double
    public var wa: Double
    /// Test scores of the ridge regression per rated dimension (nil without dimensions).
    public var dimensions: [String: RegressionMetrics]? = nil
  }

  /// Scores over the folds (means and sample standard deviations, 0–1).
  public struct Result: Codable, Sendable, Hashable {
    public var ua: Double
    public var uaStd: Double
    public var wa: Double
    public var folds: [FoldScore]
    /// What the baseline is, for reports.
    public var method: String
    /// The same summaries with ridge regression per rated dimension: means over folds (nil
    /// without dimensions), and what that baseline is.
    public var dimensions: [String: DimensionSummary]? = nil
    public var dimensionsMethod: String? = nil

    enum CodingKeys: String, CodingKey {
      case ua, wa, folds, method, dimensions
      case uaStd = "ua_std"
      case dimensionsMethod = "dimensions_method"
    }
  }

  static let ridgeMethod = "log-Mel band mean and standard deviation per segment + ridge regression (α = 1), same folds"

  /// Ridge regression of each rated dimension (in the scale's units) on the standardized segment
  /// summaries, fitted on the training segments that have a value, scored on the test segments
  /// that have one.
  static func regressionScores(
    train: [[Double]], trainSegments: [SplitSegment], test: [[Double]], testSegments: [SplitSegment],
    targets: RegressionTargets
  ) -> [String: RegressionMetrics] {
    let (mean, std) = standardization(train)
    let model = Model(
      mean: mean, std: std, regression: LogisticRegression(weights: [], intercepts: [], features: 0, classes: 0))
    let xTrain = train.map(model.standardized)
    let xTest = test.map(model.standardized)
    var out: [String: RegressionMetrics] = [:]
    for name in targets.names {
      let rows = trainSegments.indices.filter { trainSegments[$0].dimensions?[name]?.isFinite == true }
      let ridge = RidgeRegression.fit(
        x: rows.map { xTrain[$0] }, y: rows.map { trainSegments[$0].dimensions![name]! })
      let scored = testSegments.indices.filter { testSegments[$0].dimensions?[name]?.isFinite == true }
      out[name] = RegressionMetrics(
        truth: scored.map { testSegments[$0].dimensions![name]! }, predicted: scored.map { ridge.predict(xTest[$0]) })
    }
    return out
  }

  static let method =
    "log-Mel band mean and standard deviation per segment + logistic regression (C = 1, balanced), same folds"

  /// The summary vector of one segment: `2·bands` values (band means, then standard deviations).
  static func summary(_ windows: [FeatureWindow], bands: Int, featureDim: Int) -> [Double] {
    var sum = [Double](repeating: 0, count: bands)
    var squares = [Double](repeating: 0, count: bands)
    var frames = 0
    for window in windows {
      for t in 0..<window.length {
        for j in 0..<bands {
          let v = Double(window.features[t * featureDim + j])
          sum[j] += v
          squares[j] += v * v
        }
      }
      frames += window.length
    }
    let n = Double(max(frames, 1))
    let mean = sum.map { $0 / n }
    let std = (0..<bands).map { (max(squares[$0] / n - mean[$0] * mean[$0], 0)).squareRoot() }
    return mean + std
  }

  /// Fits and scores the baseline on every fold. `bands`: log-Mel bands at the start of each frame
  /// (the feature config's `n_mels`).
  public static func evaluate(
    folds: [FoldData], source: any WindowSource, classes: Int, bands: Int, regression: RegressionTargets? = nil
  ) throws -> Result {
    let bands = min(max(bands, 1), source.featureDim)
    // Each segment's summary once: folds share their segments.
    var known: [String: [Double]] = [:]
    func summaries(of split: TrainingSplit) throws -> [[Double]] {
      try split.segments.map { segment in
        if let s = known[segment.id] { return s }
        let s = summary(try source.windows(segment: segment.id), bands: bands, featureDim: source.featureDim)
        known[segment.id] = s
        return s
      }
    }
    var scores: [FoldScore] = []
    for fold in folds {
      let train = try summaries(of: fold.train)
      let test = try summaries(of: fold.test)
      let labels = fold.train.segments.map(\.label)
      let model = fit(train, labels: labels, classes: classes)
      let predicted = test.map { model.predict($0) }
      let metrics = ClassificationMetrics(
        truth: fold.test.segments.map(\.label), predicted: predicted, classes: classes)
      var score = FoldScore(fold: fold.fold, ua: metrics.ua, wa: metrics.wa)
      if let regression {
        score.dimensions = regressionScores(
          train: train, trainSegments: fold.train.segments, test: test, testSegments: fold.test.segments,
          targets: regression)
      }
      scores.append(score)
    }
    let ua = meanAndStd(scores.map(\.ua))
    var result = Result(
      ua: ua.mean, uaStd: ua.std, wa: meanAndStd(scores.map(\.wa)).mean, folds: scores, method: method)
    if regression != nil {
      result.dimensions = DimensionSummary.summarize(scores.compactMap(\.dimensions))
      result.dimensionsMethod = ridgeMethod
    }
    return result
  }

  /// A fitted baseline: standardization and regression.
  struct Model {
    var mean: [Double]
    var std: [Double]
    var regression: LogisticRegression

    func predict(_ summary: [Double]) -> Int {
      let p = regression.posteriors(standardized(summary)[...])
      return argmax(p)
    }

    func standardized(_ summary: [Double]) -> [Double] { summary.indices.map { (summary[$0] - mean[$0]) / std[$0] } }
  }

  /// Mean and population standard deviation of each summary value over the training segments (a
  /// constant value gets 1).
  static func standardization(_ train: [[Double]]) -> (mean: [Double], std: [Double]) {
    let d = train.first?.count ?? 0
    let n = Double(max(train.count, 1))
    let mean = (0..<d).map { j in train.reduce(0) { $0 + $1[j] } / n }
    let std = (0..<d).map { j -> Double in
      let v = train.reduce(0) { $0 + ($1[j] - mean[j]) * ($1[j] - mean[j]) } / n
      return v > 1e-24 ? v.squareRoot() : 1
    }
    return (mean, std)
  }

  /// Standardizes with the training summaries' statistics and fits the regression with balanced
  /// class weights n / (classes · n_c).
  static func fit(_ train: [[Double]], labels: [Int], classes: Int) -> Model {
    let d = train.first?.count ?? 0
    let n = Double(max(train.count, 1))
    let (mean, std) = standardization(train)
    let x = train.flatMap { row in row.indices.map { (row[$0] - mean[$0]) / std[$0] } }
    var counts = [Int](repeating: 0, count: classes)
    for label in labels { counts[label] += 1 }
    let present = counts.filter { $0 > 0 }.count
    let weights = labels.map { n / (Double(present) * Double(counts[$0])) }
    let regression = LogisticRegression.fit(
      x: x, labels: labels, features: d, classes: classes, sampleWeights: weights)
    return Model(mean: mean, std: std, regression: regression)
  }
}
