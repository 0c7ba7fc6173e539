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

  /// F0 of the loudest 40 ms stretch (a vowel nucleus) by autocorrelation over 60–450 Hz: the
  /// shortest lag whose autocorrelation peak is within 10 % of the highest (a peak at two periods
  /// can edge out the one at one period when the pitch moves within the frame).
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
    let lags = Array((rate / 450)...(rate / 60))
    let values = lags.map { lag in
      var sum = 0.0
      for i in 0..<(window - lag) { sum += Double(frame[i]) * Double(frame[i + lag]) }
      return sum / Double(window - lag)
    }
    let highest = values.max() ?? 0
    for k in values.indices.dropFirst().dropLast()
    where values[k] >= values[k - 1] && values[k] >= values[k + 1] && values[k] >= 0.9 * highest {
      return Double(rate) / Double(lags[k])
    }
    return Double(rate) / Double(lags[values.firstIndex(of: highest) ?? 0])
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
    // Styles: anger +3.5 dB, sadness −5 dB around neutral; at least a 6 dB gap must survive.
    #expect(20 * log10(mean(anger) / mean(sadness)) > 6)
    #expect(mean(anger) > mean(neutral) && mean(neutral) > mean(sadness))
    #expect(mean(angerPitch) > mean(sadPitch) * 1.15)
  }

  @Test func angerHasAFlatterSpectrumThanSadness() {
    // Share of energy above 2 kHz, through a first difference (a +6 dB/octave tilt probe), over
    // the vowel nuclei only (10 ms frames within 10 dB of the loudest): the voice's own tilt, not
    // the fricatives' noise or the syllables' rise and decay.
    func highShare(_ x: [Float]) -> Double {
      let frame = 160
      let starts = Array(stride(from: 1, to: x.count - frame, by: frame))
      let levels = starts.map { Self.rms(x[$0..<($0 + frame)]) }
      let loudest = levels.max() ?? 0
      var diff = 0.0
      var total = 0.0
      for (start, level) in zip(starts, levels) where level > 0.316 * loudest {
        for i in start..<(start + frame) {
          let d = Double(x[i] - x[i - 1])
          diff += d * d
          total += Double(x[i]) * Double(x[i])
        }
      }
      return diff / max(total, 1e-12)
    }
    let anger = (1...4).map { highShare(render(Self.male, .anger, seed: UInt64($0))) }.reduce(0, +)
    let sadness = (1...4).map { highShare(render(Self.male, .sadness, seed: UInt64($0))) }.reduce(0, +)
    #expect(anger > sadness * 1.5)
  }

  /// Rise-versus-decay asymmetry of the intensity envelope (RMS over 5 ms frames): the mean of the
  /// steepest 5 % of frame-to-frame rises over the mean of the steepest 5 % of falls, in dB per
  /// frame. Above 1: syllables start more abruptly than they die away. Playing the signal
  /// backwards inverts it, while the envelope's mean and spread stay the same.
  static func attackAsymmetry(_ x: [Float], rate: Int) -> Double {
    let frame = rate / 200
    let levels = stride(from: 0, to: x.count - frame, by: frame).map {
      20 * log10(max(rms(x[$0..<($0 + frame)]), 1e-5))
    }
    let loudest = levels.max() ?? 0
    var rises: [Double] = []
    var falls: [Double] = []
    for k in 1..<levels.count where max(levels[k], levels[k - 1]) > loudest - 30 {
      let d = levels[k] - levels[k - 1]
      if d > 0 { rises.append(d) } else { falls.append(-d) }
    }
    func topMean(_ v: [Double]) -> Double {
      let top = v.sorted(by: >).prefix(max(v.count / 20, 1))
      return top.reduce(0, +) / Double(top.count)
    }
    return topMean(rises) / max(topMean(falls), 1e-9)
  }

  /// Mean pitch movement in semitones per 10 ms over loud, voiced stretches (autocorrelation F0 of
  /// 40 ms frames, as `pitch`; steps over 2 semitones, octave slips, are left out).
  static func pitchDrift(_ x: [Float], rate: Int) -> Double {
    let window = rate / 25
    let hop = rate / 100
    let loudest = stride(from: 0, to: x.count - window, by: hop).map { rms(x[$0..<($0 + window)]) }.max() ?? 0
    var previous: Double?
    var steps: [Double] = []
    for start in stride(from: 0, to: x.count - window, by: hop) {
      guard rms(x[start..<(start + window)]) > 0.4 * loudest else {
        previous = nil
        continue
      }
      let f0 = pitch(Array(x[start..<(start + window)]), rate: rate)
      if let p = previous, abs(12 * log2(f0 / p)) < 2 { steps.append(12 * log2(f0 / p)) }
      previous = f0
    }
    return steps.reduce(0, +) / Double(max(steps.count, 1))
  }

  @Test func angerAttacksSyllablesAbruptlyAndSadnessSlowly() {
    let seeds: [UInt64] = [1, 2, 3, 4]
    func mean(_ e: VocalExpression, reversed: Bool = false) -> Double {
      seeds.map { seed in
        let x = render(Self.female, e, seed: seed, rate: 8000)
        return Self.attackAsymmetry(reversed ? x.reversed() : x, rate: 8000)
      }.reduce(0, +) / Double(seeds.count)
    }
    let anger = mean(.anger)
    let neutral = mean(.neutral)
    let sadness = mean(.sadness)
    #expect(anger > 1.5 * neutral, "anger \(anger), neutral \(neutral)")
    #expect(neutral > sadness, "neutral \(neutral), sadness \(sadness)")
    // The cue is in the time course only: the same anger played backwards decays abruptly.
    #expect(mean(.anger, reversed: true) < 1)
  }

  @Test func fearfulPitchRisesWhereNeutralPitchFalls() {
    let seeds: [UInt64] = [1, 2, 3, 4]
    func mean(_ e: VocalExpression) -> Double {
      seeds.map { Self.pitchDrift(render(Self.female, e, seed: $0, rate: 8000), rate: 8000) }.reduce(0, +)
        / Double(seeds.count)
    }
    let fear = mean(.fear)
    let neutral = mean(.neutral)
    #expect(fear > 0, "fear \(fear) semitones per 10 ms")
    #expect(neutral < 0, "neutral \(neutral) semitones per 10 ms")
    #expect(fear - neutral > 0.06, "fear \(fear), neutral \(neutral) semitones per 10 ms")
  }

  @Test func sameStreamSameSamples() {
    #expect(render(Self.male, .fear, seed: 9, rate: 8000) == render(Self.male, .fear, seed: 9, rate: 8000))
    #expect(render(Self.male, .fear, seed: 9, rate: 8000) != render(Self.male, .fear, seed: 10, rate: 8000))
  }
}
