import EmoSupport
import Foundation
import TestSupport
import Testing

@testable import Trainer

@Suite struct ModelTests {
  /// Loss of the whole network on a fixed batch with fixed dropout masks, and its gradient.
  func lossAndGradient(
    _ network: Network, params: [Double], input: [Double], lengths: [Int], labels: [Int], genders: [Int]
  )
    -> (Double, [Double])
  {
    let ws = Workspace<Double>(network: network, capacity: lengths.count)
    ws.input.pointer.update(from: input, count: input.count)
    var grads = [Double](repeating: 0, count: params.count)
    let loss = params.withUnsafeBufferPointer { p in
      network.forward(p.baseAddress!, ws, batch: lengths.count, lengths: lengths, dropoutSeeds: [7, 8, 9, 10])
      return grads.withUnsafeMutableBufferPointer { g in
        network.backward(
          p.baseAddress!, g.baseAddress!, ws, batch: lengths.count, labels: labels, genders: genders, scale: 1)
      }
    }
    return (loss, grads)
  }

  func wholeModelCheck(_ config: ModelConfig) {
    let network = try! Network(config: config, classes: 3)
    var params = network.initialParameters(seed: 3).map(Double.init)
    let lengths = [config.inputFrames, config.inputFrames - 3, 5, 2]
    var input = randomValues(4 * network.inputSize, seed: 4)
    for (b, length) in lengths.enumerated() {
      for i in (length * config.inputFeatures)..<network.inputSize { input[b * network.inputSize + i] = 0 }
    }
    let labels = [0, 2, 1, 2]
    let genders = [1, 0, -1, 1]
    let (_, grads) = lossAndGradient(
      network, params: params, input: input, lengths: lengths, labels: labels, genders: genders)
    let idx = sampleIndices(params.count, limit: 600)
    let numeric = numericGradient(&params, indices: idx) { p in
      lossAndGradient(network, params: p, input: input, lengths: lengths, labels: labels, genders: genders).0
    }
    #expect(worstRelativeError(idx.map { grads[$0] }, numeric) < 1e-5)
    #expect(idx.contains { grads[$0] != 0 })
  }

  @Test func temporalModelGradientMatchesFiniteDifferences() {
    wholeModelCheck(
      ModelConfig(
        name: "tiny", inputFeatures: 5, inputFrames: 13,
        layers: [
          .init(type: "conv1d", channels: 4, kernel: [3], stride: [2], padding: [1]),
          .init(type: "conv1d", channels: 3, kernel: [3], stride: [3], padding: [1]),
        ], lstm: .init(hidden: 3, dropout: 0.5), dense: [.init(units: 4, dropout: 0.5)], genderHead: true))
  }

  @Test func twoDimensionalModelGradientMatchesFiniteDifferences() {
    wholeModelCheck(
      ModelConfig(
        name: "tiny2d", inputFeatures: 6, inputFrames: 10,
        layers: [.init(type: "conv2d", channels: 2, kernel: [3, 3], stride: [2, 2], padding: [1, 1])],
        lstm: .init(hidden: 2, dropout: 0.5, biasVectors: 1), dense: [.init(units: 3, dropout: 0)], genderHead: false))
  }

  /// SPEC §6: 219,062 = conv1 (120·3·128 + 128 = 46,208) + conv2 (128·3·96 + 96 = 36,960)
  /// + BiLSTM 2·(4·60·(96 + 60) + 2·4·60 = 37,920) = 75,840 + Dense(6000→10) 60,010
  /// + Dense(10→4) 44, gender head off; 218,582 with one LSTM bias vector; +22 with the gender head.
  @Test func defaultModelHasExactly219062Parameters() throws {
    let conv1 = 120 * 3 * 128 + 128
    let conv2 = 128 * 3 * 96 + 96
    let lstm = 2 * (4 * 60 * (96 + 60) + 2 * 4 * 60)
    let dense = 6000 * 10 + 10
    let head = 10 * 4 + 4
    #expect(conv1 + conv2 + lstm + dense + head == 219_062)
    let network = try Network(config: .temporalCNNBiLSTM, classes: 4)
    #expect(network.parameterCount == conv1 + conv2 + lstm + dense + head)
    #expect(network.parameterBreakdown.map(\.count) == [conv1, conv2, lstm, dense, head])
    var one = ModelConfig.temporalCNNBiLSTM
    one.lstm.biasVectors = 1
    #expect(try Network(config: one, classes: 4).parameterCount == 218_582)
    var gender = ModelConfig.temporalCNNBiLSTM
    gender.genderHead = true
    #expect(try Network(config: gender, classes: 4).parameterCount == 219_062 + 22)
    var noDeltaDelta = ModelConfig.temporalCNNBiLSTM
    noDeltaDelta.inputFeatures = 80
    #expect(try Network(config: noDeltaDelta, classes: 4).parameterCount == 219_062 - 40 * 3 * 128)
  }

  /// 32·9 + 32, 32·9·76 + 76, 2·(4·60·(2280 + 60) + 480), 6010·... worked in schemas/models/cnn2d-bilstm.yaml.
  @Test func twoDimensionalModelHasAbout1Point2MillionParameters() throws {
    let network = try Network(config: .cnn2dBiLSTM, classes: 4)
    let expected = (9 * 32 + 32) + (32 * 9 * 76 + 76) + 2 * (4 * 60 * (2280 + 60) + 480) + 60_010 + 44
    #expect(network.parameterCount == expected)
    #expect(expected == 1_206_498)
  }

