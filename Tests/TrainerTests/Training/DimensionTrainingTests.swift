import EmoSupport
import Foundation
import TestSupport
import Testing

@testable import Trainer

/// A learnable rated task: each segment's arousal (scale 1–5) raises feature 0 and its valence
/// feature 1 of every true frame; the class is high (1) or low (0) arousal. Every fifth segment has
/// no valence rating.
func dimensionFold(segments: Int = 60, seed: UInt64 = 11) -> (InMemoryWindowSource, FoldData) {
  var rng = SeededRandom(seed: seed)
  let dim = 4
  let frames = 12
  var store: [String: [FeatureWindow]] = [:]
  var splits: [[SplitSegment]] = [[], [], []]
  for k in 0..<segments {
    let id = "s\(k)"
    let arousal = 1 + 4 * rng.uniform()
    let valence = 1 + 4 * rng.uniform()
    let count = 1 + Int(rng.next() % 3)
    store[id] = (0..<count).map { _ in
      let length = 4 + Int(rng.next() % UInt64(frames - 3))
      var features = [Float](repeating: 0, count: frames * dim)
      for t in 0..<length {
        for j in 0..<dim { features[t * dim + j] = Float(rng.normal() * 0.5) + 3 }
        features[t * dim] += Float(arousal - 3)
        features[t * dim + 1] += Float(valence - 3)
      }
      return FeatureWindow(features: features, length: length)
    }
    var values = ["arousal": arousal]
    if k % 5 != 4 { values["valence"] = valence }
    splits[k % 4 == 0 ? 1 : (k % 4 == 1 ? 2 : 0)].append(
      SplitSegment(id: id, label: arousal > 3 ? 1 : 0, gender: k % 2, dimensions: values))
  }
  let source = InMemoryWindowSource(featureDim: dim, windowFrames: frames, segments: store)
  let train = TrainingSplit(segments: splits[0])
  return (
    source,
    FoldData(
      fold: 1, train: train, validation: TrainingSplit(segments: splits[1]), test: TrainingSplit(segments: splits[2]),
      normalization: try! Normalization.estimate(source: source, split: train))
  )
}

let ratedTargets = RegressionTargets(
  names: ["arousal", "valence"], scales: [TargetScale(min: 1, max: 5), TargetScale(min: 1, max: 5)])

@Suite struct DimensionTrainingTests {
  func options(_ targets: [String], epochs: Int) -> TrainingOptions {
    var options = tinyOptions(epochs: epochs)
    options.targets = targets
    options.decayEvery = 1000
    return options
  }

