import Foundation
import TestSupport
import Testing

@testable import Trainer

@Suite struct PredictorTests {
  /// A long file (more windows than one pass holds) gives the same window posteriors as short calls.
  @Test func longInputsRunInSeveralPassesWithTheSameResult() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let (source, fold) = syntheticFold(segmentsPerClass: 4)
    _ = try TrainRunner.trainFold(
      fold, source: source, classes: ["a", "b", "c"], model: tinyModel, options: tinyOptions(epochs: 1),
      foldDir: dir.path, log: { _ in })
    let predictor = try Predictor.load(foldDir: dir.path)
    let windows = fold.train.segments.flatMap { try! source.windows(segment: $0.id) }
    let repeated = Array((0..<4).map { _ in windows }.joined())
    #expect(repeated.count > 32)
    let all = try predictor.predict(repeated)
    for (k, window) in windows.enumerated() {
      let single = try predictor.predict([window], threads: 1)
      for c in 0..<3 { #expect(abs(all.windows[k][c] - single.windows[0][c]) < 1e-6) }
      for c in 0..<3 { #expect(abs(all.windows[k + windows.count][c] - single.windows[0][c]) < 1e-6) }
    }
  }
}
