import EmoSupport
import Foundation

/// One parsed manifest line with where it was read (for findings that name both sides).
public struct ManifestLine: Sendable, Hashable {
  public var entry: ManifestEntry
  public var file: String
  public var line: Int

  public init(entry: ManifestEntry, file: String, line: Int) {
    self.entry = entry
    self.file = file
    self.line = line
  }

  /// `file:line`.
  public var location: String { "\(file):\(line)" }
}

/// The manifests of one fold as read back from `folds/fold-K/`.
public struct FoldManifests: Sendable, Hashable {
  public var index: Int
  public var splits: [Split: [ManifestLine]]

  public init(index: Int, splits: [Split: [ManifestLine]]) {
    self.index = index
    self.splits = splits
  }

  /// Lines of one split (empty when its file was missing).
  public subscript(split: Split) -> [ManifestLine] { splits[split] ?? [] }
}

extension FoldManifests {
  /// Reads every `fold-K/{train,val,test}.jsonl` under `foldsDir`, folds sorted by K.
  ///
  /// Lines breaking the schema become findings (`file:line: what (expected …)`) and are left out;
  /// so does a missing split file.
  public static func load(foldsDir: String) -> (folds: [FoldManifests], findings: [String]) {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: foldsDir)) ?? []
    let indices = names.compactMap { name -> Int? in
      guard name.hasPrefix("fold-"), let k = Int(name.dropFirst(5)), k >= 1, "fold-\(k)" == name else { return nil }
      return k
    }.sorted()
    var folds: [FoldManifests] = []
    var findings: [String] = []
    for k in indices {
      var splits: [Split: [ManifestLine]] = [:]
      for split in Split.allCases {
        let file = "\(foldsDir)/fold-\(k)/\(split.rawValue).jsonl"
        guard let data = FileManager.default.contents(atPath: file) else {
          findings.append(
            LocatedError(file: file, "missing", expected: "train.jsonl, val.jsonl and test.jsonl in every fold")
              .description)
          splits[split] = []
          continue
        }
        var lines: [ManifestLine] = []
        let text = String(decoding: data, as: UTF8.self)
        var number = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
          number += 1
          if raw.isEmpty && raw.endIndex == text.endIndex { break }  // final newline, or an empty split
          do {
            lines.append(
              ManifestLine(entry: try ManifestEntry(jsonLine: raw, file: file, line: number), file: file, line: number))
          } catch {
            findings.append(error.description)
          }
        }
        splits[split] = lines
      }
      folds.append(FoldManifests(index: k, splits: splits))
    }
    return (folds, findings)
  }
}
