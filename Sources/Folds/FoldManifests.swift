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
    var folds: [FoldManifests] = []
    var findings: [String] = []
    for k in indices(foldsDir: foldsDir) {
      let (fold, found) = load(foldsDir: foldsDir, fold: k)
      folds.append(fold)
      findings += found
    }
    return (folds, findings)
  }

  /// The K of every `fold-K` folder under `foldsDir`, sorted.
  static func indices(foldsDir: String) -> [Int] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: foldsDir)) ?? []
    return names.compactMap { name -> Int? in
      guard name.hasPrefix("fold-"), let k = Int(name.dropFirst(5)), k >= 1, "fold-\(k)" == name else { return nil }
      return k
    }.sorted()
  }

  /// The manifest file of one split of fold `k`.
  static func file(foldsDir: String, fold k: Int, split: Split) -> String {
    "\(foldsDir)/fold-\(k)/\(split.rawValue).jsonl"
  }

  /// Reads `fold-K/{train,val,test}.jsonl` of one fold, by the rules of `load(foldsDir:)`.
  static func load(foldsDir: String, fold k: Int) -> (fold: FoldManifests, findings: [String]) {
    var findings: [String] = []
    var splits: [Split: [ManifestLine]] = [:]
    for split in Split.allCases {
      let file = file(foldsDir: foldsDir, fold: k, split: split)
      guard let data = FileManager.default.contents(atPath: file) else {
        findings.append(
          LocatedError(file: file, "missing", expected: "train.jsonl, val.jsonl and test.jsonl in every fold")
            .description)
        splits[split] = []
        continue
      }
      var lines: [ManifestLine] = []
      data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
        let bytes = raw.bindMemory(to: UInt8.self)
        // One allocation for the split's lines instead of a copy at every doubling.
        lines.reserveCapacity(bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) })
        var start = 0
        var number = 0
        while start < bytes.count {
          let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
          number += 1
          do {
            let entry = try ManifestEntry(
              jsonLineBytes: UnsafeBufferPointer(rebasing: bytes[start..<end]), file: file, line: number)
            lines.append(ManifestLine(entry: entry, file: file, line: number))
          } catch {
            findings.append("\(error)")
          }
          start = end + 1
        }
      }
      splits[split] = lines
    }
    return (FoldManifests(index: k, splits: splits), findings)
  }
}
