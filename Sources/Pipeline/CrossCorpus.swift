import AudioFeatures
import EmoSupport
import Foundation
import Trainer

/// Cross-corpus test (`train --test-prep`): the other prep output, checked against the run.
enum CrossCorpus {
  /// `prep` when its task classes are the training run's (same names, same order) and its
  /// features were made with the model's feature config (channel choice aside), else an error
  /// naming both.
  static func compatible(_ prep: PreparedData, classes: [String], features model: FeatureConfig) throws -> PreparedData
  {
    guard prep.classes == classes else {
      throw LocatedError(
        file: prep.dir, "task classes \(prep.classes.joined(separator: ", ")) differ from the training run's",
        expected: classes.joined(separator: ", "))
    }
    try prep.store.config.requireUsable(byModelOf: model, at: prep.dir, what: "its features were made")
    return prep
  }

  /// Each fold's model on every kept segment of `prep` (checked with `compatible` first).
  static func evaluate(runDir: String, folds: [Int], prep: PreparedData, threads: Int) throws -> CrossCorpusResult {
    try CrossCorpusResult.evaluate(
      runDir: runDir, folds: folds, split: try prep.everySegment(), source: prep.source, prep: prep.dir,
      threads: threads)
  }
}
