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
  /// What the model learns: `emotion` and/or rated dimensions (`arousal`, `valence`, …), in
  /// order. nil: emotion only (and nothing is written, so emotion runs keep their checkpoints'
  /// bytes).
  public var targets: [String]?
  /// Loss weight per target, in the order of `targets` (nil: 1 each). The emotion weight scales
  /// the cross-entropies (emotion and gender heads), a dimension's weight its 1 − CCC.
  public var targetWeights: [Double]?

  public init() {}

  /// True when the emotion classes are a target (the default).
  public var trainsEmotion: Bool { targets?.contains("emotion") ?? true }

  /// The rated dimensions among the targets, in order.
  public var dimensionTargets: [String] { (targets ?? []).filter { $0 != "emotion" } }

  /// The loss weight of a target (1 unless given).
  public func weight(of target: String) -> Double {
    guard let targets, let weights = targetWeights, let i = targets.firstIndex(of: target), i < weights.count else {
      return 1
    }
    return weights[i]
  }

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
      (targets.map { !$0.isEmpty && Set($0).count == $0.count } ?? true, "targets \(targets ?? [])", "distinct names"),
      (
        targetWeights.map { w in w.count == (targets ?? ["emotion"]).count && w.allSatisfy { $0 >= 0 && $0.isFinite } }
          ?? true, "target_weights \(targetWeights ?? [])", "one weight ≥ 0 per target"
      ),
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
    case targets
    case targetWeights = "target_weights"
  }
}
