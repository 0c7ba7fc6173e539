import EmoSupport

/// Inverted dropout: kept values are scaled by 1/(1 − rate) in training, identity in inference.
///
/// The mask of each sample comes from its own seed (drawn from the run's `SeededRandom`), so the
/// masks do not depend on how a batch is split across threads.
enum Dropout {
  /// Fills `count` mask values with 0 (probability `rate`) or 1/(1 − rate), drawing from `rng`.
  static func fill<S: TrainerScalar>(
    rate: Double, rng: inout SeededRandom, count: Int, mask: UnsafeMutablePointer<S>
  ) {
    let keep = S(1 / (1 - rate))
    for i in 0..<count { mask[i] = rng.uniform() < rate ? 0 : keep }
  }

  /// `values *= mask` elementwise (forward and backward alike).
  static func apply<S: TrainerScalar>(_ values: UnsafeMutablePointer<S>, mask: UnsafePointer<S>, count: Int) {
    S.multiply(values, mask, count)
  }
}
