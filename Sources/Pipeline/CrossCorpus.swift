import EmoSupport
import Foundation
import Trainer

/// Cross-corpus test (SPEC §6): each fold's model on every kept segment of another prep output.
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
  /// `prep` when its task classes are the training run's (same names, same order), else an error.
  static func compatible(_ prep: PreparedData, classes: [String]) throws -> PreparedData {
    guard prep.classes == classes else {
      throw LocatedError(
        file: prep.dir, "task classes \(prep.classes.joined(separator: ", ")) differ from the training run's",
        expected: classes.joined(separator: ", "))
    }
    return prep
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
