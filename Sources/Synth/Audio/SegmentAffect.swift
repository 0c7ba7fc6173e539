import EmoSupport
import Foundation

/// The continuous arousal and valence a synthetic segment is rendered with, on a 1–5 scale
/// (1: calm / negative, 3: neutral, 5: aroused / positive).
///
/// They follow from what the renderer is given: an expression's place on the arousal–valence
/// circumplex (Russell 1980; anger and excitement high in arousal, sadness low; happiness
/// positive, anger and sadness negative) scaled by the segment's intensity, the same intensity that
/// moves the voice's level, pitch range, syllable rate and spectral tilt from the speaker's neutral
/// voice towards the expression's style. So a segment rated 4.2 in arousal is louder, faster, wider
/// in pitch range and flatter in tilt than one rated 3.5 of the same expression.
struct SegmentAffect: Sendable, Hashable {
  var arousal: Double
  var valence: Double

  /// Position of each expression at full intensity, each axis in −1…1.
  static func circumplex(_ expression: VocalExpression) -> (arousal: Double, valence: Double) {
    switch expression {
    case .neutral: (0, 0)
    case .anger: (0.8, -0.7)
    case .frustration: (0.45, -0.55)
    case .fear: (0.6, -0.65)
    case .sadness: (-0.65, -0.6)
    case .happiness: (0.35, 0.75)
    case .excitement: (0.85, 0.6)
    case .surprise: (0.7, 0.2)
    case .pain: (0.3, -0.75)
    case .disgust: (0.1, -0.6)
    }
  }

  /// The values a segment rendered with `expression` at `intensity` (0…1) expresses.
  init(expression: VocalExpression, intensity: Double) {
    let position = Self.circumplex(expression)
    let strength = min(max(intensity, 0), 1)
    arousal = 3 + 2 * strength * position.arousal
    valence = 3 + 2 * strength * position.valence
  }

  init(arousal: Double, valence: Double) {
    self.arousal = arousal
    self.valence = valence
  }

  /// One rater's rating of the segment: the rendered value plus the rater's own noise (standard
  /// deviation 0.35 scale points), kept in 1…5 and rounded to `step` (0.1 for CEMO-style and table
  /// layouts). Drawn from its own stream per segment and rater, so adding ratings changes no other
  /// draw of the corpus.
  func rated(seed: UInt64, segment: String, rater: String, step: Double = 0.1) -> SegmentAffect {
    var rng = SeededRandom(seed: seed, stream: "affect/\(segment)/\(rater)")
    func rate(_ value: Double) -> Double {
      let noisy = min(max(value + 0.35 * rng.normal(), 1), 5)
      return (noisy / step).rounded() * step
    }
    let a = rate(arousal)
    return SegmentAffect(arousal: a, valence: rate(valence))
  }

  /// A rating as written in the files: one decimal.
  static func text(_ value: Double) -> String { String(format: "%.1f", value) }
}
