import EmoSupport
import Folds
import Foundation
import Trainer

/// `folds/summary.json`'s `dimensions`: each rated dimension's scale [min, max] (absent for a
/// corpus without dimensions).
struct RatedDimensionsSummary: Decodable {
  struct Entry: Decodable {
    var scale: [Double]
  }
  var dimensions: [String: Entry]?
}

extension PreparedData {
  /// The rated dimensions of this prep output with their scales, from `folds/summary.json`.
  func dimensionScales() throws -> [String: TargetScale] {
    let path = PrepDirectory(dir).foldsSummary
    guard let data = FileManager.default.contents(atPath: path) else { return [:] }
    let summary: RatedDimensionsSummary
    do {
      summary = try JSONDecoder().decode(RatedDimensionsSummary.self, from: data)
    } catch {
      throw LocatedError(
        file: path, "unreadable dimensions", expected: "\"dimensions\": {\"arousal\": {\"scale\": [min, max]}, …}")
    }
    var scales: [String: TargetScale] = [:]
    for (name, entry) in summary.dimensions ?? [:] {
      guard entry.scale.count == 2, entry.scale[0].isFinite, entry.scale[1].isFinite, entry.scale[0] < entry.scale[1]
      else {
        throw LocatedError(
          file: path, "dimension '\(name)' has scale \(entry.scale)", expected: "[min, max] with min < max")
      }
      scales[name] = TargetScale(min: entry.scale[0], max: entry.scale[1])
    }
    return scales
  }

  /// Resolves `--targets` and `--target-weights` against this prep output: sets them in
  /// `training` and returns the rated dimensions to learn with their scales (nil: emotion only).
  /// Without `--targets` the target is emotion, or every rated dimension when the task has no
  /// classes.
  func regressionTargets(_ options: TrainPipeline.Options, into training: inout TrainingOptions) throws
    -> RegressionTargets?
  {
    let scales = try dimensionScales()
    var targets = options.targets
    if targets == nil && classes.isEmpty {
      let preferred = ["arousal", "valence", "dominance"]
      targets =
        preferred.filter { scales[$0] != nil } + scales.keys.filter { !preferred.contains($0) }.sorted()
    }
    guard let targets, targets != ["emotion"] else {
      if options.targetWeights != nil { training.targetWeights = options.targetWeights }
      return nil
    }
    for name in targets where name != "emotion" && scales[name] == nil {
      let known = scales.keys.sorted()
      throw LocatedError(
        file: PrepDirectory(dir).foldsSummary, "no rated dimension '\(name)' in this prep output",
        expected: known.isEmpty
          ? "a corpus with rated dimensions" : "emotion or one of \(known.joined(separator: ", "))")
    }
    if targets.contains("emotion") && classes.count < 2 {
      throw LocatedError(
        file: PrepDirectory(dir).foldsSummary, "the task has no emotion classes to learn",
        expected: "targets without emotion")
    }
    training.targets = targets
    training.targetWeights = options.targetWeights
    try training.validate()
    let names = targets.filter { $0 != "emotion" }
    return names.isEmpty ? nil : RegressionTargets(names: names, scales: names.map { scales[$0]! })
  }
}
