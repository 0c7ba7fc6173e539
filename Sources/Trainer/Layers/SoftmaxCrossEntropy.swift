/// Softmax cross-entropy on a batch of logits.
enum SoftmaxCrossEntropy {
  /// Replaces `logits` (`[batch, classes]`) by posteriors (max-shifted for stability).
  static func softmax<S: TrainerScalar>(_ logits: UnsafeMutablePointer<S>, batch: Int, classes: Int) {
    for b in 0..<batch {
      let row = logits + b * classes
      var top = row[0]
      for c in 1..<classes { top = max(top, row[c]) }
      for c in 0..<classes { row[c] -= top }
      S.exp(row, classes)
      var sum: S = 0
      for c in 0..<classes { sum += row[c] }
      for c in 0..<classes { row[c] /= sum }
    }
  }

  /// Sum of −log p(label) over samples with a label (label < 0: skipped), and the gradient with
  /// respect to the logits, `(p − onehot)·scale`, written into `gradient` (0 for skipped rows).
  /// `posteriors` must come from `softmax`.
  ///
  /// With `targets` (`labels.count × classes` distributions): −Σ_c t_c log p_c and `(p − t)·scale`
  /// instead. Terms with t_c = 0 are skipped, so one-hot targets give the same bits as the labels.
  static func loss<S: TrainerScalar>(
    posteriors: UnsafePointer<S>, labels: [Int], classes: Int, scale: S, gradient: UnsafeMutablePointer<S>,
    targets: [S]? = nil
  ) -> Double {
    var total = 0.0
    for (b, label) in labels.enumerated() {
      let p = posteriors + b * classes
      let g = gradient + b * classes
      if label < 0 {
        g.update(repeating: 0, count: classes)
        continue
      }
      if let targets {
        let t = b * classes
        for c in 0..<classes where targets[t + c] != 0 {
          total -= Double(targets[t + c] * S.log(max(p[c], S.leastNormalMagnitude)))
        }
        for c in 0..<classes { g[c] = (p[c] - targets[t + c]) * scale }
        continue
      }
      total -= Double(S.log(max(p[label], S.leastNormalMagnitude)))
      for c in 0..<classes { g[c] = (p[c] - (c == label ? 1 : 0)) * scale }
    }
    return total
  }
}
