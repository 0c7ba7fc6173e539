import EmoSupport

/// Percentile bootstrap of Cohen's kappa over dialogs (dialogs resampled with replacement).
///
/// Items of a dialog stay together, so the interval reflects that segments of one call are not
/// independent. Each dialog is held as its few non-zero confusion cells; a replicate sums the cells
/// of `D` dialogs drawn with replacement (D = dialogs with at least one pair) and computes kappa
/// with `CohenKappa`'s degenerate rules, so every replicate is finite.
public enum DialogBootstrap {
  /// The 2.5 % and 97.5 % percentiles of kappa over `replicates` resamples; nil without pairs or
  /// replicates. `pairs` holds (dialog, code A, code B); percentiles interpolate linearly between
  /// order statistics (numpy's default). Deterministic for `random`'s state.
  public static func kappaInterval(
    pairs: [(dialog: String, a: Int, b: Int)], classCount k: Int, replicates: Int, random: inout SeededRandom
  ) -> [Double]? {
    guard !pairs.isEmpty, replicates > 0, k > 0 else { return nil }
    var dialogIndex: [String: Int] = [:]
    var cellsByDialog: [[Int: Int]] = []
    for p in pairs {
      let d: Int
      if let existing = dialogIndex[p.dialog] {
        d = existing
      } else {
        d = cellsByDialog.count
        dialogIndex[p.dialog] = d
        cellsByDialog.append([:])
      }
      cellsByDialog[d][p.a * k + p.b, default: 0] += 1
    }
    // Flatten to (start, end) ranges into two parallel arrays, cells sorted for determinism.
    var cellIndex: [Int] = []
    var cellCount: [Int] = []
    var ranges: [Range<Int>] = []
    for cells in cellsByDialog {
      let start = cellIndex.count
      for key in cells.keys.sorted() {
        cellIndex.append(key)
        cellCount.append(cells[key]!)
      }
      ranges.append(start..<cellIndex.count)
    }
    let dialogs = ranges.count
    var counts = [Int](repeating: 0, count: k * k)
    var rows = [Double](repeating: 0, count: k)
    var cols = [Double](repeating: 0, count: k)
    var values: [Double] = []
    values.reserveCapacity(replicates)
    for _ in 0..<replicates {
      for i in counts.indices { counts[i] = 0 }
      for _ in 0..<dialogs {
        let d = Int.random(in: 0..<dialogs, using: &random)
        for c in ranges[d] { counts[cellIndex[c]] += cellCount[c] }
      }
      let v = counts.withUnsafeBufferPointer {
        CohenKappa.value(counts: $0, classCount: k, rows: &rows, cols: &cols)
      }
      if let v { values.append(v) }
    }
    guard !values.isEmpty else { return nil }
    values.sort()
    return [percentile(values, 0.025), percentile(values, 0.975)]
  }

  /// Linear-interpolation percentile of sorted values (numpy `percentile`, method "linear").
  static func percentile(_ sorted: [Double], _ q: Double) -> Double {
    let position = q * Double(sorted.count - 1)
    let lower = Int(position.rounded(.down))
    let upper = Swift.min(lower + 1, sorted.count - 1)
    let fraction = position - Double(lower)
    return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
  }
}
