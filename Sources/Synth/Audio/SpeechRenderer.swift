import EmoSupport
import Foundation

/// Renders speech-like audio: a Rosenberg glottal pulse train with jitter and shimmer, spectral
/// tilt and aspiration noise, through a cascade of five formant resonators that follow vowel
/// targets syllable by syllable; fricative and burst noise for consonants; syllable-rate
/// amplitude modulation (about 4–5 Hz) grouped into phrases separated by pauses.
///
/// The result is not intelligible speech, but it has the properties emotion recognisers use:
/// pitch level and contour, tempo, energy, spectral tilt and voice quality, and the time course
/// of each syllable (intensity rise and decay, accent peak position, phrase direction, tremor).
struct SpeechRenderer: Sendable {
  let sampleRate: Int

  /// Male reference vowel formants F1–F3 in Hz (Peterson & Barney averages).
  private static let vowels: [(Double, Double, Double)] = [
    (730, 1090, 2440), (530, 1840, 2480), (270, 2290, 3010), (570, 840, 2410), (300, 870, 2240),
    (500, 1500, 2500), (660, 1720, 2410),
  ]
  private static let schwa = (500.0, 1500.0, 2500.0)

  private enum Onset { case fricative, stop, sonorant }

  /// Speech RMS level (dBFS over voiced samples) of a neutral segment by a speaker at 0 dB gain.
  static let referenceLevelDB = -24.0

