import EmoCorpus
import EmoSupport
import Foundation

/// The folder `prep` writes, as paths: every command that reads a prep output (train, check-folds,
/// export, export-features, the cluster templates through them) takes its paths from here, and
/// `validate()` says in one line what is missing before any work starts.
///
/// ```
/// DIR/summary.json  catalog.sqlite  config.resolved.yaml  [audit.json audit.html]
/// DIR/folds/summary.json  counts.md  fold-K/{train,val,test}.jsonl
/// DIR/features/index.json  shards…  norm/fold-K.json        (absent with --labels-only)
/// ```
public struct PrepDirectory: Sendable, Hashable {
  /// What a command needs of the folder.
  public enum Need: Sendable, Hashable {
    /// Only the `folds/` folder (check-folds, which reports every gap inside it as a finding).
    case manifests
    /// The summary and the catalog (drop listings, exports of the corpus).
    case outputs
    /// The outputs and folds with manifests (check-folds, exports of folds).
    case folds
    /// Folds and the feature cache (train, export-features).
    case features
  }

  public let root: String

  public init(_ root: String) { self.root = OutputFolder.normalized(root) }

  public var summary: String { root + "/summary.json" }
  public var catalog: String { root + "/" + Catalog.fileName }
  public var resolvedConfig: String { root + "/config.resolved.yaml" }
  public var auditJSON: String { root + "/audit.json" }
  public var auditHTML: String { root + "/audit.html" }
  public var folds: String { root + "/folds" }
  public var foldsSummary: String { folds + "/summary.json" }
  public var foldCounts: String { folds + "/counts.md" }
  public func fold(_ k: Int) -> String { folds + "/fold-\(k)" }
  public func manifest(fold k: Int, _ split: Split) -> String { fold(k) + "/\(split.rawValue).jsonl" }
  /// The feature cache (its own layout is the cache's business).
  public var features: String { root + "/features" }

  /// The names `prep` writes at the top level, for replacing an earlier run's outputs.
  public static let topLevelOutputs = [
    "summary.json", Catalog.fileName, "folds", "audit.json", "audit.html", "config.resolved.yaml",
  ]

  /// Checks that the folder holds what `need` requires; the first gap is a one-line error naming
  /// the path and what would have written it.
  public func validate(_ need: Need) throws {
    try OutputFolder.requireFolder(root, writtenBy: "emocorpus prep")
    func require(_ path: String, _ expected: String) throws {
      guard FileManager.default.fileExists(atPath: path) else {
        throw LocatedError(file: path, "missing", expected: expected)
      }
    }
    if need == .manifests {
      var isDir: ObjCBool = false
      guard FileManager.default.fileExists(atPath: folds, isDirectory: &isDir), isDir.boolValue else {
        throw LocatedError(file: folds, "missing", expected: "the folds folder written by emocorpus prep")
      }
      return
    }
    try require(summary, "the summary every finished prep run writes (an interrupted run leaves none)")
    try require(catalog, "the catalog every finished prep run writes")
    guard need != .outputs else { return }
    try require(
      foldsSummary, "folds written by prep (a run with --folds 0 stops before folds; rerun with --folds N)")
    guard need == .features else { return }
    guard FileManager.default.fileExists(atPath: features) else {
      throw LocatedError(
        file: root, "this prep output has no features (labels-only)",
        expected: "a prep run with audio; training needs the feature cache")
    }
  }
}
