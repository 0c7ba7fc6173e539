import EmoSupport
import Foundation
import Testing

@testable import Trainer

/// `Fixtures/golden/regression.json`, written by `scripts/golden_regression.py` (PyTorch autograd,
/// SciPy, scikit-learn).
struct DimensionsGolden: Decodable {
  struct LossCase: Decodable {
    var batch: Int
    var dimensions: Int
    var predictions: [Double]
    var targets: [Double?]
    var weights: [Double]
    var loss: Double
    var gradient: [Double]
  }
  struct MetricCase: Decodable {
    var truth: [Double]
    var predicted: [Double]
    var ccc: Double
    var pearson: Double
    var rmse: Double
  }
  struct RidgeCase: Decodable {
    var train: [[Double]]
    var targets: [Double]
    var test: [[Double]]
    var predictions: [Double]
  }
  var cccLoss: [LossCase]
  var metrics: [MetricCase]
  var ridge: RidgeCase

  enum CodingKeys: String, CodingKey {
    case metrics, ridge
    case cccLoss = "ccc_loss"
  }

  static let shared: DimensionsGolden = {
    let url = Bundle.module.url(forResource: "regression", withExtension: "json", subdirectory: "Fixtures/golden")!
    return try! JSONDecoder().decode(DimensionsGolden.self, from: Data(contentsOf: url))
  }()
}

@Suite struct RegressionHeadTests {
  func concordance(_ c: DimensionsGolden.LossCase, _ x: [Double]) -> (Double, [Double]) {
    var gradient = [Double](repeating: 0, count: x.count)
    let loss = x.withUnsafeBufferPointer { p in
      gradient.withUnsafeMutableBufferPointer { g in
        ConcordanceLoss.loss(
          predictions: p.baseAddress!, targets: c.targets.map { $0 ?? .nan }, batch: c.batch,
          dimensions: c.dimensions, weights: c.weights, gradient: g.baseAddress!)
      }
    }
    return (loss, gradient)
  }

