import EmoSupport
import Foundation
import TestSupport
import Testing

@testable import Trainer

@Suite struct SoftTargetTrainingTests {
  /// One-hot soft targets reproduce hard-label training bit for bit (weights, Adam state, losses).
  @Test func oneHotSoftTargetsReproduceHardLabelTraining() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let (source, fold) = syntheticFold(segmentsPerClass: 6)
    let classes = ["a", "b", "c"]
    _ = try TrainRunner.trainFold(
      fold, source: source, classes: classes, model: tinyModel, options: tinyOptions(epochs: 3),
      foldDir: dir.path + "/hard", log: { _ in })
    var soft = fold
    soft.train.segments = fold.train.segments.map { s in
      var s = s
      s.softLabel = classes.indices.map { $0 == s.label ? 1 : 0 }
      return s
    }
    var options = tinyOptions(epochs: 3)
    options.softTargets = true
    _ = try TrainRunner.trainFold(
      soft, source: source, classes: classes, model: tinyModel, options: options, foldDir: dir.path + "/soft",
      log: { _ in })
    let hard = try ParameterFile.read(CheckpointHeader.self, path: dir.path + "/hard/checkpoint.bin")
    let oneHot = try ParameterFile.read(CheckpointHeader.self, path: dir.path + "/soft/checkpoint.bin")
    #expect(hard.header.step > 0 && hard.header.step == oneHot.header.step)
    #expect(hard.arrays.map { $0.map(\.bitPattern) } == oneHot.arrays.map { $0.map(\.bitPattern) })
    #expect(hard.header.history.map(\.loss.bitPattern) == oneHot.header.history.map(\.loss.bitPattern))

    // A distribution that is not one-hot trains to other weights; evaluation still uses the labels.
    var mixed = fold
    mixed.train.segments = fold.train.segments.map { s in
      var s = s
      s.softLabel = classes.indices.map { $0 == s.label ? 0.6 : 0.2 }
      return s
    }
    let result = try TrainRunner.trainFold(
      mixed, source: source, classes: classes, model: tinyModel, options: options, foldDir: dir.path + "/mixed",
      log: { _ in })
    let smoothed = try ParameterFile.read(CheckpointHeader.self, path: dir.path + "/mixed/checkpoint.bin")
    #expect(smoothed.arrays[0].map(\.bitPattern) != hard.arrays[0].map(\.bitPattern))
    #expect(result.testSegments == fold.test.segments.count)
  }

  @Test func softTargetsWithoutSoftLabelsAreRefused() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let (source, fold) = syntheticFold(segmentsPerClass: 4)
    var options = tinyOptions(epochs: 1)
    options.softTargets = true
    #expect {
      try TrainRunner.trainFold(
        fold, source: source, classes: ["a", "b", "c"], model: tinyModel, options: options, foldDir: dir.path + "/x",
        log: { _ in })
    } throws: { error in
      "\(error)".contains("has no soft label of 3 classes (expected soft_label on every manifest line")
    }
  }
}
