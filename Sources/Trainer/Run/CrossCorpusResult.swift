import EmoSupport
import Foundation

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

extension CrossCorpusResult {
  /// Each fold's model (`runDir/fold-K`) on every segment of `split` (another corpus, same task
  /// classes and features), scored with each model's own strategy; UA and WA are means over folds.
  /// `prep` names the other corpus in the result.
  public static func evaluate(
    runDir: String, folds: [Int], split: TrainingSplit, source: any WindowSource, prep: String, threads: Int
  ) throws -> CrossCorpusResult {
    var scores: [FoldScore] = []
    for fold in folds {
      let predictor = try Predictor.load(foldDir: RunDirectory(runDir).fold(fold).root)
      let metrics = try predictor.evaluate(split: split, source: source, threads: threads)
      guard let m = metrics[predictor.strategy] else { continue }
      scores.append(.init(fold: fold, ua: m.ua, wa: m.wa, confusion: m.confusion))
    }
    return CrossCorpusResult(
      prep: prep, segments: split.segments.count, ua: meanAndStd(scores.map(\.ua)).mean,
      wa: meanAndStd(scores.map(\.wa)).mean, folds: scores)
  }
}
