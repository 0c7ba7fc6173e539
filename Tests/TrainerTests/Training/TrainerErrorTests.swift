import EmoSupport
import Foundation
import TestSupport
import Testing

@testable import Trainer

/// User-facing trainer errors, word for word.
@Suite struct TrainerErrorTests {
  func fold(_ segments: [SplitSegment], normalization: Normalization = .identity(4)) -> FoldData {
    FoldData(
      fold: 2, train: TrainingSplit(segments: segments), validation: TrainingSplit(segments: segments),
      test: TrainingSplit(segments: segments), normalization: normalization)
  }

  func message(_ body: () throws -> Void) -> String {
    do {
      try body()
      return "no error"
    } catch {
      return "\(error)"
    }
  }

  @Test(arguments: [
    (
      "label", [SplitSegment(id: "s1", label: 3)], Normalization.identity(4),
      "fold 2 train segment 's1' has label index 3 (expected 0..<3)"
    ),
    (
      "gender", [SplitSegment(id: "s1", label: 0, gender: 2)], Normalization.identity(4),
      "fold 2 train segment 's1' has gender 2 (expected 0 (female) or 1 (male))"
    ),
    (
      "normalization", [SplitSegment(id: "s1", label: 0)], Normalization.identity(3),
      "fold 2 normalization has 3 values (expected 4, the feature dimension)"
    ),
    ("empty", [], Normalization.identity(4), "fold 2 has an empty training split (expected training segments)"),
    (
      "unknown segment", [SplitSegment(id: "nope", label: 0)], Normalization.identity(4),
      "segment 'nope' has no cached features (expected a prepared segment id)"
    ),
  ])
  func badFoldInputsAreRejected(_ name: String, _ segments: [SplitSegment], _ norm: Normalization, _ expected: String)
    throws
  {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let source = InMemoryWindowSource(
      featureDim: 4, windowFrames: 12,
      segments: ["s1": [FeatureWindow(features: .init(repeating: 1, count: 48), length: 12)]])
    let text = message {
      _ = try TrainRunner.trainFold(
        fold(segments, normalization: norm), source: source, classes: ["a", "b", "c"], model: tinyModel,
        options: tinyOptions(epochs: 1), foldDir: dir.path, log: { _ in })
    }
    #expect(text == expected, "\(name)")
  }

  @Test func windowOfTheWrongShapeNamesItsSegment() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let source = InMemoryWindowSource(
      featureDim: 4, windowFrames: 12,
      segments: ["s1": [FeatureWindow(features: .init(repeating: 1, count: 40), length: 10)]])
    let text = message {
      _ = try TrainRunner.trainFold(
        fold([SplitSegment(id: "s1", label: 0)]), source: source, classes: ["a", "b", "c"], model: tinyModel,
        options: tinyOptions(epochs: 1), foldDir: dir.path, log: { _ in })
    }
    #expect(
      text
        == "segment 's1' has a feature window of 40 values and length 10 (expected 12 frames × 4 features = 48 values, length 0…12)"
    )
  }

  @Test func divergingTrainingStopsWithAClearError() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    var features = [Float](repeating: 1, count: 48)
    features[5] = .nan
    let source = InMemoryWindowSource(
      featureDim: 4, windowFrames: 12, segments: ["s1": [FeatureWindow(features: features, length: 12)]])
    let text = message {
      _ = try TrainRunner.trainFold(
        fold([SplitSegment(id: "s1", label: 0)]), source: source, classes: ["a", "b", "c"], model: tinyModel,
        options: tinyOptions(epochs: 1), foldDir: dir.path, log: { _ in })
    }
    #expect(
      text
        == "\(dir.path)/checkpoint.bin: training diverged (loss nan) in epoch 1, step 1 (expected a finite loss; lower learning_rate or check the features for NaN)"
    )
  }

  @Test func badTrainingOptionsAreRejected() {
    var options = TrainingOptions()
    options.batchSize = 0
    #expect(message { try options.validate() } == "invalid training option batch_size 0 (expected ≥ 1)")
    options = TrainingOptions()
    options.decayFactor = 1.5
    #expect(message { try options.validate() } == "invalid training option decay_factor 1.5 (expected in (0, 1])")
    #expect(message { try TrainingOptions().validate() } == "no error")
  }

  @Test func predictorRejectsAMissingOrForeignModelFolder() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    #expect(
      message { _ = try Predictor.load(foldDir: dir.path) } == "\(dir.path)/weights.bin: cannot read parameter file")
  }
}
