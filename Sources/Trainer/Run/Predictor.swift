import EmoSupport
import Foundation

/// A trained fold model, loaded from `RUN/fold-K/` for `emocorpus predict` and cross-corpus tests.
///
/// Inputs are raw (unnormalized) feature windows from the same front end as training; the
/// fold's normalization statistics are applied here.
public struct Predictor: Sendable {
  public let model: ModelConfig
  public let classes: [String]
  /// Aggregation strategy chosen on the fold's validation split.
  public let strategy: AggregationStrategy
  public let normalization: Normalization
  public let parameters: [Float]
  public let network: Network
  /// Rated dimensions the model predicts, with their scales (nil: none).
  public var regression: RegressionTargets? = nil

  /// Per-window posteriors and the segment-level decision for one segment or file.
  public struct Prediction: Sendable {
    /// One row of class posteriors per window.
    public var windows: [[Float]]
    /// Mean posterior over windows.
    public var posterior: [Float]
    /// Class index chosen with the fold's strategy.
    public var label: Int
    /// Mean gender posteriors (female, male) when the model has a gender head.
    public var gender: [Float]?
    /// Per window, each rated dimension's value in the scale's units (empty without dimensions).
    public var windowDimensions: [[String: Double]] = []
    /// Each rated dimension's value for the segment: the mean of its windows (nil: none).
    public var dimensions: [String: Double]? = nil
  }

  /// Loads `foldDir/weights.bin` (checksum verified).
  public static func load(foldDir: String) throws -> Predictor {
    let path = RunDirectory.FoldDirectory(foldDir).weights
    let (header, arrays) = try ParameterFile.read(PredictorHeader.self, path: path)
    let network = try Network(
      config: header.model, classes: header.classes.count, dimensions: header.regression?.names.count ?? 0)
    guard arrays.count == 1, arrays[0].count == network.parameterCount else {
      throw LocatedError(file: path, "weights do not match the model", expected: "\(network.parameterCount) parameters")
    }
    return Predictor(
      model: header.model, classes: header.classes, strategy: header.strategy, normalization: header.normalization,
      parameters: arrays[0], network: network, regression: header.regression)
  }

  /// Predicts one segment from its windows (at least one, each `frames × features`).
  public func predict(_ windows: [FeatureWindow], threads: Int = 2) throws -> Prediction {
    let expected = model.inputFrames * model.inputFeatures
    guard !windows.isEmpty else {
      throw LocatedError(file: nil, "no feature windows to predict", expected: "≥ 1 window")
    }
    for w in windows where w.features.count != expected {
      throw LocatedError(
        file: nil, "feature window has \(w.features.count) values",
        expected: "\(model.inputFrames) frames × \(model.inputFeatures) features = \(expected)")
    }
    let engine = BatchEngine(network: network, batchSize: min(windows.count, 32), workers: threads)
    let segment = SplitSegment(id: "", label: -1)
    let batch = try engine.makeBatch(windows.map { (segment, $0) }, normalization: normalization)
    var regressionOut: [Float] = []
    let (emotion, gender) = engine.infer(params: parameters, batch: batch, regression: &regressionOut)
    let n = classes.count
    let rows = (0..<windows.count).map { Array(emotion[($0 * n)..<(($0 + 1) * n)]) }
    let mean = (0..<n).map { c in rows.map { $0[c] }.reduce(0, +) / Float(rows.count) }
    var genderMean: [Float]?
    if !gender.isEmpty {
      genderMean = (0..<2).map { c in (0..<windows.count).map { gender[$0 * 2 + c] }.reduce(0, +) / Float(windows.count)
      }
    }
    var prediction = Prediction(
      windows: rows, posterior: mean, label: n > 0 ? strategy.predict(rows) : -1, gender: genderMean)
    if let regression {
      let dims = regression.names.count
      prediction.windowDimensions = (0..<windows.count).map { w in
        Dictionary(
          uniqueKeysWithValues: regression.names.enumerated().map { d, name in
            (name, regression.scales[d].value(Double(regressionOut[w * dims + d])))
          })
      }
      // The segment's value: the mean of its windows' outputs, mapped to the scale.
      prediction.dimensions = Dictionary(
        uniqueKeysWithValues: regression.names.enumerated().map { d, name in
          let unit = (0..<windows.count).reduce(0.0) { $0 + Double(regressionOut[$1 * dims + d]) }
          return (name, regression.scales[d].value(unit / Double(windows.count)))
        })
    }
    return prediction
  }

  /// Test scores of this model on another split (cross-corpus: same task classes), under the
  /// model's strategy and all three.
  public func evaluate(split: TrainingSplit, source: any WindowSource, threads: Int = 2) throws -> [AggregationStrategy:
    ClassificationMetrics]
  {
    guard !classes.isEmpty else {
      throw LocatedError(
        file: nil, "this model predicts rated dimensions only, no emotion classes to test",
        expected: "a model trained with the emotion target")
    }
    guard source.featureDim == model.inputFeatures && source.windowFrames == model.inputFrames else {
      throw LocatedError(
        file: nil, "features are \(source.windowFrames)×\(source.featureDim)",
        expected: "\(model.inputFrames)×\(model.inputFeatures) as in training")
    }
    let engine = BatchEngine(network: network, batchSize: 32, workers: threads)
    let posteriors = try engine.posteriors(
      params: parameters, split: split, source: source, normalization: normalization, batchSize: 32)
    return score(posteriors, classes: classes.count).emotion
  }
}