  @Test func concordanceLossAndGradientMatchPyTorch() {
    for c in DimensionsGolden.shared.cccLoss {
      let (loss, gradient) = concordance(c, c.predictions)
      #expect(abs(loss - c.loss) < 1e-12)
      #expect(zip(gradient, c.gradient).allSatisfy { abs($0 - $1) < 1e-12 })
      // Missing targets get no gradient; the golden cases have some.
      for (i, t) in c.targets.enumerated() where t == nil { #expect(gradient[i] == 0) }
    }
    #expect(DimensionsGolden.shared.cccLoss.contains { $0.targets.contains(nil) })
  }

  @Test func concordanceGradientMatchesFiniteDifferences() {
    let c = DimensionsGolden.shared.cccLoss[1]
    var x = c.predictions
    let (_, gradient) = concordance(c, x)
    let idx = Array(0..<x.count)
    let numeric = numericGradient(&x, indices: idx) { concordance(c, $0).0 }
    #expect(worstRelativeError(gradient, numeric) < 1e-5)
  }

  @Test func perfectAgreementHasZeroLoss() {
    let y: [Double] = [-0.5, 0.1, 0.7, 0.2]
    let c = DimensionsGolden.LossCase(
      batch: 4, dimensions: 1, predictions: y, targets: y, weights: [1], loss: 0, gradient: [])
    let (loss, gradient) = concordance(c, y)
    #expect(abs(loss) < 1e-15)
    #expect(gradient.allSatisfy { abs($0) < 1e-12 })
    // A shifted prediction is penalized although Pearson's r would be 1.
    #expect(concordance(c, y.map { $0 + 0.5 }).0 > 0.3)
  }

  @Test func metricsMatchSciPy() {
    for c in DimensionsGolden.shared.metrics {
      let m = RegressionMetrics(truth: c.truth, predicted: c.predicted)
      #expect(abs(m.ccc - c.ccc) < 1e-12)
      #expect(abs(m.pearson - c.pearson) < 1e-12)
      #expect(abs(m.rmse - c.rmse) < 1e-12)
      #expect(m.segments == c.truth.count)
    }
  }

  @Test func ridgeMatchesScikitLearn() {
    let g = DimensionsGolden.shared.ridge
    let (mean, std) = BandStatisticsBaseline.standardization(g.train)
    func scaled(_ row: [Double]) -> [Double] { row.indices.map { (row[$0] - mean[$0]) / std[$0] } }
    let ridge = RidgeRegression.fit(x: g.train.map(scaled), y: g.targets)
    for (row, expected) in zip(g.test, g.predictions) {
      #expect(abs(ridge.predict(scaled(row)) - expected) < 1e-9)
    }
  }

  @Test func scalesMapToUnitRangeAndBack() {
    let scale = TargetScale(min: 1, max: 5)
    #expect(scale.unit(1) == -1)
    #expect(scale.unit(5) == 1)
    #expect(scale.unit(3) == 0)
    #expect(abs(scale.value(scale.unit(4.2)) - 4.2) < 1e-12)
  }

  /// Loss of the whole network (cross-entropies + weighted 1 − CCC) on a fixed batch with fixed
  /// dropout masks, and its gradient through every layer.
  func lossAndGradient(
    _ network: Network, params: [Double], input: [Double], lengths: [Int], labels: [Int], targets: [Double],
    weights: [Double]
  ) -> (Double, [Double]) {
    let batch = lengths.count
    let ws = Workspace<Double>(network: network, capacity: batch)
    ws.input.pointer.update(from: input, count: input.count)
    var grads = [Double](repeating: 0, count: params.count)
    let loss = params.withUnsafeBufferPointer { p in
      network.forward(p.baseAddress!, ws, batch: batch, lengths: lengths, dropoutSeeds: [7, 8, 9, 10, 11])
      var dOut = [Double](repeating: 0, count: batch * network.dimensions)
      let concordance = dOut.withUnsafeMutableBufferPointer { g in
        ConcordanceLoss.loss(
          predictions: ws.regression.pointer, targets: targets, batch: batch, dimensions: network.dimensions,
          weights: weights, gradient: g.baseAddress!)
      }
      return concordance
        + grads.withUnsafeMutableBufferPointer { g in
          dOut.withUnsafeBufferPointer { d in
            network.backward(
              p.baseAddress!, g.baseAddress!, ws, batch: batch, labels: labels, genders: [1, 0, -1, 1, 0], scale: 1,
              regressionGradient: d.baseAddress!)
          }
        }
    }
    return (loss, grads)
  }

  func wholeModelCheck(classes: Int, genderHead: Bool) throws {
    let config = ModelConfig(
      name: "tiny-dims", inputFeatures: 5, inputFrames: 13, maskConvOutputs: true,
      layers: [
        .init(type: "conv1d", channels: 4, kernel: [3], stride: [2], padding: [1]),
        .init(type: "conv1d", channels: 3, kernel: [3], stride: [3], padding: [1]),
      ], lstm: .init(hidden: 3, dropout: 0.5), dense: [.init(units: 4, dropout: 0.5)], genderHead: genderHead)
    let network = try Network(config: config, classes: classes, dimensions: 2)
    var params = network.initialParameters(seed: 3).map(Double.init)
    let lengths = [13, 11, 8, 5, 2]
    var input = randomValues(lengths.count * network.inputSize, seed: 4)
    for (b, length) in lengths.enumerated() {
      for i in (length * config.inputFeatures)..<network.inputSize { input[b * network.inputSize + i] = 0 }
    }
    let labels = classes > 0 ? [0, 2, 1, 2, 0] : [-1, -1, -1, -1, -1]
    let targets: [Double] = [0.5, -0.2, -0.7, .nan, 0.1, 0.9, 0.3, 0.4, -0.9, -0.5]
    let weights = [1.0, 0.5]
    let (_, grads) = lossAndGradient(
      network, params: params, input: input, lengths: lengths, labels: labels, targets: targets, weights: weights)
    let idx = sampleIndices(params.count, limit: 600)
    let numeric = numericGradient(&params, indices: idx) { p in
      lossAndGradient(
        network, params: p, input: input, lengths: lengths, labels: labels, targets: targets, weights: weights
      ).0
    }
    #expect(worstRelativeError(idx.map { grads[$0] }, numeric) < 1e-5)
    // The regression head's own weights and the shared layers below it are trained.
    let head = network.regressionHead!
    #expect((head.offset..<(head.offset + head.parameterCount)).contains { grads[$0] != 0 })
    #expect(grads[0] != 0)
  }

  @Test func networkWithRegressionHeadMatchesFiniteDifferences() throws {
    try wholeModelCheck(classes: 3, genderHead: true)
  }

  @Test func networkWithOnlyARegressionHeadMatchesFiniteDifferences() throws {
    try wholeModelCheck(classes: 0, genderHead: false)
  }

  @Test func regressionHeadComesAfterTheOtherParameters() throws {
    let plain = try Network(config: tinyModel, classes: 3)
    let dims = try Network(config: tinyModel, classes: 3, dimensions: 2)
    #expect(dims.parameterCount == plain.parameterCount + tinyModel.dense[0].units * 2 + 2)
    // Same initial weights for everything the emotion-only model has.
    #expect(Array(dims.initialParameters(seed: 5).prefix(plain.parameterCount)) == plain.initialParameters(seed: 5))
    #expect(dims.summary.contains("regression head: 14"))
    #expect(throws: LocatedError.self) { try Network(config: tinyModel, classes: 0) }
  }
}
