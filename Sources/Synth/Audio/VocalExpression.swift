/// The expressive colour a synthetic segment is rendered with, independent of any corpus's label set.
///
/// Every layout maps its intended class onto one of these (CEMO macro-classes, IEMOCAP codes).
enum VocalExpression: String, Sendable, Hashable, CaseIterable {
  case neutral, anger, frustration, fear, sadness, happiness, excitement, surprise, pain, disgust
}

/// How an expression departs from a speaker's neutral voice (acoustic correlates from the
/// speech-emotion literature, e.g. Banse & Scherer 1996, Juslin & Laukka 2003: arousal raises
/// pitch, energy, tempo and flattens the spectral tilt; sadness lowers and narrows pitch, slows
/// down and gets breathy).
///
/// Two kinds of cue: levels held over the whole segment (pitch, range, energy, tilt, voice quality)
/// and the shape of events in time (how fast a syllable's intensity rises and dies away, where an
/// accent's pitch peak falls, which way a phrase's pitch moves, tremor). The second kind is what a
/// listener hears as abrupt, hesitant or questioning; it leaves a segment's per-band means and
/// spreads almost unchanged (a syllable played backwards has the same ones), so only a model that
/// follows the signal in time can use it.
struct ProsodyStyle: Sendable, Hashable {
  /// Pitch level ratio to the speaker's base F0.
  var pitch: Double
  /// Ratio of the pitch excursions (accents, phrase contour) to neutral.
  var range: Double
  /// Ratio of the syllable rate to neutral.
  var tempo: Double
  /// Level change in dB.
  var energyDB: Double
  /// Spectral tilt in 0…1 (0 flat/pressed, 1 steep/soft).
  var tilt: Double
  /// Glottal open quotient (lower: pressed voice, sharper closure).
  var openQuotient: Double
  /// Ratio of cycle-to-cycle period jitter to the speaker's own.
  var jitter: Double
  /// Aspiration noise share added to the speaker's own.
  var breathiness: Double
  /// Share of a vowel nucleus its intensity takes to rise to full level (voice-onset rise time:
  /// fast, abrupt onsets in anger and joy, slow ones in sadness; Juslin & Laukka 2003).
  var attack: Double
  /// Share of a vowel nucleus its intensity takes to die away (anger: abrupt attack then a long
  /// decay; a sad voice starts slowly and stops short).
  var release: Double
  /// Where the pitch peak of an accent falls in its syllable, 0…1 (0.5: symmetric rise-fall; early:
  /// a steep emphatic fall as in anger; late: a rising accent as in fear and surprise).
  var accentPeak: Double
  /// Pitch change over a phrase in semitones at neutral range, positive falling (declination in
  /// calm speech, a little steeper in anger; negative: the rising contours of fear and surprise).
  var declination: Double
  /// Depth in semitones of a 5–7 Hz pitch tremor (a trembling, fearful voice).
  var tremor: Double

  static let neutral = ProsodyStyle(
    pitch: 1, range: 1, tempo: 1, energyDB: 0, tilt: 0.5, openQuotient: 0.6, jitter: 1, breathiness: 0.04,
    attack: 0.3, release: 0.3, accentPeak: 0.5, declination: 3, tremor: 0)

