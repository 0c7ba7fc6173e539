import Testing

@testable import Trainer

@Suite struct EvaluationTests {
  /// Imbalanced case worked by hand: truth 8×A, 2×B; the model says A for everything but one B.
  /// Recall A = 8/8, recall B = 1/2 → UA = (1 + 0.5)/2 = 0.75; WA = 9/10 = 0.9.
  @Test func uaAndWaDifferOnAnImbalancedCase() {
    let truth = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1]
    let predicted = [0, 0, 0, 0, 0, 0, 0, 0, 1, 0]
    let m = ClassificationMetrics(truth: truth, predicted: predicted, classes: 3)
    #expect(abs(m.ua - 0.75) < 1e-12)
    #expect(abs(m.wa - 0.9) < 1e-12)
    #expect(m.confusion == [[8, 0, 0], [1, 1, 0], [0, 0, 0]])
    // Class 2 never occurs in the truth: no recall, not averaged into UA.
    #expect(m.recall[2] == nil)
  }

  @Test func alwaysPredictingTheMajorityClassGivesChanceUA() {
    let m = ClassificationMetrics(truth: [0, 0, 0, 1, 2, 3], predicted: [0, 0, 0, 0, 0, 0], classes: 4)
    #expect(abs(m.ua - 0.25) < 1e-12)
    #expect(abs(m.wa - 0.5) < 1e-12)
  }

  @Test func meanAndSampleStdOverFolds() {
    let (mean, std) = meanAndStd([0.5, 0.7])
    #expect(abs(mean - 0.6) < 1e-12)
    #expect(abs(std - 0.02.squareRoot()) < 1e-12)  // ((0.1² + 0.1²)/1)^½
    #expect(meanAndStd([0.4]).std == 0)
  }

  @Test func aggregationStrategiesOnHandWorkedWindows() {
    // Three windows of one segment, three classes.
    let windows: [[Float]] = [[0.6, 0.3, 0.1], [0.1, 0.5, 0.4], [0.05, 0.55, 0.4]]
    // Votes: A, B, B → majority B. Mean: A 0.25, B 0.45, C 0.3 → B. Max: A 0.6, B 0.55, C 0.4 → A.
    #expect(AggregationStrategy.majority.predict(windows) == 1)
    #expect(AggregationStrategy.mean.predict(windows) == 1)
    #expect(AggregationStrategy.max.predict(windows) == 0)
  }

  @Test func majorityTieGoesToTheHigherMeanPosteriorThenTheLowerIndex() {
    // One vote each for A and C; mean A 0.35, C 0.45 → C.
    let tie: [[Float]] = [[0.5, 0.1, 0.4], [0.2, 0.3, 0.5]]
    #expect(AggregationStrategy.majority.predict(tie) == 2)
    // Full tie: A and B have one vote and equal means → A (lower index).
    let full: [[Float]] = [[0.6, 0.4], [0.4, 0.6]]
    #expect(AggregationStrategy.majority.predict(full) == 0)
    #expect(AggregationStrategy.mean.predict(full) == 0)
  }

  @Test func strategyIsChosenOnValidationUA() {
    let segments = [
      SegmentPosteriors(
        segment: .init(id: "a", label: 0), windows: [[0.9, 0.1], [0.4, 0.6], [0.4, 0.6]], gender: []),
      SegmentPosteriors(segment: .init(id: "b", label: 1), windows: [[0.3, 0.7]], gender: []),
    ]
    // Segment a: majority → 1 (wrong), mean 0.57 → 0 (right), max 0.9 → 0 (right): mean and max
    // tie on UA and mean comes first in the order majority, mean, max.
    let scores = score(segments, classes: 2)
    #expect(abs(scores.emotion[.majority]!.ua - 0.5) < 1e-12)
    #expect(abs(scores.emotion[.mean]!.ua - 1) < 1e-12)
    #expect(chooseStrategy(scores) == .mean)
  }

  @Test func runResultAveragesFoldsAndSumsConfusions() {
    func fold(_ k: Int, _ ua: Double, _ wa: Double, _ s: AggregationStrategy) -> FoldResult {
      FoldResult(
        fold: k, ua: ua, wa: wa, strategy: s, confusion: [[1, 0], [0, k]], strategies: [:], genderUA: nil,
        genderWA: nil,
        bestEpoch: 1, validationUA: 0, curves: [], testSegments: 1 + k)
    }
    let run = RunResult(
      folds: [fold(1, 0.6, 0.7, .mean), fold(2, 0.8, 0.9, .mean), fold(3, 0.7, 0.8, .max)], classes: ["a", "b"],
      model: "m", parameterCount: 1, options: TrainingOptions())
    #expect(abs(run.ua! - 0.7) < 1e-12 && abs(run.wa! - 0.8) < 1e-12)
    #expect(abs(run.uaStd! - 0.1) < 1e-12)
    #expect(run.strategy == .mean)
    #expect(run.confusion == [[3, 0], [0, 6]])
  }
}
