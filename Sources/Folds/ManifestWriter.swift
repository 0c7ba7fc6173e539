import EmoCorpus
import EmoSupport
import Foundation

/// The whole check failed after writing: the folds were not installed.
public struct FoldCheckFailure: Error, Sendable, CustomStringConvertible {
  public var findings: [String]

  public init(findings: [String]) { self.findings = findings }

  public var description: String {
    (findings.first ?? "fold check failed") + (findings.count > 1 ? " (and \(findings.count - 1) more findings)" : "")
  }
}

/// Writes `DIR/folds/`: `fold-K/{train,val,test}.jsonl`, `summary.json`, `counts.md`.
public enum ManifestWriter {
  /// Writes the manifests of `plan` for `entries` under `prepDir/folds`, checks them with
  /// `FoldCheck`, then installs them. Returns the summary it wrote.
  ///
  /// The whole tree is written into a temporary sibling folder, checked, and renamed into place,
  /// so an interrupted or failed run never leaves a half-written `folds/` that looks valid (an
  /// earlier `folds/` is replaced only at the end). Output is byte-identical for the same plan and
  /// entries: lines sorted by id, fields in `ManifestEntry.fieldOrder`, summary keys sorted.
  /// `classes` gives the table order (default: sorted labels); labels missing from it are appended.
  @discardableResult
  public static func write(
    plan: FoldPlan, entries: [ManifestEntry], classes: [String]? = nil, dimensions: [DimensionScale] = [],
    to prepDir: String
  ) throws -> FoldSummary {
    try writeReportingLeaks(plan: plan, entries: entries, classes: classes, dimensions: dimensions, to: prepDir)
      .summary
  }

  /// The same, returning the leaks between splits that the plan's strategy tolerates (an external
  /// split taken as it is): its folds are installed with them, and the caller says them. Every other
  /// finding still fails the write.
  public static func writeReportingLeaks(
    plan: FoldPlan, entries: [ManifestEntry], classes: [String]? = nil, dimensions: [DimensionScale] = [],
    to prepDir: String
  ) throws -> (summary: FoldSummary, leaks: [String]) {
    // Positions, not copies: the entries are held once however many folds list them.
    var indexOf: [String: Int] = [:]
    indexOf.reserveCapacity(entries.count)
    for (i, entry) in entries.enumerated() {
      guard indexOf.updateValue(i, forKey: entry.id) == nil else { throw FoldError.duplicateSegment(entry.id) }
    }
    let labels = Set(entries.map(\.label))
    let given = classes ?? []
    let tableClasses = given + labels.subtracting(given).sorted()

    try AtomicFile.createDirectory(prepDir)
    removeLeftovers(in: prepDir)
    let final = PrepDirectory(prepDir).folds
    let temp = AtomicFile.temporaryPath(for: final)
    do {
      var perFold: [FoldCounts] = []
      for fold in plan.folds {
        let folder = "\(temp)/fold-\(fold.index)"
        try AtomicFile.createDirectory(folder)
        var counts: [Split: SplitSummary] = [:]
        for split in Split.allCases {
          var positions: [Int] = []
          positions.reserveCapacity(fold.ids(split).count)
          for id in fold.ids(split).sorted() {
            guard let i = indexOf[id] else { throw FoldError.unknownSegment(id, fold: fold.index) }
            positions.append(i)
          }
          var text = ""
          for i in positions {
            text += try entries[i].jsonLine()
            text += "\n"
          }
          try write(text, to: "\(folder)/\(split.rawValue).jsonl")
          counts[split] = SplitSummary(positions.lazy.map { entries[$0] }, classes: tableClasses)
        }
        var foldCounts = FoldCounts(fold: fold.index, train: counts[.train]!, val: counts[.val]!, test: counts[.test]!)
        if case .speakerText = plan.strategy {
          foldCounts.crossFold = entries.count - fold.train.count - fold.val.count - fold.test.count
        }
        perFold.append(foldCounts)
      }
      var inSomeFold = [Bool](repeating: false, count: entries.count)
      for fold in plan.folds {
        for split in Split.allCases {
          for id in fold.ids(split) { if let i = indexOf[id] { inSomeFold[i] = true } }
        }
      }
      let kept = SplitSummary(entries.indices.lazy.filter { inSomeFold[$0] }.map { entries[$0] }, classes: tableClasses)
      var summary = FoldSummary(
        folds: plan.folds.count, strategy: plan.strategy, seed: plan.seed, classes: tableClasses, kept: kept,
        perFold: perFold)
      if !dimensions.isEmpty {
        summary.dimensions = Dictionary(
          dimensions.map { ($0.name, DimensionScaleEntry(scale: [$0.min, $0.max])) }, uniquingKeysWith: { a, _ in a })
      }
      try write(
        String(decoding: try JSONEncoder.stable.encode(summary), as: UTF8.self) + "\n", to: temp + "/summary.json")
      try write(summary.markdown, to: temp + "/counts.md")

      let inspection = try FoldCheck.inspect(foldsDir: temp, keepingFolds: false)
      let fatal = plan.strategy.toleratesLeaks ? inspection.integrity : inspection.findings
      // Findings name the final paths: the temporary folder is gone by the time anyone reads them.
      guard fatal.isEmpty else {
        throw FoldCheckFailure(findings: fatal.map { $0.replacingOccurrences(of: temp, with: final) })
      }
      try install(temp, at: final)
      return (summary, inspection.leaks.map { $0.replacingOccurrences(of: temp, with: final) })
    } catch {
      try? FileManager.default.removeItem(atPath: temp)
      throw error
    }
  }

  /// Removes temporary trees a killed run left behind (one writer per prep folder is assumed).
  private static func removeLeftovers(in prepDir: String) {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: prepDir)) ?? []
    for name in names where name.hasPrefix(".folds.tmp-") || name.hasPrefix(".folds.old-") {
      try? FileManager.default.removeItem(atPath: prepDir + "/" + name)
    }
  }

  private static func write(_ text: String, to path: String) throws {
    // The tree is a temporary folder renamed into place when complete: no per-file rename or fsync.
    try AtomicFile.writeInsideTemporaryFolder(Data(text.utf8), to: path)
  }

  /// Moves the finished tree into place; an older `folds/` is moved aside first and removed after.
  private static func install(_ temp: String, at final: String) throws {
    var old: String?
    if FileManager.default.fileExists(atPath: final) {
      let aside =
        (final as NSString).deletingLastPathComponent
        + "/.folds.old-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
      try AtomicFile.commit(temp: final, to: aside)
      old = aside
    }
    try AtomicFile.commit(temp: temp, to: final)
    if let old { try? FileManager.default.removeItem(atPath: old) }
  }
}
