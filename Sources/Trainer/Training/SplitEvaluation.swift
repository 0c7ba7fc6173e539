import EmoSupport

/// Window posteriors of one segment.
public struct SegmentPosteriors: Sendable {
  public var segment: SplitSegment
  /// One row per window (`classes` values).
  public var windows: [[Float]]
  /// One row per window (2 values: female, male); empty without the gender head.
  public var gender: [[Float]]
  /// One row per window (the regression head's outputs in [−1, 1]); empty without the head.
  public var regression: [[Float]] = []
}

/// Scores of a split under every aggregation strategy.
public struct SplitScores: Sendable {
  public var emotion: [AggregationStrategy: ClassificationMetrics]
  public var gender: [AggregationStrategy: ClassificationMetrics]
}

extension BatchEngine {
  /// Posteriors of every window of every segment of `split`, run in batches (memory bounded by
  /// the batch plus the posteriors).
  func posteriors(
    params: [Float], split: TrainingSplit, source: any WindowSource, normalization: Normalization, batchSize: Int
  ) throws -> [SegmentPosteriors] {
    var results: [SegmentPosteriors] = []
    var pending: [(segment: SplitSegment, windows: [FeatureWindow])] = []
    var pendingWindows = 0
    func flush() throws {
      guard pendingWindows > 0 else { return }
      let windows = pending.flatMap { item in item.windows.map { (item.segment, $0) } }
      let batch = try makeBatch(windows, normalization: normalization)
      var regression: [Float] = []
      let (emotion, gender) = infer(params: params, batch: batch, regression: &regression)
      var k = 0
      let classes = network.classes
      let dims = network.dimensions
      for item in pending {
        var rows: [[Float]] = []
        var genderRows: [[Float]] = []
        var regressionRows: [[Float]] = []
        for _ in item.windows {
          rows.append(Array(emotion[(k * classes)..<((k + 1) * classes)]))
          if !gender.isEmpty { genderRows.append(Array(gender[(k * 2)..<(k * 2 + 2)])) }
          if dims > 0 { regressionRows.append(Array(regression[(k * dims)..<((k + 1) * dims)])) }
          k += 1
        }
        results.append(
          SegmentPosteriors(segment: item.segment, windows: rows, gender: genderRows, regression: regressionRows))
      }
      pending = []
      pendingWindows = 0
    }
    for segment in split.segments {
      let windows = try source.windows(segment: segment.id)
      guard !windows.isEmpty else {
        throw LocatedError(file: nil, "segment '\(segment.id)' has no feature windows", expected: "at least one window")
      }
      pending.append((segment, windows))
      pendingWindows += windows.count
      if pendingWindows >= batchSize { try flush() }
    }
    try flush()
    return results
  }

  /// A batch from windows with their segments' labels, normalized; a window of the wrong shape
  /// is an error naming its segment.
  func makeBatch(
    _ windows: [(SplitSegment, FeatureWindow)], normalization: Normalization, softTargets: Bool = false
  ) throws -> Batch {
    let frames = network.config.inputFrames
    let dim = network.config.inputFeatures
    for (segment, window) in windows
    where window.features.count != frames * dim || window.length < 0 || window.length > frames {
      throw LocatedError(
        file: nil,
        "segment '\(segment.id)' has a feature window of \(window.features.count) values and length \(window.length)",
        expected: "\(frames) frames × \(dim) features = \(frames * dim) values, length 0…\(frames)")
    }
    var features = [Float](repeating: 0, count: windows.count * frames * dim)
    features.withUnsafeMutableBufferPointer { out in
      for (i, item) in windows.enumerated() {
        normalization.apply(item.1, frames: frames, dim: dim, into: out.baseAddress! + i * frames * dim)
      }
    }
    var targets: [Float]?
    if softTargets {
      let classes = network.classes
      targets = try windows.flatMap { segment, _ -> [Float] in
        guard let soft = segment.softLabel, soft.count == classes else {
          throw LocatedError(
            file: nil, "segment '\(segment.id)' has no soft label of \(classes) classes",
            expected: "soft_label on every manifest line: prep --soft-labels")
        }
        return soft
      }
    }
    return Batch(
      features: features, lengths: windows.map { min($0.1.length, frames) }, labels: windows.map { $0.0.label },
      genders: windows.map { $0.0.gender ?? -1 }, targets: targets,
      dimensions: regression.map { r in windows.flatMap { r.unitValues($0.0) } })
  }
}

/// Segment-level scores of each rated dimension: a segment's prediction is the mean of its windows'
/// outputs, mapped back to the scale; segments without a value for a dimension are left out of it.
func scoreDimensions(_ segments: [SegmentPosteriors], targets: RegressionTargets) -> [String: RegressionMetrics] {
  var out: [String: RegressionMetrics] = [:]
  for (d, name) in targets.names.enumerated() {
    var truth: [Double] = []
    var predicted: [Double] = []
    for s in segments where !s.regression.isEmpty {
      guard let v = s.segment.dimensions?[name], v.isFinite else { continue }
      let mean = s.regression.reduce(0.0) { $0 + Double($1[d]) } / Double(s.regression.count)
      truth.append(v)
      predicted.append(targets.scales[d].value(mean))
    }
    out[name] = RegressionMetrics(truth: truth, predicted: predicted)
  }
  return out
}

/// Mean CCC over the dimensions (the epoch's validation score when emotion is not a target).
func meanCCC(_ scores: [String: RegressionMetrics]) -> Double {
  scores.isEmpty ? 0 : scores.values.reduce(0) { $0 + $1.ccc } / Double(scores.count)
}

/// Segment-level scores of window posteriors under each strategy.
func score(_ segments: [SegmentPosteriors], classes: Int) -> SplitScores {
  var emotion: [AggregationStrategy: ClassificationMetrics] = [:]
  var gender: [AggregationStrategy: ClassificationMetrics] = [:]
  for strategy in AggregationStrategy.allCases {
    emotion[strategy] = ClassificationMetrics(
      truth: segments.map(\.segment.label), predicted: segments.map { strategy.predict($0.windows) }, classes: classes)
    let gendered = segments.filter { $0.segment.gender != nil && !$0.gender.isEmpty }
    if !gendered.isEmpty {
      gender[strategy] = ClassificationMetrics(
        truth: gendered.map { $0.segment.gender! }, predicted: gendered.map { strategy.predict($0.gender) }, classes: 2)
    }
  }
  return SplitScores(emotion: emotion, gender: gender)
}

/// The strategy with the highest validation UA; ties go to the earlier of majority, mean, max.
func chooseStrategy(_ validation: SplitScores) -> AggregationStrategy {
  AggregationStrategy.allCases[argmax(AggregationStrategy.allCases.map { validation.emotion[$0]?.ua ?? 0 })]
}
