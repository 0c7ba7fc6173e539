import EmoSupport
import Foundation
import TestSupport
import Testing

@testable import Trainer

@Suite struct TrainingTests {
  @Test func trainingLearnsASeparableTaskAndWritesResults() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let (source, fold) = syntheticFold(segmentsPerClass: 24)
    var lines: [String] = []
    var model = tinyModel
    model.lstm.dropout = 0.1
    model.dense[0].dropout = 0.1
    var options = tinyOptions(epochs: 25)
    options.decayEvery = 1000
    let run = try TrainRunner.trainFolds(
      [fold], source: source, classes: ["a", "b", "c"], model: model, options: options,
      outDir: dir.path, log: { lines.append($0) })
    #expect((run.ua ?? 0) > 0.6)  // chance is 1/3
    #expect(run.folds[0].curves.count == 25)
    #expect(run.folds[0].curves.last!.loss < run.folds[0].curves.first!.loss)
    let network = try Network(config: model, classes: 3)
    #expect(lines.first == network.summary)
    #expect(lines.dropFirst().first == "fold 1: model tiny, \(network.parameterCount) trainable parameters")
    let json = try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: dir.path + "/results.json")))
    let keys = Set((json as! [String: Any]).keys)
    #expect(keys.isSuperset(of: ["ua", "wa", "folds", "strategy", "classes", "confusion"]))
    // The saved fold model predicts like the trainer evaluated it.
    let predictor = try Predictor.load(foldDir: dir.path + "/fold-1")
    let scores = try predictor.evaluate(split: fold.test, source: source)
    #expect(abs(scores[predictor.strategy]!.ua - run.folds[0].ua!) < 1e-12)
    let one = try predictor.predict(try source.windows(segment: fold.test.segments[0].id))
    #expect(abs(one.posterior.reduce(0, +) - 1) < 1e-5)
    #expect(one.gender != nil)
  }

  @Test func resumedTrainingEndsWithTheSameWeightsAsAnUninterruptedRun() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let (source, fold) = syntheticFold(segmentsPerClass: 6)
    let classes = ["a", "b", "c"]
    _ = try TrainRunner.trainFold(
      fold, source: source, classes: classes, model: tinyModel, options: tinyOptions(epochs: 4),
      foldDir: dir.path + "/full", log: { _ in })
    _ = try TrainRunner.trainFold(
      fold, source: source, classes: classes, model: tinyModel, options: tinyOptions(epochs: 2),
      foldDir: dir.path + "/resumed", log: { _ in })
    _ = try TrainRunner.trainFold(
      fold, source: source, classes: classes, model: tinyModel, options: tinyOptions(epochs: 4),
      foldDir: dir.path + "/resumed", resume: true, log: { _ in })
    _ = try TrainRunner.trainFold(
      fold, source: source, classes: classes, model: tinyModel, options: tinyOptions(epochs: 4),
      foldDir: dir.path + "/again", log: { _ in })
    let full = try ParameterFile.read(CheckpointHeader.self, path: dir.path + "/full/checkpoint.bin")
    let resumed = try ParameterFile.read(CheckpointHeader.self, path: dir.path + "/resumed/checkpoint.bin")
    let again = try ParameterFile.read(CheckpointHeader.self, path: dir.path + "/again/checkpoint.bin")
    #expect(full.header.epoch == 4 && resumed.header.epoch == 4)
    #expect(full.header.step == resumed.header.step)
    // Bit-identical weights, Adam moments and best weights (compared as bit patterns, not floats).
    #expect(full.arrays.map { $0.map(\.bitPattern) } == resumed.arrays.map { $0.map(\.bitPattern) })
    #expect(full.arrays.map { $0.map(\.bitPattern) } == again.arrays.map { $0.map(\.bitPattern) })
    #expect(full.header.rng == resumed.header.rng)
  }

  @Test func resumeRefusesACheckpointOfAnotherModel() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let (source, fold) = syntheticFold(segmentsPerClass: 4)
    _ = try TrainRunner.trainFold(
      fold, source: source, classes: ["a", "b", "c"], model: tinyModel, options: tinyOptions(epochs: 1),
      foldDir: dir.path, log: { _ in })
    var other = tinyModel
    other.lstm.hidden = 3
    #expect {
      _ = try TrainRunner.trainFold(
        fold, source: source, classes: ["a", "b", "c"], model: other, options: tinyOptions(epochs: 2),
        foldDir: dir.path,
        resume: true, log: { _ in })
    } throws: { error in
      "\(error)"
        == "\(dir.path)/checkpoint.bin: checkpoint was made with a different model, classes or training options (expected the same settings as the interrupted run (only --epochs may change))"
    }
  }

  @Test func corruptedCheckpointIsDetected() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = dir.path + "/w.bin"
    try ParameterFile.write(header: ["k": 1], arrays: [[1, 2, 3]], to: path)
    let read = try ParameterFile.read([String: Int].self, path: path)
    #expect(read.arrays == [[1, 2, 3]] && read.header == ["k": 1])
    var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    bytes[bytes.count - 70] ^= 1
    try bytes.write(to: URL(fileURLWithPath: path))
    #expect {
      _ = try ParameterFile.read([String: Int].self, path: path)
    } throws: { error in
      "\(error)"
        == "\(path): corrupt parameter file: checksum mismatch (truncated or modified) (expected a file written by emocorpus train)"
    }
  }

  @Test func oversamplingBalancesClassesDeterministically() {
    let byClass = [
      (0..<5).map { WindowRef(segment: $0, window: 0) }, (0..<2).map { WindowRef(segment: 10 + $0, window: 0) },
      [WindowRef(segment: 20, window: 0)],
    ]
    var rng = SeededRandom(seed: 3)
    let order = TrainingSession.epochOrder(byClass, rng: &rng)
    #expect(order.count == 15)
    #expect(order.filter { $0.segment < 10 }.count == 5)
    #expect(order.filter { $0.segment >= 10 && $0.segment < 20 }.count == 5)
    #expect(order.filter { $0.segment == 20 }.count == 5)
    // Every original window appears at least once.
    #expect(Set(order).count == 8)
    var rng2 = SeededRandom(seed: 3)
    #expect(TrainingSession.epochOrder(byClass, rng: &rng2) == order)
  }

  @Test func learningRateDecaysEveryThousandSteps() {
    let options = TrainingOptions()
    #expect(abs(options.learningRate(atStep: 999) - 1e-4) < 1e-15)
    #expect(abs(options.learningRate(atStep: 1000) - 0.9e-4) < 1e-15)
    #expect(abs(options.learningRate(atStep: 2500) - 0.81e-4) < 1e-15)
  }

  @Test func twoWorkersGiveTheSameGradientAsOne() {
    let network = try! Network(config: tinyModel, classes: 3)
    let params = network.initialParameters(seed: 2)
    var rng = SeededRandom(seed: 4)
    let count = 7
    let lengths = (0..<count).map { _ in 1 + Int(rng.next() % 12) }
    var features = [Float](repeating: 0, count: count * network.inputSize)
    for b in 0..<count { for i in 0..<(lengths[b] * 4) { features[b * network.inputSize + i] = Float(rng.normal()) } }
    let batch = Batch(
      features: features, lengths: lengths, labels: (0..<count).map { $0 % 3 }, genders: (0..<count).map { $0 % 2 })
    let seeds = (0..<count).map { UInt64($0) * 7 }
    var g1 = [Float](repeating: 0, count: params.count)
    var g2 = g1
    let l1 = BatchEngine(network: network, batchSize: count, workers: 1).trainStep(
      params: params, batch: batch, dropoutSeeds: seeds, grads: &g1)
    let l2 = BatchEngine(network: network, batchSize: count, workers: 2).trainStep(
      params: params, batch: batch, dropoutSeeds: seeds, grads: &g2)
    #expect(abs(l1 - l2) < 1e-5)
    // Only the summation order differs: agreement to float rounding (1e-5 of the largest gradient).
    let scale = g1.map { abs($0) }.max()!
    #expect(zip(g1, g2).allSatisfy { abs($0 - $1) <= 1e-5 * scale })
    let p1 = BatchEngine(network: network, batchSize: count, workers: 1).infer(params: params, batch: batch)
    let p2 = BatchEngine(network: network, batchSize: count, workers: 2).infer(params: params, batch: batch)
    #expect(zip(p1.emotion, p2.emotion).allSatisfy { abs($0 - $1) < 1e-6 })
  }

  /// Inference reads windows already longest first where they are and copies the others into
  /// the workspace in that order: both give each window the posteriors it gets alone.
  @Test func inferenceGivesEachWindowItsOwnPosteriorsSortedOrNot() {
    let network = try! Network(config: tinyModel, classes: 3)
    let params = network.initialParameters(seed: 8)
    var rng = SeededRandom(seed: 9)
    let sorted = [12, 12, 10, 7, 7, 3]
    func batch(_ lengths: [Int], _ values: [[Float]]) -> Batch {
      Batch(
        features: values.flatMap { $0 }, lengths: lengths, labels: lengths.map { _ in 0 },
        genders: lengths.map { _ in -1 })
    }
    let windows = sorted.map { length in
      (0..<network.inputSize).map { i in i < length * 4 ? Float(rng.normal()) : 0 }
    }
    let shuffled = [3, 0, 5, 1, 4, 2]
    let alone = sorted.indices.map { i in
      BatchEngine(network: network, batchSize: 1, workers: 1).infer(
        params: params, batch: batch([sorted[i]], [windows[i]])
      )
      .emotion
    }
    for workers in [1, 2] {
      let engine = BatchEngine(network: network, batchSize: sorted.count, workers: workers)
      let inOrder = engine.infer(params: params, batch: batch(sorted, windows)).emotion
      let mixed = engine.infer(params: params, batch: batch(shuffled.map { sorted[$0] }, shuffled.map { windows[$0] }))
        .emotion
      for i in sorted.indices {
        let k = shuffled.firstIndex(of: i)!
        for c in 0..<3 {
          #expect(abs(inOrder[i * 3 + c] - alone[i][c]) < 1e-6)
          #expect(abs(mixed[k * 3 + c] - alone[i][c]) < 1e-6)
        }
      }
    }
  }

  @Test func floatNetworkMatchesTheDoubleReference() {
    // The Float path uses fast sigmoid/tanh/exp (error < 1e-6); outputs agree within 1e-4.
    let network = try! Network(config: tinyModel, classes: 3)
    let params = network.initialParameters(seed: 5)
    let lengths = [12, 7, 3]
    var rng = SeededRandom(seed: 6)
    let input = (0..<(3 * network.inputSize)).map { _ in rng.normal() }
    let wf = Workspace<Float>(network: network, capacity: 3)
    let wd = Workspace<Double>(network: network, capacity: 3)
    for i in 0..<input.count {
      wf.input.pointer[i] = Float(input[i])
      wd.input.pointer[i] = input[i]
    }
    network.forward(params, wf, batch: 3, lengths: lengths, dropoutSeeds: nil)
    network.forward(params.map(Double.init), wd, batch: 3, lengths: lengths, dropoutSeeds: nil)
    for i in 0..<9 { #expect(abs(Double(wf.logits.pointer[i]) - wd.logits.pointer[i]) < 1e-4) }
  }
}