  @Test func multitaskTrainingLearnsTheDimensionsAndWritesThem() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let (source, fold) = dimensionFold(segments: 80)
    var lines: [String] = []
    let run = try TrainRunner.trainFolds(
      [fold], source: source, classes: ["low", "high"], model: tinyModel,
      options: options(["emotion", "arousal", "valence"], epochs: 20), outDir: dir.path, baselineBands: 2,
      regression: ratedTargets, log: { lines.append($0) })
    let arousal = try #require(run.dimensions?["arousal"])
    #expect(arousal.ccc > 0.5)
    #expect(
      run.folds[0].dimensions?["valence"]?.segments
        == fold.test.segments.filter { $0.dimensions?["valence"] != nil }.count)
    #expect((run.ua ?? 0) > 0.6)
    #expect(run.folds[0].curves.allSatisfy { $0.validationCCC != nil })
    // The ridge baseline on band statistics also sees the level shift of feature 0.
    #expect((run.baseline?.dimensions?["arousal"]?.ccc ?? 0) > 0.5)
    #expect(lines.contains { $0.hasPrefix("1 fold(s): arousal CCC ") })
    let json =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path + "/results.json")))
      as! [String: Any]
    let dims = json["dimensions"] as! [String: [String: Double]]
    #expect(Set(dims["arousal"]!.keys) == ["ccc", "ccc_std", "pearson", "rmse"])
    let folds = json["folds"] as! [[String: Any]]
    #expect((folds[0]["dimensions"] as? [String: Any])?.keys.sorted() == ["arousal", "valence"])
    // The saved model predicts the same segment values the trainer scored.
    let predictor = try Predictor.load(foldDir: dir.path + "/fold-1")
    #expect(predictor.regression == ratedTargets)
    var truth: [Double] = []
    var predicted: [Double] = []
    for segment in fold.test.segments {
      let p = try predictor.predict(try source.windows(segment: segment.id))
      truth.append(segment.dimensions!["arousal"]!)
      predicted.append(p.dimensions!["arousal"]!)
      #expect(p.windowDimensions.count == (try source.windowCount(segment: segment.id)))
    }
    #expect(
      abs(RegressionMetrics(truth: truth, predicted: predicted).ccc - run.folds[0].dimensions!["arousal"]!.ccc) < 1e-6)
  }

  @Test func aRunOfDimensionsOnlyWritesNoUA() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let (source, fold) = dimensionFold()
    var lines: [String] = []
    let run = try TrainRunner.trainFolds(
      [fold], source: source, classes: ["low", "high"], model: tinyModel,
      options: options(["arousal", "valence"], epochs: 2),
      outDir: dir.path, baselineBands: nil, regression: ratedTargets, log: { lines.append($0) })
    #expect(run.ua == nil && run.wa == nil && run.uaStd == nil && run.waStd == nil)
    #expect(run.strategies.isEmpty)
    #expect(run.folds[0].ua == nil && run.folds[0].validationUA == nil)
    #expect(run.folds[0].curves.allSatisfy { $0.validationUA == nil && $0.validationCCC != nil })
    #expect(!lines.contains { $0.contains("UA") })
    // results.json and fold.json write null, never a UA of 0, and keep to the schema.
    let data = try Data(contentsOf: URL(fileURLWithPath: dir.path + "/results.json"))
    let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
    #expect(json["ua"] is NSNull && json["wa"] is NSNull && json["ua_std"] is NSNull)
    #expect((json["strategies"] as? [String: Any])?.isEmpty == true)
    let folds = json["folds"] as! [[String: Any]]
    #expect(folds[0]["ua"] is NSNull && folds[0]["validation_ua"] is NSNull)
    let curve = (folds[0]["curves"] as! [[String: Any]])[0]
    #expect(curve["validation_ua"] is NSNull)
    let validator = try JSONSchemaValidator(contentsOf: repositoryFile("schemas/results.schema.json"))
    #expect(try validator.errors(json: data).isEmpty)
    // `train --collect` reads the fold back as written.
    let back = try JSONDecoder().decode(
      FoldResult.self, from: Data(contentsOf: URL(fileURLWithPath: dir.path + "/fold-1/fold.json")))
    #expect(back.ua == nil && back.dimensions?["arousal"] != nil)
  }

  @Test func withoutAnEmotionTargetTheBestEpochHasTheBestValidationCCC() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let (source, fold) = dimensionFold()
    let result = try TrainRunner.trainFold(
      fold, source: source, classes: ["low", "high"], model: tinyModel,
      options: options(["arousal", "valence"], epochs: 8),
      foldDir: dir.path, regression: ratedTargets, log: { _ in })
    let ccc = result.curves.map { $0.validationCCC! }
    #expect(result.bestEpoch == ccc.firstIndex(of: ccc.max()!)! + 1)
    #expect(result.dimensions?["arousal"] != nil)
    #expect(result.confusion.isEmpty)
    let predictor = try Predictor.load(foldDir: dir.path)
    #expect(predictor.classes.isEmpty)
    let p = try predictor.predict(try source.windows(segment: fold.test.segments[0].id))
    #expect(p.dimensions?.count == 2)
    // No classes to test on another corpus.
    #expect(throws: LocatedError.self) { try predictor.evaluate(split: fold.test, source: source) }
  }

  @Test func resumedRegressionTrainingEndsWithTheSameWeights() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let (source, fold) = dimensionFold(segments: 24)
    let targets = ["emotion", "arousal", "valence"]
    for (name, epochs, resume) in [("full", 3, false), ("resumed", 1, false), ("resumed", 3, true)] {
      _ = try TrainRunner.trainFold(
        fold, source: source, classes: ["low", "high"], model: tinyModel, options: options(targets, epochs: epochs),
        foldDir: dir.path + "/" + name, resume: resume, regression: ratedTargets, log: { _ in })
    }
    let full = try ParameterFile.read(CheckpointHeader.self, path: dir.path + "/full/checkpoint.bin")
    let resumed = try ParameterFile.read(CheckpointHeader.self, path: dir.path + "/resumed/checkpoint.bin")
    #expect(full.1 == resumed.1)
    #expect(full.0.history.map(\.validationCCC) == resumed.0.history.map(\.validationCCC))
    // Other targets do not resume from this checkpoint.
    #expect(throws: LocatedError.self) {
      _ = try TrainRunner.trainFold(
        fold, source: source, classes: ["low", "high"], model: tinyModel,
        options: options(["emotion", "arousal"], epochs: 4),
        foldDir: dir.path + "/full", resume: true,
        regression: RegressionTargets(names: ["arousal"], scales: [TargetScale(min: 1, max: 5)]), log: { _ in })
    }
  }

  @Test func theConcordanceLossIsOfTheWholeBatchWhateverTheWorkers() throws {
    let network = try Network(config: tinyModel, classes: 2, dimensions: 2)
    let params = network.initialParameters(seed: 2)
    var rng = SeededRandom(seed: 4)
    let count = 9
    let lengths = (0..<count).map { _ in 1 + Int(rng.next() % 12) }
    var features = [Float](repeating: 0, count: count * network.inputSize)
    for b in 0..<count { for i in 0..<(lengths[b] * 4) { features[b * network.inputSize + i] = Float(rng.normal()) } }
    let targets = (0..<(count * 2)).map { i in i == 5 ? Float.nan : Float(rng.uniform() * 2 - 1) }
    let batch = Batch(
      features: features, lengths: lengths, labels: (0..<count).map { $0 % 2 }, genders: (0..<count).map { $0 % 2 },
      dimensions: targets)
    let seeds = (0..<count).map { UInt64($0) * 7 }
    var grads: [[Float]] = []
    var losses: [Double] = []
    for workers in [1, 2, 3] {
      var g = [Float](repeating: 0, count: params.count)
      let engine = BatchEngine(network: network, batchSize: count, workers: workers, regression: ratedTargets)
      losses.append(engine.trainStep(params: params, batch: batch, dropoutSeeds: seeds, grads: &g))
      grads.append(g)
    }
    let scale = grads[0].map { abs($0) }.max()!
    for k in 1..<3 {
      #expect(abs(losses[k] - losses[0]) < 1e-5)
      #expect(zip(grads[0], grads[k]).allSatisfy { abs($0 - $1) <= 1e-5 * scale })
    }
    // The loss is the mean cross-entropy plus Σ (1 − CCC): above the cross-entropy alone.
    var ce = [Float](repeating: 0, count: params.count)
    let plain = try Network(config: tinyModel, classes: 2)
    let emotionOnly = BatchEngine(network: plain, batchSize: count, workers: 1).trainStep(
      params: Array(params.prefix(plain.parameterCount)), batch: batch, dropoutSeeds: seeds, grads: &ce)
    #expect(losses[0] > emotionOnly + 0.5)
  }

  @Test func emotionOnlyOptionsWriteNoTargetKeys() throws {
    let json = String(decoding: try JSONEncoder().encode(TrainingOptions()), as: UTF8.self)
    #expect(!json.contains("targets"))
    var options = TrainingOptions()
    options.targets = ["emotion", "arousal"]
    options.targetWeights = [1]
    #expect(throws: LocatedError.self) { try options.validate() }
    options.targetWeights = [1, 0.5]
    try options.validate()
    #expect(options.weight(of: "arousal") == 0.5)
    #expect(options.dimensionTargets == ["arousal"])
  }
}
