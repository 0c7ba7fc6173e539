import EmoSupport
import Foundation

/// Recording conditions of one dialog: a pinkish noise floor and, for some, mains hum.
/// The level varies per dialog so that loudness alone cannot identify an emotion.
struct BackgroundNoise: Sendable, Hashable {
  /// Noise RMS in dBFS.
  var levelDB: Double
  /// Mains hum amplitude (0: none).
  var humAmplitude: Double
  /// Channel gain in dB applied to the whole recording (microphone or line level).
  var channelGainDB: Double

  static func random(rng: inout SeededRandom) -> BackgroundNoise {
    BackgroundNoise(
      levelDB: -58 + 26 * rng.uniform(), humAmplitude: rng.uniform() < 0.3 ? 0.002 + 0.004 * rng.uniform() : 0,
      channelGainDB: 3 * rng.normal())
  }

  /// Applies channel gain and adds the noise floor to `samples` in place.
  func apply(to samples: inout [Float], sampleRate: Int, rng: inout SeededRandom) {
    let gain = Float(pow(10, channelGainDB / 20))
    // White noise through a one-pole low-pass (pinkish); the factor brings it to `levelDB` RMS.
    let pole = 0.9
    let whiteRMS = (1.0 / 12).squareRoot()
    let colouredRMS = whiteRMS * ((1 - pole) * (1 - pole) / (1 - pole * pole)).squareRoot()
    let scale = pow(10, levelDB / 20) / colouredRMS
    var state = 0.0
    let humStep = 2 * Double.pi * 50 / Double(sampleRate)
    for i in samples.indices {
      state = (1 - pole) * (rng.uniform() - 0.5) + pole * state
      let hum = humAmplitude * sin(humStep * Double(i))
      samples[i] = SpeechRenderer.softClip(samples[i] * gain + Float(state * scale + hum))
    }
  }
}
