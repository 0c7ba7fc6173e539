import EmoSupport
import Foundation
import Testing

@testable import Synth

@Suite struct SpeechRendererTests {
  static let male = Voice(
    f0: 115, formantScale: 1, jitter: 0.008, shimmer: 0.05, breathiness: 0.02, tiltOffset: 0, syllableRate: 4.5,
    gainDB: 0)
  static let female = Voice(
    f0: 210, formantScale: 1.16, jitter: 0.008, shimmer: 0.05, breathiness: 0.02, tiltOffset: 0, syllableRate: 4.5,
    gainDB: 0)

  func render(_ voice: Voice, _ expression: VocalExpression, seed: UInt64, rate: Int = 16000) -> [Float] {
    var rng = SeededRandom(seed: seed)
    return SpeechRenderer(sampleRate: rate).render(
      seconds: 2.5, voice: voice, expression: expression, intensity: 1, rng: &rng)
  }

  static func rms(_ x: ArraySlice<Float>) -> Double {
    (x.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(max(x.count, 1))).squareRoot()
  }

  /// F0 of the loudest 40 ms stretch (a vowel nucleus) by autocorrelation over 60–450 Hz.
  static func pitch(_ x: [Float], rate: Int) -> Double {
    let window = rate / 25
    var best = 0
    var bestEnergy = -1.0
    for start in stride(from: 0, to: x.count - window, by: window / 4) {
      let e = rms(x[start..<(start + window)])
      if e > bestEnergy {
        bestEnergy = e
        best = start
      }
    }
    let frame = Array(x[best..<(best + window)])
    var bestLag = 0
    var bestValue = -Double.infinity
    for lag in (rate / 450)...(rate / 60) {
      var sum = 0.0
      for i in 0..<(window - lag) { sum += Double(frame[i]) * Double(frame[i + lag]) }
      let normalized = sum / Double(window - lag)
      if normalized > bestValue {
        bestValue = normalized
        bestLag = lag
      }
    }
    return Double(rate) / Double(bestLag)
  }

  @Test func renderedLengthIsExactAndAudible() {
    let x = render(Self.male, .neutral, seed: 1)
    #expect(x.count == 40000)
    let level = 20 * log10(Self.rms(x[...]))
    // Reference −24 dBFS over voiced samples; the whole span includes pauses and consonants.
    #expect(level > -40 && level < -18, "level \(level) dBFS")
    #expect(x.allSatisfy { abs($0) <= 1 })
  }

  @Test(arguments: [(SpeechRendererTests.male, 115.0), (SpeechRendererTests.female, 210.0)])
  func pitchOfAVoicedStretchIsNearTheVoicesF0(voice: Voice, f0: Double) {
    // Neutral speech: base F0 × accents and declination of a few semitones (0.7…1.5 × F0).
    let estimates = (1...5).map { Self.pitch(render(voice, .neutral, seed: UInt64($0)), rate: 16000) }.sorted()
    let median = estimates[2]
    #expect(median > 0.7 * f0 && median < 1.5 * f0, "estimates \(estimates)")
  }

  @Test func angerIsLouderAndHigherThanSadness() {
    var anger: [Double] = []
    var sadness: [Double] = []
    var neutral: [Double] = []
    var angerPitch: [Double] = []
    var sadPitch: [Double] = []
    for seed in 1...6 {
      let a = render(Self.female, .anger, seed: UInt64(seed))
      let s = render(Self.female, .sadness, seed: UInt64(seed))
      anger.append(Self.rms(a[...]))
      sadness.append(Self.rms(s[...]))
      neutral.append(Self.rms(render(Self.female, .neutral, seed: UInt64(seed))[...]))
      angerPitch.append(Self.pitch(a, rate: 16000))
      sadPitch.append(Self.pitch(s, rate: 16000))
    }
    let mean = { (v: [Double]) in v.reduce(0, +) / Double(v.count) }
    // Styles: anger +7 dB, sadness −5 dB around neutral; at least a 6 dB gap must survive.
    #expect(20 * log10(mean(anger) / mean(sadness)) > 6)
    #expect(mean(anger) > mean(neutral) && mean(neutral) > mean(sadness))
    #expect(mean(angerPitch) > mean(sadPitch) * 1.15)
  }

  @Test func angerHasAFlatterSpectrumThanSadness() {
    // Share of energy above 2 kHz, through a first difference (a +6 dB/octave tilt probe).
    func highShare(_ x: [Float]) -> Double {
      var diff = 0.0
      var total = 0.0
      for i in 1..<x.count {
        let d = Double(x[i] - x[i - 1])
        diff += d * d
        total += Double(x[i]) * Double(x[i])
      }
      return diff / max(total, 1e-12)
    }
    let anger = (1...4).map { highShare(render(Self.male, .anger, seed: UInt64($0))) }.reduce(0, +)
    let sadness = (1...4).map { highShare(render(Self.male, .sadness, seed: UInt64($0))) }.reduce(0, +)
    #expect(anger > sadness * 1.5)
  }

  @Test func sameStreamSameSamples() {
    #expect(render(Self.male, .fear, seed: 9, rate: 8000) == render(Self.male, .fear, seed: 9, rate: 8000))
    #expect(render(Self.male, .fear, seed: 9, rate: 8000) != render(Self.male, .fear, seed: 10, rate: 8000))
  }
}
