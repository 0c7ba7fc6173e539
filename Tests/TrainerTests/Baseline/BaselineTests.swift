import Foundation
import Testing

@testable import Trainer

@Suite struct BaselineTests {
  struct Golden: Decodable {
    var train: [[Double]]
    var labels: [Int]
    var test: [[Double]]
    var posteriors: [[Double]]
    var coefficients: [[Double]]
    var intercepts: [Double]
  }

  /// Standardization + balanced logistic regression against scikit-learn's pipeline
  /// (`scripts/dev/golden_baseline.py`): same coefficients and test posteriors.
  @Test func classifierMatchesScikitLearn() throws {
    let url = Bundle.module.url(forResource: "baseline", withExtension: "json", subdirectory: "Fixtures/golden")!
    let golden = try JSONDecoder().decode(Golden.self, from: Data(contentsOf: url))
    let model = BandStatisticsBaseline.fit(golden.train, labels: golden.labels, classes: 3)
    let features = golden.train[0].count
    for k in 0..<3 {
      for j in 0..<features {
        #expect(abs(model.regression.weights[k * features + j] - golden.coefficients[k][j]) < 1e-6)
      }
      #expect(abs(model.regression.intercepts[k] - golden.intercepts[k]) < 1e-6)
    }
    for (point, expected) in zip(golden.test, golden.posteriors) {
      let x = point.indices.map { (point[$0] - model.mean[$0]) / model.std[$0] }
      let p = model.regression.posteriors(x[...])
      for k in 0..<3 { #expect(abs(p[k] - expected[k]) < 1e-7) }
      #expect(model.predict(point) == expected.indices.max { expected[$0] < expected[$1] })
    }
  }

  /// Worked by hand: windows of true lengths 2 and 1 (dim 3, the 2 first values are bands); band 0
  /// takes 1, 3, 5 → mean 3, std √(8/3); band 1 takes 2, 2, 2 → mean 2, std 0. Padded frames and
  /// the third feature are not read.
  @Test func segmentSummaryIsBandMeansAndStandardDeviations() {
    let windows = [
      FeatureWindow(features: [1, 2, 9, 3, 2, 9, 7, 7, 7], length: 2),
      FeatureWindow(features: [5, 2, 9, 8, 8, 8, 8, 8, 8], length: 1),
    ]
    let s = BandStatisticsBaseline.summary(windows, bands: 2, featureDim: 3)
    #expect(s.count == 4)
    #expect(abs(s[0] - 3) < 1e-12 && abs(s[1] - 2) < 1e-12)
    #expect(abs(s[2] - (8.0 / 3).squareRoot()) < 1e-12 && abs(s[3]) < 1e-6)
  }

  /// On the synthetic fold (class c raises feature c) the baseline is far above chance, scored on
  /// the test split only, fold by fold.
  @Test func baselineSeparatesTheSyntheticClasses() throws {
    let (source, fold) = syntheticFold(segmentsPerClass: 24)
    let result = try BandStatisticsBaseline.evaluate(folds: [fold], source: source, classes: 3, bands: 4)
    #expect(result.folds.count == 1 && result.folds[0].fold == 1)
    #expect(result.ua > 0.8)
    #expect(result.ua == result.folds[0].ua && result.uaStd == 0)
  }
}