  /// `seconds` of speech (exactly `Framing.sampleCount(seconds:sampleRate:)` samples, silence
  /// around it), the speaker's voice coloured by `expression` at `intensity` (0…1).
  func render(
    seconds: Double, voice: Voice, expression: VocalExpression, intensity: Double, rng: inout SeededRandom
  ) -> [Float] {
    let n = Framing.sampleCount(seconds: seconds, sampleRate: sampleRate)
    guard n > 0 else { return [] }
    let sr = Double(sampleRate)
    var style = ProsodyStyle.of(expression).blended(intensity: intensity)
    // Utterance-to-utterance variation of the same speaker in the same state.
    style.pitch *= exp(0.06 * rng.normal())
    style.tempo *= exp(0.07 * rng.normal())
    style.range *= exp(0.15 * rng.normal())
    style.energyDB += 1.5 * rng.normal()

    var voicedEnv = [Float](repeating: 0, count: n)
    var noiseEnv = [Float](repeating: 0, count: n)
    var f0Track = [Float](repeating: Float(voice.f0 * style.pitch), count: n)
    var f1 = [Float](repeating: 0, count: n)
    var f2 = [Float](repeating: 0, count: n)
    var f3 = [Float](repeating: 0, count: n)

    let baseF0 = voice.f0 * style.pitch
    let rate = voice.syllableRate * style.tempo
    let accentPeak = min(max(style.accentPeak, 0.05), 0.95)
    let attack = min(max(style.attack, 0.01), 0.6)
    let release = min(max(style.release, 0.05), 0.9 - attack)
    var tremorStep = 0.0
    var tremorPhase = 0.0
    if style.tremor > 0 {
      tremorStep = 2 * Double.pi * (5 + 2 * rng.uniform()) / sr
      tremorPhase = 2 * Double.pi * rng.uniform()
    }
    let lead = Int((0.02 + 0.06 * rng.uniform()) * sr)
    let tail = Int((0.03 + 0.07 * rng.uniform()) * sr)
    let end = max(lead, n - tail)
    var t = lead
    var previous = Self.schwa
    while t < end {
      let syllablesInPhrase = 3 + Int(rng.uniform() * 7)
      let phraseStart = t
      let phraseLength = Double(syllablesInPhrase) / rate * sr
      let startSemitones = 1.0 + rng.normal() * 0.8
      let declination = style.declination * style.range
      for _ in 0..<syllablesInPhrase where t < end {
        let length = Int(sr / rate * (0.75 + 0.55 * rng.uniform()))
        let s1 = min(t + max(length, 1), end)
        let consonant = t + Int(Double(s1 - t) * (0.2 + 0.2 * rng.uniform()))
        let onsetDraw = rng.uniform()
        let onset: Onset = onsetDraw < 0.35 ? .fricative : onsetDraw < 0.6 ? .stop : .sonorant
        let vowel = Self.vowels[Int(rng.uniform() * Double(Self.vowels.count))]
        let accent = style.range * (rng.uniform() < 0.4 ? 1.5 + 2.5 * rng.uniform() : 0.6 * rng.uniform())
        let transitionEnd = consonant + (s1 - consonant) / 4
        for i in t..<s1 {
          // Pitch: phrase contour (centred on the phrase, so its direction leaves the mean pitch
          // alone) plus a rise-fall accent on the syllable peaking at `accentPeak`, plus tremor
          // (semitones).
          let phrasePos = Double(i - phraseStart) / max(phraseLength, 1)
          let sylPos = Double(i - t) / Double(max(s1 - t, 1))
          let accentShape =
            sylPos < accentPeak
            ? sin(Double.pi / 2 * sylPos / accentPeak) : sin(Double.pi / 2 * (1 - sylPos) / (1 - accentPeak))
          var semitones = startSemitones + declination * (0.5 - phrasePos) + accent * accentShape
          if style.tremor > 0 { semitones += style.tremor * sin(tremorPhase + tremorStep * Double(i)) }
          f0Track[i] = Float(baseF0 * pow(2, semitones / 12))
          // Formants move from the previous vowel to this one across the onset (coarticulation).
          let w = i >= transitionEnd ? 1.0 : Double(i - t) / Double(max(transitionEnd - t, 1))
          f1[i] = Float((previous.0 + (vowel.0 - previous.0) * w) * voice.formantScale)
          f2[i] = Float((previous.1 + (vowel.1 - previous.1) * w) * voice.formantScale)
          f3[i] = Float((previous.2 + (vowel.2 - previous.2) * w) * voice.formantScale)
          if i < consonant {
            let x = Double(i - t) / Double(max(consonant - t, 1))
            switch onset {
            case .fricative: noiseEnv[i] = Float(sin(Double.pi * x))
            case .stop:
              // Closure (silence), then a short burst with a decaying tail.
              if x > 0.6 { noiseEnv[i] = Float(1.6 * exp(-12 * (x - 0.6))) }
            case .sonorant:
              voicedEnv[i] = Float(0.3 * sin(Double.pi * min(x * 1.5, 1) / 2))
              f1[i] = Float(280 * voice.formantScale)
            }
          } else {
            // Vowel nucleus: rise over `attack`, decay over `release` — the 4–5 Hz syllabic
            // modulation.
            let x = Double(i - consonant) / Double(max(s1 - consonant, 1))
            let rise = min(x / attack, 1)
            let fall = x > 1 - release ? max(0, (1 - x) / release) : 1
            voicedEnv[i] = Float(sin(Double.pi / 2 * rise) * (0.85 + 0.15 * (1 - x)) * sin(Double.pi / 2 * fall))
          }
        }
        previous = vowel
        t = s1
      }
      t += Int((0.12 + 0.3 * rng.uniform()) / style.tempo * sr)
      previous = Self.schwa
    }

    let (voiced, friction) = synthesizeSignal(
      n: n, voice: voice, style: style, voicedEnv: voicedEnv, noiseEnv: noiseEnv, f0: f0Track, f1: f1, f2: f2, f3: f3,
      rng: &rng)

    // Level: the voiced part's RMS is set exactly, so energy differences come from the voice and
    // the expression, never from the filter's incidental gain.
    let levelDB = Self.referenceLevelDB + voice.gainDB + style.energyDB
    let voicedGain = Self.gain(of: voiced, over: voicedEnv, targetDB: levelDB)
    let frictionGain = Self.gain(of: friction, over: noiseEnv, targetDB: levelDB - 14)
    var out = [Float](repeating: 0, count: n)
    for i in 0..<n {
      out[i] = Self.softClip(voiced[i] * voicedGain + friction[i] * frictionGain)
    }
    return out
  }

