/// How a segment's prediction is made from the posteriors of its sub-segment windows.
public enum AggregationStrategy: String, Codable, Sendable, CaseIterable {
  /// Each window votes for its argmax class; the most votes win. Tie rule: among the tied classes,
  /// the one with the highest mean posterior; if still tied, the lowest class index.
  case majority
  /// Argmax of the mean posterior over windows (ties: lowest class index).
  case mean
  /// Argmax over classes of the largest posterior any window gives it (ties: lowest class index).
  case max

  /// The predicted class from `windows` posterior rows (each `classes` long, at least one row).
  public func predict(_ windows: [[Float]]) -> Int {
    let classes = windows[0].count
    var mean = [Double](repeating: 0, count: classes)
    for row in windows { for c in 0..<classes { mean[c] += Double(row[c]) / Double(windows.count) } }
    switch self {
    case .mean:
      return argmax(mean)
    case .max:
      return argmax((0..<classes).map { c in Double(windows.map { $0[c] }.max()!) })
    case .majority:
      var votes = [Int](repeating: 0, count: classes)
      for row in windows { votes[argmax(row.map(Double.init))] += 1 }
      let top = votes.max()!
      var best = -1
      for c in 0..<classes where votes[c] == top && (best < 0 || mean[c] > mean[best]) { best = c }
      return best
    }
  }
}

/// Index of the largest value; the first one on ties.
func argmax(_ values: [Double]) -> Int {
  var best = 0
  for i in values.indices where values[i] > values[best] { best = i }
  return best
}
