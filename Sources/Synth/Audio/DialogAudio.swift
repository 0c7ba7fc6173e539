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

/// Runs `body` for every index on up to `jobs` threads and rethrows the first failure by index,
/// so the outcome never depends on scheduling.
func parallelForEach(count: Int, jobs: Int, _ body: @Sendable (Int) throws -> Void) throws {
  let errors = ErrorSlots(count: count)
  let workers = max(1, min(jobs, count))
  DispatchQueue.concurrentPerform(iterations: workers) { worker in
    var i = worker
    while i < count {
      do { try body(i) } catch { errors.set(i, error) }
      i += workers
    }
  }
  if let first = errors.first { throw first }
}

private final class ErrorSlots: @unchecked Sendable {
  private var slots: [Error?]
  private let lock = NSLock()
  init(count: Int) { slots = [Error?](repeating: nil, count: count) }
  func set(_ i: Int, _ error: Error) {
    lock.lock()
    slots[i] = error
    lock.unlock()
  }
  var first: Error? { slots.compactMap { $0 }.first }
}