  /// The full-intensity style of an expression.
  static func of(_ expression: VocalExpression) -> ProsodyStyle {
    switch expression {
    case .neutral: return .neutral
    case .anger:
      return ProsodyStyle(
        pitch: 1.12, range: 1.3, tempo: 1.15, energyDB: 3.5, tilt: 0.15, openQuotient: 0.42, jitter: 1.3,
        breathiness: 0.02, attack: 0.02, release: 0.58, accentPeak: 0.1, declination: 3.5, tremor: 0)
    case .frustration:
      return ProsodyStyle(
        pitch: 1.08, range: 1.15, tempo: 1.05, energyDB: 3, tilt: 0.33, openQuotient: 0.5, jitter: 1.1,
        breathiness: 0.04, attack: 0.1, release: 0.5, accentPeak: 0.3, declination: 3.5, tremor: 0)
    case .fear:
      return ProsodyStyle(
        pitch: 1.15, range: 1.1, tempo: 1.22, energyDB: 2, tilt: 0.4, openQuotient: 0.55, jitter: 1.8,
        breathiness: 0.08, attack: 0.3, release: 0.3, accentPeak: 0.9, declination: -4, tremor: 1.0)
    case .sadness:
      return ProsodyStyle(
        pitch: 0.86, range: 0.5, tempo: 0.76, energyDB: -5, tilt: 0.82, openQuotient: 0.74, jitter: 1.4,
        breathiness: 0.22, attack: 0.5, release: 0.1, accentPeak: 0.45, declination: 3, tremor: 0.2)
    case .happiness:
      return ProsodyStyle(
        pitch: 1.1, range: 1.5, tempo: 1.08, energyDB: 2, tilt: 0.38, openQuotient: 0.55, jitter: 1,
        breathiness: 0.05, attack: 0.08, release: 0.52, accentPeak: 0.5, declination: 3, tremor: 0)
    case .excitement:
      return ProsodyStyle(
        pitch: 1.3, range: 1.75, tempo: 1.15, energyDB: 5, tilt: 0.3, openQuotient: 0.5, jitter: 1,
        breathiness: 0.04, attack: 0.08, release: 0.52, accentPeak: 0.55, declination: 3, tremor: 0)
    case .surprise:
      return ProsodyStyle(
        pitch: 1.3, range: 1.9, tempo: 1.0, energyDB: 3, tilt: 0.4, openQuotient: 0.55, jitter: 1,
        breathiness: 0.06, attack: 0.12, release: 0.48, accentPeak: 0.8, declination: -3, tremor: 0)
    case .pain:
      return ProsodyStyle(
        pitch: 0.95, range: 0.8, tempo: 0.84, energyDB: 1, tilt: 0.55, openQuotient: 0.66, jitter: 2.2,
        breathiness: 0.25, attack: 0.2, release: 0.4, accentPeak: 0.3, declination: 3, tremor: 0.4)
    case .disgust:
      return ProsodyStyle(
        pitch: 0.92, range: 0.9, tempo: 0.86, energyDB: -1, tilt: 0.55, openQuotient: 0.6, jitter: 1.2,
        breathiness: 0.1, attack: 0.3, release: 0.3, accentPeak: 0.35, declination: 3, tremor: 0)
    }
  }

  /// Neutral blended towards `self` by `intensity` (0: neutral, 1: full style): real speakers
  /// express an emotion more or less strongly, which keeps the classes overlapping. The time
  /// course of syllables and contours moves by √intensity, faster than the levels: a mildly
  /// annoyed voice already attacks its syllables abruptly before it gets much louder.
  func blended(intensity: Double) -> ProsodyStyle {
    let n = ProsodyStyle.neutral
    func mix(_ a: Double, _ b: Double) -> Double { a + (b - a) * intensity }
    let shapeWeight = max(intensity, 0).squareRoot()
    func shape(_ a: Double, _ b: Double) -> Double { a + (b - a) * shapeWeight }
    return ProsodyStyle(
      pitch: mix(n.pitch, pitch), range: mix(n.range, range), tempo: mix(n.tempo, tempo),
      energyDB: mix(n.energyDB, energyDB), tilt: mix(n.tilt, tilt),
      openQuotient: mix(n.openQuotient, openQuotient), jitter: mix(n.jitter, jitter),
      breathiness: mix(n.breathiness, breathiness), attack: shape(n.attack, attack),
      release: shape(n.release, release), accentPeak: shape(n.accentPeak, accentPeak),
      declination: shape(n.declination, declination), tremor: shape(n.tremor, tremor))
  }
}
