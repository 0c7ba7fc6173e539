import EmoSupport
import Foundation
import Testing

@testable import Trainer

/// The network against PyTorch (torch.nn Conv1d, packed bidirectional LSTM, Linear; golden values
/// from `scripts/dev/golden_trainer.py`): the same weights and windows give the same posteriors, loss
/// and gradient, in the double path (the one the finite-difference checks use) and in the float
/// path training runs (fast activations, float BLAS).
@Suite struct PyTorchReferenceTests {
  struct Outcome {
    var posteriors: [Double]
    var gender: [Double]
    var loss: Double
    var gradient: [Double]
  }

  func run<S: TrainerScalar>(_ golden: TrainerGolden.NetworkCase, as _: S.Type) throws -> Outcome {
    let network = try Network(config: golden.config, classes: golden.classes)
    #expect(network.parameterCount == golden.parameters.count)
    let batch = golden.lengths.count
    let ws = Workspace<S>(network: network, capacity: batch)
    ws.setInputs(golden.input.map { S($0) }, count: batch)
    let params = golden.parameters.map { S($0) }
    var grads = [S](repeating: 0, count: params.count)
    let loss = params.withUnsafeBufferPointer { p in
      network.forward(p.baseAddress!, ws, batch: batch, lengths: golden.lengths, dropoutSeeds: nil)
      return grads.withUnsafeMutableBufferPointer { g in
        network.backward(
          p.baseAddress!, g.baseAddress!, ws, batch: batch, labels: golden.labels, genders: golden.genders, scale: 1)
      }
    }
    return Outcome(
      posteriors: (0..<(batch * golden.classes)).map { Double(ws.logits.pointer[$0]) },
      gender: (0..<(batch * 2)).map { Double(ws.gender.pointer[$0]) }, loss: loss, gradient: grads.map { Double($0) })
  }

  @Test(arguments: ["masked3", "plain2"])
  func doublePathMatchesPyTorch(_ name: String) throws {
    let golden = TrainerGolden.shared.networks.first { $0.name == name }!
    let out = try run(golden, as: Double.self)
    #expect(zip(out.posteriors, golden.posteriors).allSatisfy { abs($0 - $1) < 1e-12 })
    #expect(zip(out.gender, golden.genderPosteriors).allSatisfy { abs($0 - $1) < 1e-12 })
    #expect(abs(out.loss - golden.loss) < 1e-10)
    #expect(worstRelativeError(out.gradient, golden.gradient) < 1e-9)
  }

  /// The inference pass (convolutions without patch matrices) gives PyTorch's posteriors too, in
  /// double to 1e-12 and in float to 1e-5.
  @Test(arguments: ["masked3", "plain2"])
  func inferencePassMatchesPyTorch(_ name: String) throws {
    let golden = TrainerGolden.shared.networks.first { $0.name == name }!
    func posteriors<S: TrainerScalar>(_: S.Type) throws -> [Double] {
      let network = try Network(config: golden.config, classes: golden.classes)
      let batch = golden.lengths.count
      let ws = Workspace<S>(network: network, capacity: batch)
      ws.setInputs(golden.input.map { S($0) }, count: batch)
      let params = golden.parameters.map { S($0) }
      params.withUnsafeBufferPointer { p in
        network.forward(
          p.baseAddress!, ws, batch: batch, lengths: golden.lengths, dropoutSeeds: nil, backwardFollows: false)
      }
      return (0..<(batch * golden.classes)).map { Double(ws.logits.pointer[$0]) }
    }
    #expect(zip(try posteriors(Double.self), golden.posteriors).allSatisfy { abs($0 - $1) < 1e-12 })
    #expect(zip(try posteriors(Float.self), golden.posteriors).allSatisfy { abs($0 - $1) < 1e-5 })
  }

  /// The batch exercises the conv masking: without it the masked3 posteriors would differ.
  @Test func goldenBatchDependsOnConvMasking() throws {
    var golden = TrainerGolden.shared.networks.first { $0.name == "masked3" }!
    golden.maskConvOutputs = false
    let out = try run(golden, as: Double.self)
    #expect(zip(out.posteriors, golden.posteriors).contains { abs($0 - $1) > 1e-6 })
  }

  /// Float with fast activations (error < 1e-6) and float BLAS: posteriors within 1e-5, every
  /// gradient entry within 1e-4 of the largest one.
  @Test(arguments: ["masked3", "plain2"])
  func floatPathMatchesPyTorch(_ name: String) throws {
    let golden = TrainerGolden.shared.networks.first { $0.name == name }!
    let out = try run(golden, as: Float.self)
    #expect(zip(out.posteriors, golden.posteriors).allSatisfy { abs($0 - $1) < 1e-5 })
    #expect(zip(out.gender, golden.genderPosteriors).allSatisfy { abs($0 - $1) < 1e-5 })
    #expect(abs(out.loss - golden.loss) < 1e-4)
    let scale = golden.gradient.map(abs).max()!
    #expect(zip(out.gradient, golden.gradient).allSatisfy { abs($0 - $1) <= 1e-4 * scale })
  }

  /// The float backward path of the full-size default model against its double path: 3 windows
  /// (full, masked, short), He/PyTorch initialization, gender head on.
  @Test func floatGradientOfTheDefaultModelMatchesDouble() throws {
    var config = ModelConfig.temporalCNNBiLSTM
    config.genderHead = true
    let network = try Network(config: config, classes: 4)
    let lengths = [300, 217, 40]
    var rng = SeededRandom(seed: 21)
    var input = [Double](repeating: 0, count: lengths.count * network.inputSize)
    for (b, length) in lengths.enumerated() {
      for i in 0..<(length * config.inputFeatures) { input[b * network.inputSize + i] = rng.normal() }
    }
    let params = network.initialParameters(seed: 22)
    func gradient<S: TrainerScalar>(_: S.Type) -> (Double, [Double]) {
      let ws = Workspace<S>(network: network, capacity: lengths.count)
      ws.setInputs(input.map { S($0) }, count: lengths.count)
      let p = params.map { S($0) }
      var g = [S](repeating: 0, count: p.count)
      let loss = p.withUnsafeBufferPointer { pp in
        network.forward(pp.baseAddress!, ws, batch: lengths.count, lengths: lengths, dropoutSeeds: nil)
        return g.withUnsafeMutableBufferPointer { gg in
          network.backward(
            pp.baseAddress!, gg.baseAddress!, ws, batch: lengths.count, labels: [3, 0, 2], genders: [1, 0, 1],
            scale: 1)
        }
      }
      return (loss, g.map { Double($0) })
    }
    let (lossF, gF) = gradient(Float.self)
    let (lossD, gD) = gradient(Double.self)
    #expect(abs(lossF - lossD) < 1e-4 * max(1, abs(lossD)))
    let scale = gD.map(abs).max()!
    #expect(scale > 0)
    #expect(zip(gF, gD).allSatisfy { abs($0 - $1) <= 1e-4 * scale })
    let norm = gD.map { $0 * $0 }.reduce(0, +).squareRoot()
    let error = zip(gF, gD).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
    #expect(error / norm < 1e-5)
  }
}
