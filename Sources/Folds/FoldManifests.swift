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

  /// Position of the first newline at or after `start` (`bytes.count` when none).
  static func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    guard start < bytes.count, let base = bytes.baseAddress,
      let found = memchr(base + start, 0x0A, bytes.count - start)
    else { return bytes.count }
    return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
  }

  /// Lines `load` reads from `bytes`: newlines, plus one for text after the last.
  static func lineCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var count = 0
    var start = 0
    while start < bytes.count {
      start = lineEnd(bytes, from: start) + 1
      count += 1
    }
    return count
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
        lines.reserveCapacity(Self.lineCount(bytes))
        var start = 0
        var number = 0
        while start < bytes.count {
          let end = Self.lineEnd(bytes, from: start)
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
