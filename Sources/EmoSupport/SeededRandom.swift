import Foundation

/// Deterministic random numbers (SplitMix64): same seed, same sequence on every platform.
///
/// Used wherever the run's `--seed` must make results reproducible (synthesis, balancing, folds,
/// training). Swift's `SystemRandomNumberGenerator` is never used for results.
public struct SeededRandom: RandomNumberGenerator, Sendable, Hashable, Codable {
  public private(set) var state: UInt64

  public init(seed: UInt64) { state = seed }

  /// A generator for a named sub-stream, so that adding draws in one stage does not shift another.
  public init(seed: UInt64, stream: String) {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in stream.utf8 {
      h ^= UInt64(byte)
      h = h &* 0x100_0000_01b3
    }
    state = seed ^ h
  }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Uniform in [0, 1).
  public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

  /// Standard normal (Box–Muller).
  public mutating func normal() -> Double {
    let u1 = max(uniform(), 1e-300)
    let u2 = uniform()
    return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
  }
}
