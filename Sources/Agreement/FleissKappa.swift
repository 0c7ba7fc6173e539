/// A chance-corrected agreement value among several raters, with what it was computed on.
public struct MultiRaterValue: Sendable, Hashable, Codable {
  /// nil only when no item has two ratings.
  public var value: Double?
  /// Items with at least two ratings (the others cannot show agreement and are not used).
  public var items: Int
  /// Ratings on those items.
  public var ratings: Int
  /// Set when a degenerate rule (not the plain formula) gave `value`.
  public var degeneracy: AgreementDegeneracy?
}

/// Fleiss' kappa from an items × categories table of rating counts.
public enum FleissKappa {
  /// Chance model: Fleiss (pooled category shares) or Randolph (free marginals, 1/k).
  public enum Method: String, Sendable, Hashable, Codable {
    case fleiss, randolph
  }

  /// κ = (P̄ − P_e) / (1 − P_e), generalized to unequal raters per item.
  ///
  /// Item i with n_i ≥ 2 ratings has agreement P_i = Σ_j n_ij (n_ij − 1) / (n_i (n_i − 1)); P̄ is
  /// the plain mean of P_i (each item weighs the same, whatever its rater count); category shares
  /// p_j = Σ_i n_ij / Σ_i n_i pool all ratings of those items, P_e = Σ_j p_j² (Randolph: 1/k).
  /// With equal n_i this is exactly Fleiss (1971) and statsmodels' `fleiss_kappa`. Items with fewer
  /// than 2 ratings are skipped (counted out of `items`). Degenerate: no usable item → nil;
  /// P_e = 1 → 1 if P̄ = 1 else 0. Tolerance: double rounding only.
  public static func estimate(table: [[Int]], method: Method = .fleiss) -> MultiRaterValue {
    let k = table.map(\.count).max() ?? 0
    var shares = [Double](repeating: 0, count: k)
    var agreementSum = 0.0
    var items = 0
    var ratings = 0
    for row in table {
      let ni = row.reduce(0) { $0 + max($1, 0) }
      guard ni >= 2 else { continue }
      var same = 0
      for (j, c) in row.enumerated() where c > 0 {
        same += c * (c - 1)
        shares[j] += Double(c)
      }
      agreementSum += Double(same) / Double(ni * (ni - 1))
      items += 1
      ratings += ni
    }
    guard items > 0 else { return MultiRaterValue(value: nil, items: 0, ratings: 0, degeneracy: .noItems) }
    let pBar = agreementSum / Double(items)
    let pe: Double
    switch method {
    case .fleiss: pe = shares.reduce(0) { $0 + ($1 / Double(ratings)) * ($1 / Double(ratings)) }
    case .randolph: pe = 1 / Double(max(k, 1))
    }
    if pe >= 1 - 1e-12 {
      let perfect = pBar >= 1 - 1e-12
      return MultiRaterValue(
        value: perfect ? 1 : 0, items: items, ratings: ratings,
        degeneracy: perfect ? .chanceOnePerfect : .chanceOneImperfect)
    }
    return MultiRaterValue(value: (pBar - pe) / (1 - pe), items: items, ratings: ratings, degeneracy: nil)
  }

  /// Fleiss' kappa of per-item label lists (one label per rating; nil entries are missing ratings).
  public static func estimate(labels: [[String?]], method: Method = .fleiss) -> MultiRaterValue {
    var book = LabelCodebook()
    let coded = labels.map { $0.compactMap { $0.map { Int(book.code($0)) } } }
    let table = coded.map { codes -> [Int] in
      var row = [Int](repeating: 0, count: book.count)
      for c in codes { row[c] += 1 }
      return row
    }
    return estimate(table: table, method: method)
  }
}
