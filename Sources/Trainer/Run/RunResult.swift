/// Test scores of one aggregation strategy, with the validation UA that chose between them.
public struct StrategyScores: Codable, Sendable, Hashable {
  public var ua: Double
  public var wa: Double
  public var validationUA: Double
  public var confusion: [[Int]]

  enum CodingKeys: String, CodingKey {
    case ua, wa, confusion
    case validationUA = "validation_ua"
  }
}

/// Results of one fold (`RUN/fold-K/fold.json` and an entry of `results.json`).
public struct FoldResult: Codable, Sendable, Hashable {
  public var fold: Int
  /// Test UA / WA (0–1) with the fold's headline strategy; nil without an emotion target.
  public var ua: Double?
  public var wa: Double?
  /// Strategy chosen on validation (`majority`, `mean`, `max`).
  public var strategy: AggregationStrategy
  /// Test confusion matrix (`[truth][predicted]`) of the headline strategy.
  public var confusion: [[Int]]
  /// All three strategies (keys `majority`, `mean`, `max`).
  public var strategies: [String: StrategyScores]
  /// Gender UA / WA on test segments with a known gender (gender head on).
  public var genderUA: Double?
  public var genderWA: Double?
  /// Epoch (1-based) whose weights were kept.
  public var bestEpoch: Int
  /// Validation UA of the kept epoch; nil without an emotion target.
  public var validationUA: Double?
  public var curves: [EpochRecord]
  public var testSegments: Int
  /// Test scores per rated dimension (nil without dimension targets).
  public var dimensions: [String: RegressionMetrics]? = nil

  enum CodingKeys: String, CodingKey {
    case fold, ua, wa, strategy, confusion, strategies, curves, dimensions
    case genderUA = "gender_ua"
    case genderWA = "gender_wa"
    case bestEpoch = "best_epoch"
    case validationUA = "validation_ua"
    case testSegments = "test_segments"
  }
}

/// A whole run (`RUN/results.json`, keys `ua`, `wa`, `folds`, `strategy`, `classes`,
/// `confusion`).
public struct RunResult: Codable, Sendable, Hashable {
  /// Mean over folds of the test UA / WA (0–1); nil without an emotion target (a run of rated
  /// dimensions only has no classification score, not a score of 0).
  public var ua: Double?
  public var wa: Double?
  /// Sample standard deviation over folds (nil as `ua`).
  public var uaStd: Double?
  public var waStd: Double?
  public var folds: [FoldResult]
  /// The headline strategy chosen most often on validation across folds (each fold uses its own).
  public var strategy: AggregationStrategy
  public var classes: [String]
  /// The UA of a classifier that guesses (1 / number of classes: UA weighs every class the same,
  /// whatever its size); nil when the run learned no classes.
  public var chanceUA: Double?
  /// Sum of the folds' test confusion matrices (`[truth][predicted]`).
  public var confusion: [[Int]]
  /// Mean UA / WA over folds for each strategy (empty without an emotion target).
  public var strategies: [String: [String: Double]]
  public var genderUA: Double?
  public var genderWA: Double?
  public var model: String
  public var parameterCount: Int
  public var options: TrainingOptions
  /// The band-statistics baseline on the same folds (what the model should beat), when computed.
  public var baseline: BandStatisticsBaseline.Result?
  /// Per rated dimension: means over folds of the test CCC, Pearson r and RMSE (scale units), and
  /// the CCC's standard deviation (nil without dimension targets).
  public var dimensions: [String: DimensionSummary]?

  enum CodingKeys: String, CodingKey {
    case ua, wa, folds, strategy, classes, confusion, strategies, model, options, baseline, dimensions
    case uaStd = "ua_std"
    case waStd = "wa_std"
    case chanceUA = "chance_ua"
    case genderUA = "gender_ua"
    case genderWA = "gender_wa"
    case parameterCount = "parameter_count"
  }

  /// Aggregates fold results.
  public init(folds: [FoldResult], classes: [String], model: String, parameterCount: Int, options: TrainingOptions) {
    self.folds = folds
    self.classes = classes
    self.model = model
    self.parameterCount = parameterCount
    self.options = options
    chanceUA = classes.isEmpty ? nil : 1 / Double(classes.count)
    let classified = folds.compactMap(\.ua)
    if classified.isEmpty {
      (ua, uaStd, wa, waStd) = (nil, nil, nil, nil)
    } else {
      (ua, uaStd) = meanAndStd(classified)
      (wa, waStd) = meanAndStd(folds.compactMap(\.wa))
    }
    let counts = AggregationStrategy.allCases.map { s in folds.filter { $0.strategy == s }.count }
    strategy = AggregationStrategy.allCases[argmax(counts.map(Double.init))]
    var sum = [[Int]](repeating: [Int](repeating: 0, count: classes.count), count: classes.count)
    for fold in folds {
      for (i, row) in fold.confusion.enumerated() where i < sum.count {
        for (j, v) in row.enumerated() where j < sum.count { sum[i][j] += v }
      }
    }
    confusion = sum
    var strategies: [String: [String: Double]] = [:]
    for s in AggregationStrategy.allCases where !classified.isEmpty {
      let scores = folds.compactMap { $0.strategies[s.rawValue] }
      strategies[s.rawValue] = ["ua": meanAndStd(scores.map(\.ua)).mean, "wa": meanAndStd(scores.map(\.wa)).mean]
    }
    self.strategies = strategies
    let g = folds.compactMap(\.genderUA)
    genderUA = g.isEmpty ? nil : meanAndStd(g).mean
    let gw = folds.compactMap(\.genderWA)
    genderWA = gw.isEmpty ? nil : meanAndStd(gw).mean
    let scored = folds.compactMap(\.dimensions)
    dimensions = scored.isEmpty ? nil : DimensionSummary.summarize(scored)
  }
}
