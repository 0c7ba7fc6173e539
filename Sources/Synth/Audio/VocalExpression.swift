/// The expressive colour a synthetic segment is rendered with, independent of any corpus's label set.
///
/// Every layout maps its intended class onto one of these (CEMO macro-classes, IEMOCAP codes).
enum VocalExpression: String, Sendable, Hashable, CaseIterable {
  case neutral, anger, frustration, fear, sadness, happiness, excitement, surprise, pain, disgust
}

/// How an expression departs from a speaker's neutral voice (acoustic correlates from the
/// speech-emotion literature: arousal raises pitch, energy, tempo and flattens the spectral tilt;
/// sadness lowers and narrows pitch, slows down and gets breathy).
struct ProsodyStyle: Sendable, Hashable {
  /// Pitch level ratio to the speaker's base F0.
  var pitch: Double
  /// Ratio of the pitch excursions (accents, declination) to neutral.
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

  static let neutral = ProsodyStyle(
    pitch: 1, range: 1, tempo: 1, energyDB: 0, tilt: 0.5, openQuotient: 0.6, jitter: 1, breathiness: 0.04)

  /// The full-intensity style of an expression.
  static func of(_ expression: VocalExpression) -> ProsodyStyle {
    switch expression {
    case .neutral: return .neutral
    case .anger:
      return ProsodyStyle(
        pitch: 1.2, range: 1.4, tempo: 1.15, energyDB: 7, tilt: 0.15, openQuotient: 0.42, jitter: 1.3,
        breathiness: 0.02)
    case .frustration:
      return ProsodyStyle(
        pitch: 1.08, range: 1.15, tempo: 1.05, energyDB: 3, tilt: 0.33, openQuotient: 0.5, jitter: 1.1,
        breathiness: 0.04)
    case .fear:
      return ProsodyStyle(
        pitch: 1.28, range: 1.1, tempo: 1.22, energyDB: 2, tilt: 0.4, openQuotient: 0.55, jitter: 2.6,
        breathiness: 0.1)
    case .sadness:
      return ProsodyStyle(
        pitch: 0.86, range: 0.5, tempo: 0.76, energyDB: -5, tilt: 0.82, openQuotient: 0.74, jitter: 1.4,
        breathiness: 0.22)
    case .happiness:
      return ProsodyStyle(
        pitch: 1.2, range: 1.65, tempo: 1.08, energyDB: 3, tilt: 0.38, openQuotient: 0.55, jitter: 1,
        breathiness: 0.05)
    case .excitement:
      return ProsodyStyle(
        pitch: 1.3, range: 1.75, tempo: 1.15, energyDB: 5, tilt: 0.3, openQuotient: 0.5, jitter: 1,
        breathiness: 0.04)
    case .surprise:
      return ProsodyStyle(
        pitch: 1.3, range: 1.9, tempo: 1.0, energyDB: 3, tilt: 0.4, openQuotient: 0.55, jitter: 1,
        breathiness: 0.06)
    case .pain:
      return ProsodyStyle(
        pitch: 0.95, range: 0.8, tempo: 0.84, energyDB: 1, tilt: 0.55, openQuotient: 0.66, jitter: 2.2,
        breathiness: 0.25)
    case .disgust:
      return ProsodyStyle(
        pitch: 0.92, range: 0.9, tempo: 0.86, energyDB: -1, tilt: 0.55, openQuotient: 0.6, jitter: 1.2,
        breathiness: 0.1)
    }
  }

  /// Neutral blended towards `self` by `intensity` (0: neutral, 1: full style): real speakers
  /// express an emotion more or less strongly, which keeps the classes overlapping.
  func blended(intensity: Double) -> ProsodyStyle {
    let n = ProsodyStyle.neutral
    func mix(_ a: Double, _ b: Double) -> Double { a + (b - a) * intensity }
    return ProsodyStyle(
      pitch: mix(n.pitch, pitch), range: mix(n.range, range), tempo: mix(n.tempo, tempo),
      energyDB: mix(n.energyDB, energyDB), tilt: mix(n.tilt, tilt),
      openQuotient: mix(n.openQuotient, openQuotient), jitter: mix(n.jitter, jitter),
      breathiness: mix(n.breathiness, breathiness))
  }
}
