import EmoSupport
import Foundation

/// One stretch of speech to place in a recording.
struct SpeechEvent: Sendable {
  var start: Double
  var duration: Double
  var voice: Voice
  var expression: VocalExpression
  var intensity: Double
}

/// Renders a recording: speech events at their times over the recording's background noise.
enum DialogAudio {
  /// Samples of a `duration`-second recording at `sampleRate` holding every event.
  static func render(
    duration: Double, events: [SpeechEvent], noise: BackgroundNoise, sampleRate: Int, rng: inout SeededRandom
  ) -> [Float] {
    var samples = [Float](repeating: 0, count: Framing.sampleCount(seconds: duration, sampleRate: sampleRate))
    let renderer = SpeechRenderer(sampleRate: sampleRate)
    for event in events {
      let speech = renderer.render(
        seconds: event.duration, voice: event.voice, expression: event.expression, intensity: event.intensity,
        rng: &rng)
      let offset = Framing.sampleCount(seconds: event.start, sampleRate: sampleRate)
      for (i, x) in speech.enumerated() where offset + i < samples.count { samples[offset + i] += x }
    }
    noise.apply(to: &samples, sampleRate: sampleRate, rng: &rng)
    return samples
  }
}
