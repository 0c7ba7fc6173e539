import EmoCorpus
import EmoSupport
import Foundation

/// One speaker's own voice, fixed across all their segments: base pitch, vocal-tract length,
/// voice quality, speaking rate and level. Offsets are random per speaker so that speaker
/// variation overlaps the emotion effects, as in real corpora.
struct Voice: Sendable, Hashable {
  /// Base fundamental frequency in Hz.
  var f0: Double
  /// Formant frequency ratio to the adult-male reference (shorter vocal tract: higher).
  var formantScale: Double
  /// Relative standard deviation of the glottal period (cycle-to-cycle jitter).
  var jitter: Double
  /// Relative standard deviation of the glottal pulse amplitude (shimmer).
  var shimmer: Double
  /// Added aspiration noise share.
  var breathiness: Double
  /// Added spectral tilt (−0.15…0.15).
  var tiltOffset: Double
  /// Neutral syllable rate in syllables per second.
  var syllableRate: Double
  /// Level offset in dB (distance to the microphone, loudness habit).
  var gainDB: Double

  /// A random voice of the given gender (unknown gender draws one at random).
  static func random(gender: Gender, rng: inout SeededRandom) -> Voice {
    let female: Bool
    switch gender {
    case .female: female = true
    case .male: female = false
    case .unknown: female = rng.uniform() < 0.5
    }
    let f0 = (female ? 200.0 : 112.0) * exp(0.11 * rng.normal())
    let scale = (female ? 1.16 : 1.0) * exp(0.035 * rng.normal())
    return Voice(
      f0: f0, formantScale: scale, jitter: 0.006 + 0.006 * rng.uniform(),
      shimmer: 0.04 + 0.05 * rng.uniform(), breathiness: 0.06 * rng.uniform(),
      tiltOffset: 0.3 * (rng.uniform() - 0.5), syllableRate: 4.4 * exp(0.1 * rng.normal()),
      gainDB: 4 * rng.normal())
  }
}
