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
      // Counts first (they need only the plan): summary.json and counts.md are written before the
      // manifests, so that the check can take each fold as it is written instead of reading the
      // files back. Positions are 32-bit: the plan's lists are held once, not copied per fold.
      var positions: [[Split: [Int32]]] = []
      var perFold: [FoldCounts] = []
      for fold in plan.folds {
        var splits: [Split: [Int32]] = [:]
        var counts: [Split: SplitSummary] = [:]
        for split in Split.allCases {
          var list: [Int32] = []
          list.reserveCapacity(fold.ids(split).count)
          for id in fold.ids(split).sorted() {
            guard let i = indexOf[id] else { throw FoldError.unknownSegment(id, fold: fold.index) }
            list.append(Int32(i))
          }
          counts[split] = SplitSummary(list.lazy.map { entries[Int($0)] }, classes: tableClasses)
          splits[split] = list
        }
        var foldCounts = FoldCounts(fold: fold.index, train: counts[.train]!, val: counts[.val]!, test: counts[.test]!)
        if case .speakerText = plan.strategy {
          foldCounts.crossFold = entries.count - fold.train.count - fold.val.count - fold.test.count
        }
        perFold.append(foldCounts)
        positions.append(splits)
      }
      var inSomeFold = [Bool](repeating: false, count: entries.count)
      for splits in positions {
        for list in splits.values { for i in list { inSomeFold[Int(i)] = true } }
      }
      let kept = SplitSummary(entries.indices.lazy.filter { inSomeFold[$0] }.map { entries[$0] }, classes: tableClasses)
      inSomeFold = []
      var summary = FoldSummary(
        folds: plan.folds.count, strategy: plan.strategy, seed: plan.seed, classes: tableClasses, kept: kept,
        perFold: perFold)
      if !dimensions.isEmpty {
        summary.dimensions = Dictionary(
          dimensions.map { ($0.name, DimensionScaleEntry(scale: [$0.min, $0.max])) }, uniquingKeysWith: { a, _ in a })
      }
      try AtomicFile.createDirectory(temp)
      try write(
        String(decoding: try JSONEncoder.stable.encode(summary), as: UTF8.self) + "\n", to: temp + "/summary.json")
      try write(summary.markdown, to: temp + "/counts.md")

      // Manifests, fold by fold; the check takes each fold's lines as written (`FoldCheck.inspect`
      // with the fold handed over), beyond 64 folds it reads the files back.
      var lines = ManifestLines(entries: entries)
      let order = plan.folds.indices.sorted { plan.folds[$0].index < plan.folds[$1].index }
      let inspection: FoldCheck.Inspection
      if order.count <= 64 {
        var next = order.makeIterator()
        inspection = try FoldCheck.inspect(
          foldsDir: temp, indices: order.map { plan.folds[$0].index }, keepingFolds: false,
          load: { k in
            guard let f = next.next(), plan.folds[f].index == k else {
              throw LocatedError(file: temp, "fold-\(k) asked out of order", expected: "folds in index order")
            }
            return try lines.write(fold: k, positions: positions[f], in: temp, keepingLines: true)
          })
      } else {
        for f in order {
          _ = try lines.write(fold: plan.folds[f].index, positions: positions[f], in: temp, keepingLines: false)
        }
        inspection = try FoldCheck.inspect(foldsDir: temp, keepingFolds: false)
      }
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

/// Writes the manifest files of one fold after another from the entries, checking each entry's
/// line against the schema the first time it is written (by the reader `check-folds` uses: a line
/// it refuses is a finding, as when read from the file, and is left out of the lines handed on).
private struct ManifestLines {
  let entries: [ManifestEntry]
  /// Per entry: 0 not written yet, 1 its line reads back, 2 it does not (checked again where written).
  private var status: [UInt8]

  init(entries: [ManifestEntry]) {
    self.entries = entries
    status = [UInt8](repeating: 0, count: entries.count)
  }

  /// Writes `fold-K/{train,val,test}.jsonl` under `foldsDir`, streamed through a 1 MB buffer; the
  /// fold's lines (when `keepingLines`) and its schema findings, as `FoldManifests.load` gives them.
  mutating func write(
    fold k: Int, positions: [Split: [Int32]], in foldsDir: String, keepingLines: Bool
  ) throws -> (fold: FoldManifests, findings: [String]) {
    try AtomicFile.createDirectory("\(foldsDir)/fold-\(k)")
    var splits: [Split: [ManifestLine]] = [:]
    var findings: [String] = []
    var buffer: [UInt8] = []
    buffer.reserveCapacity(1 << 20 + 4096)
    for split in Split.allCases {
      let file = FoldManifests.file(foldsDir: foldsDir, fold: k, split: split)
      let list = positions[split] ?? []
      let writer = try AtomicFile.Writer(path: file)
      var kept: [ManifestLine] = []
      if keepingLines { kept.reserveCapacity(list.count) }
      for (n, position) in list.enumerated() {
        let i = Int(position)
        var text = try entries[i].jsonLine()
        if status[i] != 1 {
          let problem = text.withUTF8 { bytes -> String? in
            do {
              _ = try ManifestEntry(jsonLineBytes: bytes, file: file, line: n + 1)
              return nil
            } catch {
              return "\(error)"
            }
          }
          status[i] = problem == nil ? 1 : 2
          if let problem { findings.append(problem) }
        }
        buffer.append(contentsOf: text.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 20 {
          try writer.append(Data(buffer))
          buffer.removeAll(keepingCapacity: true)
        }
        if keepingLines, status[i] == 1 { kept.append(ManifestLine(entry: entries[i], file: file, line: n + 1)) }
      }
      if !buffer.isEmpty {
        try writer.append(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
      }
      try writer.commit()
      splits[split] = kept
    }
    return (FoldManifests(index: k, splits: splits), findings)
  }
}