  private func synthesizeSignal(
    n: Int, voice: Voice, style: ProsodyStyle, voicedEnv: [Float], noiseEnv: [Float], f0: [Float], f1: [Float],
    f2: [Float], f3: [Float], rng: inout SeededRandom
  ) -> ([Float], [Float]) {
    let sr = Double(sampleRate)
    let nyquistLimit = 0.45 * sr
    let openQuotient = min(max(style.openQuotient, 0.3), 0.85)
    let tilt = min(max(style.tilt + voice.tiltOffset, 0), 1)
    let tiltPole = 0.05 + 0.8 * tilt
    let jitter = voice.jitter * style.jitter
    let breath = voice.breathiness + style.breathiness
    let f4 = 3300 * voice.formantScale
    let f5 = 3750 * voice.formantScale
    let bandwidths: [Double] = [70 + 40 * tilt, 100, 140, 250, 300]
    var resonators = [Resonator](repeating: Resonator(), count: 5)
    var fricative = Resonator()
    let fricCenter = min(0.32 * sr, 5200) * (0.85 + 0.3 * rng.uniform())
    fricative.tune(frequency: fricCenter, bandwidth: 0.25 * fricCenter, sampleRate: sr)

    var voiced = [Float](repeating: 0, count: n)
    var friction = [Float](repeating: 0, count: n)
    var phase = 0.0
    var period = sr / Double(max(f0[0], 40))
    var pulseGain = 1.0
    var previousFlow = 0.0
    var tiltState = 0.0
    var previousFriction = 0.0
    for i in 0..<n {
      if i % 16 == 0 {
        let targets = [Double(f1[i]), Double(f2[i]), Double(f3[i]), f4, f5]
        for k in 0..<5 {
          let f = targets[k]
          resonators[k].tune(
            frequency: min(f > 0 ? f : 500, nyquistLimit), bandwidth: bandwidths[k], sampleRate: sr,
            bypass: f >= nyquistLimit)
        }
      }
      if phase >= period {
        phase -= period
        period = sr / Double(max(f0[i], 40)) * (1 + jitter * rng.normal())
        pulseGain = max(0.2, 1 + voice.shimmer * rng.normal())
      }
      // Rosenberg glottal flow; its derivative includes the lip radiation.
      let tp = 0.6 * openQuotient * period
      let tn = 0.4 * openQuotient * period
      let flow: Double
      if phase < tp {
        flow = 0.5 * (1 - cos(Double.pi * phase / tp))
      } else if phase < tp + tn {
        flow = cos(Double.pi / 2 * (phase - tp) / tn)
      } else {
        flow = 0
      }
      let derivative = (flow - previousFlow) * pulseGain
      previousFlow = flow
      phase += 1
      tiltState = (1 - tiltPole) * derivative + tiltPole * tiltState
      let white = rng.uniform() - 0.5
      // Aspiration scaled to the pulse's own slope (π / 2tp), so breathiness means the same at any F0.
      let aspiration = white * breath * Double.pi / (2 * tp) * (flow > 0 ? 0.5 : 0.15)
      var x = (tiltState + aspiration) * Double(voicedEnv[i])
      for k in 0..<5 { x = resonators[k].process(x) }
      voiced[i] = Float(x)
      let noise = fricative.process(rng.uniform() - 0.5)
      friction[i] = Float((noise - previousFriction) * Double(noiseEnv[i]))
      previousFriction = noise
    }
    return (voiced, friction)
  }

  /// Gain that brings `signal`'s RMS over the samples where `envelope` > 0.3 to `targetDB` dBFS.
  private static func gain(of signal: [Float], over envelope: [Float], targetDB: Double) -> Float {
    var energy = 0.0
    var count = 0
    for i in signal.indices where envelope[i] > 0.3 {
      energy += Double(signal[i]) * Double(signal[i])
      count += 1
    }
    guard count > 0, energy > 0 else { return 0 }
    let rms = (energy / Double(count)).squareRoot()
    return Float(pow(10, targetDB / 20) / rms)
  }

  /// Linear below 0.5, then a smooth saturation towards ±1 (a loud voice never wraps around).
  static func softClip(_ x: Float) -> Float {
    let a = abs(x)
    if a <= 0.5 { return x }
    let y = 0.5 + 0.5 * tanh((a - 0.5) / 0.5)
    return x < 0 ? -y : y
  }
}

/// A two-pole resonator with unity gain at 0 Hz (Klatt 1980's cascade formant filter).
struct Resonator: Sendable {
  private var a = 1.0
  private var b = 0.0
  private var c = 0.0
  private var y1 = 0.0
  private var y2 = 0.0

  /// Sets centre frequency and bandwidth in Hz; `bypass` passes the input unchanged.
  mutating func tune(frequency: Double, bandwidth: Double, sampleRate: Double, bypass: Bool = false) {
    if bypass {
      a = 1
      b = 0
      c = 0
      return
    }
    let r = exp(-Double.pi * bandwidth / sampleRate)
    c = -r * r
    b = 2 * r * cos(2 * Double.pi * frequency / sampleRate)
    a = 1 - b - c
  }

  mutating func process(_ x: Double) -> Double {
    let y = a * x + b * y1 + c * y2
    y2 = y1
    y1 = y
    return y
  }
}
