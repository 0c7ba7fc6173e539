import EmoSupport
import Foundation

/// The folder `train` writes, as paths: train, `train --collect`, predict and the cluster
/// templates take their paths from here; `validate()` checks a finished run or one fold's model.
///
/// ```
/// RUN/results.json  report.html  [cross_corpus.json]
/// RUN/fold-K/fold.json  model.yaml  checkpoint.bin  features.json
/// ```
public struct RunDirectory: Sendable, Hashable {
  public let root: String

  public init(_ root: String) { self.root = OutputFolder.normalized(root) }

  public var results: String { root + "/results.json" }
  public var report: String { root + "/report.html" }
  public var crossCorpus: String { root + "/cross_corpus.json" }
  public func fold(_ k: Int) -> FoldDirectory { FoldDirectory(root + "/fold-\(k)") }

  /// The fold folders present (`fold-K` with K ≥ 1), sorted by K.
  public func foldNumbers() -> [Int] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
    return names.compactMap { FoldDirectory.number(of: $0) }.sorted()
  }

  /// A finished run: `results.json` present.
  public func validate() throws {
    try OutputFolder.requireFolder(root, writtenBy: "emocorpus train")
    guard FileManager.default.fileExists(atPath: results) else {
      throw LocatedError(
        file: results, "missing",
        expected: "the results every finished train run writes (train --collect gathers finished folds)")
    }
  }

  /// The folds trained to the end (`fold-K/fold.json` present), sorted; an error naming the folder
  /// when there is none (what `train --collect` gathers).
  public func trainedFolds() throws -> [Int] {
    let trained = foldNumbers().filter { FileManager.default.fileExists(atPath: fold($0).result) }
    guard !trained.isEmpty else {
      throw LocatedError(
        file: root, "no trained fold", expected: "RUN/fold-K/fold.json written by emocorpus train --folds K")
    }
    return trained
  }

  /// One fold's model folder.
  public struct FoldDirectory: Sendable, Hashable {
    public let root: String

    public init(_ root: String) { self.root = OutputFolder.normalized(root) }

    public var result: String { root + "/fold.json" }
    /// The best epoch's weights with everything `predict` needs (classes, normalization, strategy).
    public var weights: String { root + "/weights.bin" }
    public var model: String { root + "/model.yaml" }
    public var checkpoint: String { root + "/checkpoint.bin" }
    public var featureConfig: String { root + "/features.json" }

    /// K of a `fold-K` folder name (nil for any other name).
    public static func number(of name: String) -> Int? {
      guard name.hasPrefix("fold-"), let k = Int(name.dropFirst(5)), k >= 1, "fold-\(k)" == name else { return nil }
      return k
    }

    /// A trained fold that `predict` can use: its weights and its feature settings.
    public func validateModel() throws {
      try OutputFolder.requireFolder(root, writtenBy: "emocorpus train (a fold folder RUN/fold-K)")
      for (path, what) in [
        (weights, "the fold's trained weights"), (featureConfig, "the feature settings the model was trained on"),
      ] where !FileManager.default.fileExists(atPath: path) {
        throw LocatedError(file: path, "missing", expected: what + ", written by emocorpus train")
      }
    }
  }
}
