/// The one rule that flags a rater: a score (kappa against the majority, or r against the others'
/// mean) at least 2 sample standard deviations below the mean score of the eligible raters.
/// Needs two eligible raters; with no spread among them nobody is flagged.
public enum RaterFlagRule {
  public struct Outcome: Sendable, Hashable {
    public var mean: Double
    /// Sample standard deviation of the scores.
    public var sd: Double
    /// mean − 2·sd.
    public var threshold: Double
    /// Each score's z against the others, nil when the scores have no spread.
    public var z: [Double?]
    public var flagged: [Bool]
  }

  /// The outcome for `scores` (one per eligible rater), nil for fewer than two.
  public static func apply(_ scores: [Double]) -> Outcome? {
    guard scores.count >= 2 else { return nil }
    let mean = scores.reduce(0, +) / Double(scores.count)
    let sd = (scores.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(scores.count - 1)).squareRoot()
    var z = [Double?](repeating: nil, count: scores.count)
    var flagged = [Bool](repeating: false, count: scores.count)
    if sd > 1e-12 {
      for (i, score) in scores.enumerated() {
        z[i] = (score - mean) / sd
        // 1e-9: a value exactly 2 SD below must not escape the flag through rounding.
        flagged[i] = z[i]! <= -2 + 1e-9
      }
    }
    return Outcome(mean: mean, sd: sd, threshold: mean - 2 * sd, z: z, flagged: flagged)
  }
}