  @Test func bundledConfigsMatchTheFilesInConfigs() throws {
    let root = repositoryFile(".")
    for (file, embedded) in [
      ("temporal-cnn-bilstm.yaml", BundledModelConfigs.temporalCNNBiLSTM),
      ("cnn2d-bilstm.yaml", BundledModelConfigs.cnn2dBiLSTM),
    ] {
      let text = try String(contentsOfFile: root.appendingPathComponent("schemas/models/\(file)").path, encoding: .utf8)
      #expect(text.trimmingCharacters(in: .newlines) == embedded.trimmingCharacters(in: .newlines), "\(file)")
    }
  }

  @Test func badModelConfigsNameTheProblem() {
    let cases: [(String, String)] = [
      (
        "layers:\n  - {type: conv3d, channels: 4}\n",
        "m.yaml: layer 1 has unknown type 'conv3d' (expected conv1d or conv2d)"
      ),
      (
        "lstm: {hidden: 0}\n",
        "m.yaml: lstm needs hidden ≥ 1 and bias_vectors 1 or 2 (expected e.g. {hidden: 60, bias_vectors: 2})"
      ),
      ("dense:\n  - {units: 10, dropout: 1.0}\n", "m.yaml: dropout rate 1.0 out of range (expected 0 ≤ rate < 1)"),
      (
        "layers:\n  - {type: conv1d, channels: 4, kernel: [3, 3]}\n",
        "m.yaml: layer 1 kernel has 2 values (expected one value)"
      ),
    ]
    for (yaml, message) in cases {
      #expect(throws: LocatedError.self) { try ModelConfig.parse(yaml: yaml, file: "m.yaml") }
      do {
        _ = try ModelConfig.parse(yaml: yaml, file: "m.yaml")
      } catch {
        #expect("\(error)" == message)
      }
    }
  }

  @Test func fastActivationsStayWithinTheirStatedErrorBound() {
    // Bound: |approx − exact| < 1e-6 absolute for sigmoid and tanh over [-20, 20].
    let xs = (0...40_000).map { Float(-20 + Double($0) / 1000) }
    var s = xs
    var t = xs
    Float.sigmoid(&s, s.count)
    Float.tanh(&t, t.count)
    var worstS = 0.0
    var worstT = 0.0
    for (i, x) in xs.enumerated() {
      worstS = max(worstS, abs(Double(s[i]) - 1 / (1 + Foundation.exp(-Double(x)))))
      worstT = max(worstT, abs(Double(t[i]) - Foundation.tanh(Double(x))))
    }
    #expect(worstS < 1e-6)
    #expect(worstT < 1e-6)
    var e = xs
    Float.exp(&e, e.count)
    let worstE = zip(xs, e).map { abs(Double($1) / Foundation.exp(Double($0)) - 1) }.max()!
    #expect(worstE < 1e-6)
  }
}

@Suite struct FlopCountTests {
  /// Issue 7 quotes 61.9 MFLOP per training sample for the default model; by hand: forward MACs
  /// conv1 150·128·360 + conv2 50·96·384 + LSTM input 50·480·96 + recurrent 49·480·60
  /// + dense 6000·10 + head 10·4 = 12,530,440; training = 3× forward minus conv1's input gradient.
  @Test func defaultModelFlopsMatchTheHandCount() throws {
    let convs: Double = 150 * 128 * 360 + 50 * 96 * 384
    let lstm: Double = 50 * 480 * 96 + 49 * 480 * 60
    let dense: Double = 6000 * 10 + 10 * 4
    let forward = convs + lstm + dense
    let flops = try ThroughputProbe.flopsPerSample()
    #expect(abs(flops.inference - 2 * forward) < 1)
    let conv1: Double = 150 * 128 * 360
    #expect(abs(flops.training - 2 * (3 * forward - conv1)) < 1)
    // 61.4 M here; the 61.9 M also counts elementwise work (gates, ReLU, Adam): within 1 %.
    #expect(abs(flops.training / 1e6 - 61.9) < 0.62)
  }
}

@Suite struct MaskingTests {
  /// Frames past what the masked steps can see (by the output-length formulas) do not change the
  /// posteriors: the default geometry at 101 true frames keeps 17 LSTM steps, which read conv1 rows
  /// 0…49, which read frames 0…99 (row 49 covers frames 97, 98, 99).
  @Test func framesPastTheMaskedReceptiveFieldDoNotChangeThePosteriors() throws {
    let network = try Network(config: .temporalCNNBiLSTM, classes: 4)
    #expect(network.lengths(input: 101) == [101, 51, 17])
    #expect(network.convRows(input: 101) == [50, 17])
    let params = network.initialParameters(seed: 8).map(Double.init)
    var rng = SeededRandom(seed: 9)
    let clean = (0..<network.inputSize).map { $0 < 101 * 120 ? rng.normal() : 0 }
    var noisy = clean
    for i in (100 * 120)..<network.inputSize { noisy[i] = 5 }
    func posteriors(_ input: [Double]) -> [Double] {
      let ws = Workspace<Double>(network: network, capacity: 1)
      ws.input.pointer.update(from: input, count: input.count)
      network.forward(params, ws, batch: 1, lengths: [101], dropoutSeeds: nil)
      return (0..<4).map { ws.logits.pointer[$0] }
    }
    let a = posteriors(clean)
    let b = posteriors(noisy)
    for c in 0..<4 { #expect(abs(a[c] - b[c]) < 1e-12) }
    // A frame inside the field does change them.
    var inside = clean
    inside[99 * 120] += 5
    let changed = posteriors(inside)
    #expect((0..<4).contains { abs(changed[$0] - a[$0]) > 1e-9 })
  }
}
