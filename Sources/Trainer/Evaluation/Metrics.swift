/// UA, WA and the confusion matrix of a set of predictions.
public struct ClassificationMetrics: Codable, Sendable, Hashable {
  /// Unweighted accuracy: mean per-class recall over the classes present in the truth (0–1).
  public var ua: Double
  /// Weighted accuracy: plain accuracy, i.e. recall weighted by class frequency (0–1).
  public var wa: Double
  /// `confusion[truth][predicted]` counts.
  public var confusion: [[Int]]
  /// Recall per class; nil for a class absent from the truth (excluded from UA).
  public var recall: [Double?]

  /// Metrics of `predicted` against `truth` (class indices in `0..<classes`).
  public init(truth: [Int], predicted: [Int], classes: Int) {
    var confusion = [[Int]](repeating: [Int](repeating: 0, count: classes), count: classes)
    for (t, p) in zip(truth, predicted) { confusion[t][p] += 1 }
    self.init(confusion: confusion)
  }

  /// Metrics of a confusion matrix.
  public init(confusion: [[Int]]) {
    self.confusion = confusion
    recall = confusion.enumerated().map { i, row in
      let support = row.reduce(0, +)
      return support == 0 ? nil : Double(row[i]) / Double(support)
    }
    let present = recall.compactMap { $0 }
    ua = present.isEmpty ? 0 : present.reduce(0, +) / Double(present.count)
    let total = confusion.joined().reduce(0, +)
    let correct = confusion.indices.map { confusion[$0][$0] }.reduce(0, +)
    wa = total == 0 ? 0 : Double(correct) / Double(total)
  }
}

/// Mean and sample standard deviation (n − 1; 0 for a single value) of per-fold values.
public func meanAndStd(_ values: [Double]) -> (mean: Double, std: Double) {
  guard !values.isEmpty else { return (0, 0) }
  let mean = values.reduce(0, +) / Double(values.count)
  guard values.count > 1 else { return (mean, 0) }
  let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)
  return (mean, variance.squareRoot())
}
