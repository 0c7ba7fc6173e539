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

/// One recording to render and write: where it goes, its own random stream and what it holds.
struct DialogRecording: Sendable {
  var path: String
  /// Name of the recording's `SeededRandom` stream (one per recording: output independent of jobs).
  var stream: String
  var duration: Double
  var events: [SpeechEvent]
  var noise: BackgroundNoise
}

extension DialogAudio {
  /// Renders and writes `recordings` as WAVs on `jobs` threads; returns the seconds written.
  static func write(
    _ recordings: [DialogRecording], seed: UInt64, sampleRate: Int, jobs: Int, progress: EmoSupport.Progress
  ) throws -> Double {
    try Parallel.forEach(recordings.count, workers: jobs) { i in
      let recording = recordings[i]
      var rng = SeededRandom(seed: seed, stream: recording.stream)
      let samples = render(
        duration: recording.duration, events: recording.events, noise: recording.noise, sampleRate: sampleRate,
        rng: &rng)
      try WAVWriter.write(samples, sampleRate: sampleRate, to: recording.path)
      progress.advance()
    }
    return recordings.reduce(0) {
      $0 + Double(Framing.sampleCount(seconds: $1.duration, sampleRate: sampleRate)) / Double(sampleRate)
    }
  }
}
