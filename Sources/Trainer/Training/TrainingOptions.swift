import EmoSupport
import Foundation

/// Optimization and schedule settings of a training run, with the paper's recipe as defaults.
public struct TrainingOptions: Codable, Sendable, Hashable {
  /// Maximum epochs per fold.
  public var epochs: Int = 50
  /// Stop after this many epochs without a better validation UA.
  public var patience: Int = 10
  public var learningRate: Double = 1e-4
  /// Learning rate × `decayFactor` every `decayEvery` optimizer steps.
  public var decayFactor: Double = 0.9
  public var decayEvery: Int = 1000
  public var batchSize: Int = 32
  /// Gradient values are clipped to [−clip, clip] before Adam.
  public var clip: Double = 1
  public var seed: UInt64 = 1
  /// Worker threads (results are identical for the same seed and thread count).
  public var threads: Int = 2
  /// Train against each segment's `softLabel` distribution instead of its one-hot label (nil:
  /// hard labels, and nothing is written, so hard-label runs keep their checkpoints' bytes).
  public var softTargets: Bool?

  public init() {}

  /// Rejects settings training cannot run with.
  public func validate() throws {
    let problems: [(Bool, String, String)] = [
      (batchSize >= 1, "batch_size \(batchSize)", "≥ 1"),
      (epochs >= 0, "epochs \(epochs)", "≥ 0"),
      (patience >= 1, "patience \(patience)", "≥ 1"),
      (learningRate > 0 && learningRate.isFinite, "learning_rate \(learningRate)", "> 0"),
      (decayFactor > 0 && decayFactor <= 1, "decay_factor \(decayFactor)", "in (0, 1]"),
      (decayEvery >= 1, "decay_every \(decayEvery)", "≥ 1"),
      (clip > 0, "clip \(clip)", "> 0"),
    ]
    for (ok, what, expected) in problems where !ok {
      throw LocatedError(file: nil, "invalid training option \(what)", expected: expected)
    }
  }

  /// Learning rate in force at optimizer step `step` (0-based).
  public func learningRate(atStep step: Int) -> Double {
    learningRate * pow(decayFactor, Double(step / max(decayEvery, 1)))
  }

  enum CodingKeys: String, CodingKey {
    case epochs, patience, seed, threads, clip
    case learningRate = "learning_rate"
    case decayFactor = "decay_factor"
    case decayEvery = "decay_every"
    case batchSize = "batch_size"
    case softTargets = "soft_targets"
  }
}
