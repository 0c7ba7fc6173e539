import EmoSupport
import Foundation

@testable import Trainer

/// A tiny, learnable task: class c raises feature c of every true frame.
func syntheticFold(segmentsPerClass: Int = 12, seed: UInt64 = 9) -> (InMemoryWindowSource, FoldData) {
  var rng = SeededRandom(seed: seed)
  let dim = 4
  let frames = 12
  var store: [String: [FeatureWindow]] = [:]
  var splits: [[SplitSegment]] = [[], [], []]
  for c in 0..<3 {
    for k in 0..<segmentsPerClass {
      let id = "c\(c)-\(k)"
      let count = 1 + Int(rng.next() % 3)
      store[id] = (0..<count).map { _ in
        let length = 4 + Int(rng.next() % UInt64(frames - 3))
        var features = [Float](repeating: 0, count: frames * dim)
        for t in 0..<length {
          for j in 0..<dim { features[t * dim + j] = Float(rng.normal()) + (j == c ? 1.5 : 0) + 3 }
        }
        return FeatureWindow(features: features, length: length)
      }
      splits[k % 4 == 0 ? 1 : (k % 4 == 1 ? 2 : 0)].append(SplitSegment(id: id, label: c, gender: k % 2))
    }
  }
  let source = InMemoryWindowSource(featureDim: dim, windowFrames: frames, segments: store)
  let train = TrainingSplit(segments: splits[0])
  let normalization = try! Normalization.estimate(source: source, split: train)
  return (
    source,
    FoldData(
      fold: 1, train: train, validation: TrainingSplit(segments: splits[1]), test: TrainingSplit(segments: splits[2]),
      normalization: normalization)
  )
}

let tinyModel = ModelConfig(
  name: "tiny", inputFeatures: 4, inputFrames: 12,
  layers: [
    .init(type: "conv1d", channels: 6, kernel: [3], stride: [2], padding: [1]),
    .init(type: "conv1d", channels: 5, kernel: [3], stride: [3], padding: [1]),
  ], lstm: .init(hidden: 4, dropout: 0.5), dense: [.init(units: 6, dropout: 0.5)], genderHead: true)

func tinyOptions(epochs: Int) -> TrainingOptions {
  var options = TrainingOptions()
  options.epochs = epochs
  options.patience = 100
  options.learningRate = 1e-2
  options.batchSize = 8
  options.decayEvery = 20
  return options
}
