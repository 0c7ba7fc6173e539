import AudioFeatures
import EmoSupport
import Foundation
import Trainer

/// Cross-corpus test: each fold's model on every kept segment of another prep output.
public struct CrossCorpusResult: Codable, Sendable, Hashable {
  public struct FoldScore: Codable, Sendable, Hashable {
    public var fold: Int
    public var ua: Double
    public var wa: Double
    public var confusion: [[Int]]
  }

  public var prep: String
  public var segments: Int
  public var ua: Double
  public var wa: Double
  public var folds: [FoldScore]

  /// The folds' confusion matrices summed (`[truth][predicted]`).
  public var confusion: [[Int]] {
    guard var sum = folds.first?.confusion else { return [] }
    for fold in folds.dropFirst() {
      for i in sum.indices { for j in sum[i].indices { sum[i][j] += fold.confusion[i][j] } }
    }
    return sum
  }
}

enum CrossCorpus {
  /// `prep` when its task classes are the training run's (same names, same order) and its
  /// features were made with the model's feature config (channel choice aside), else an error
  /// naming both.
  static func compatible(_ prep: PreparedData, classes: [String], features model: FeatureConfig) throws -> PreparedData
  {
    guard prep.classes == classes else {
      throw LocatedError(
        file: prep.dir, "task classes \(prep.classes.joined(separator: ", ")) differ from the training run's",
        expected: classes.joined(separator: ", "))
    }
    try requireSameFeatures(prep.store.config, model: model, at: prep.dir, what: "its features were made")
    return prep
  }

  /// An error when `features` differ from the `model`'s config in anything but the channel,
  /// naming the options that differ and both configs.
  static func requireSameFeatures(_ features: FeatureConfig, model: FeatureConfig, at path: String, what: String)
    throws
  {
    let differences = features.differences(from: model)
    guard !differences.isEmpty else { return }
    let listed = differences.map { "\($0.option) \($0.this) here, \($0.other) for the model" }
    throw LocatedError(
      file: path,
      "\(what) with another feature config than the model's (\(listed.joined(separator: "; "))): "
        + "here \(features.summary); model \(model.summary)",
      expected: "the model's feature config: prepare this corpus with the same rate, Mel, window, Δ and resampler "
        + "options as the training data (see README, \"A model and its features\")")
  }

  /// Each fold's model on every kept segment of `prep` (checked with `compatible` first).
  static func evaluate(runDir: String, folds: [Int], prep: PreparedData, threads: Int) throws -> CrossCorpusResult {
    let split = try prep.everySegment()
    var scores: [CrossCorpusResult.FoldScore] = []
    for fold in folds {
      let predictor = try Predictor.load(foldDir: "\(runDir)/fold-\(fold)")
      let metrics = try predictor.evaluate(split: split, source: prep.source, threads: threads)
      guard let m = metrics[predictor.strategy] else { continue }
      scores.append(.init(fold: fold, ua: m.ua, wa: m.wa, confusion: m.confusion))
    }
    return CrossCorpusResult(
      prep: prep.dir, segments: split.segments.count, ua: meanAndStd(scores.map(\.ua)).mean,
      wa: meanAndStd(scores.map(\.wa)).mean, folds: scores)
  }
}
