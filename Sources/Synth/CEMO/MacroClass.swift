import EmoSupport

/// The seven CEMO macro-classes and their 21 fine labels, as the generator uses them.
enum MacroClass: String, Sendable, Hashable, CaseIterable, Comparable {
  case fear = "Fear"
  case anger = "Anger"
  case sadness = "Sadness"
  case pain = "Pain"
  case positive = "Positive"
  case surprise = "Surprise"
  case neutral = "Neutral"

  static func < (a: MacroClass, b: MacroClass) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }

  /// Fine labels of the class with how often coders pick each (most frequent first).
  var fineLabels: [(label: String, weight: Double)] {
    switch self {
    case .fear:
      return [
        ("Stress", 0.38), ("Anxiety", 0.3), ("Fear", 0.15), ("Panic", 0.06), ("Embarrassment", 0.05),
        ("Dismay", 0.06),
      ]
    case .anger: return [("Annoyance", 0.45), ("Impatience", 0.3), ("ColdAnger", 0.15), ("HotAnger", 0.1)]
    case .sadness: return [("Disappointment", 0.3), ("Sadness", 0.3), ("Despair", 0.2), ("Resignation", 0.2)]
    case .pain: return [("Pain", 1)]
    case .positive: return [("Relief", 0.35), ("Interest", 0.3), ("Amusement", 0.2), ("Compassion", 0.15)]
    case .surprise: return [("Surprise", 1)]
    case .neutral: return [("Neutral", 1)]
    }
  }

  /// A fine label of this class, drawn by coder preference.
  func drawFineLabel(_ rng: inout SeededRandom) -> String {
    let labels = fineLabels
    var u = rng.uniform() * labels.reduce(0) { $0 + $1.weight }
    for entry in labels {
      u -= entry.weight
      if u < 0 { return entry.label }
    }
    return labels[labels.count - 1].label
  }

  /// The macro-class of a fine label (nil for labels outside the 21).
  static func of(fineLabel: String) -> MacroClass? {
    allCases.first { macro in macro.fineLabels.contains { $0.label == fineLabel } }
  }

  /// How the synthetic voice renders a segment whose consensus is this class.
  var expression: VocalExpression {
    switch self {
    case .fear: return .fear
    case .anger: return .anger
    case .sadness: return .sadness
    case .pain: return .pain
    case .positive: return .happiness
    case .surprise: return .surprise
    case .neutral: return .neutral
    }
  }
}

/// One coder's judgement of a segment: a Major fine label and an optional Minor one.
struct CoderJudgement: Sendable, Hashable {
  var coder: String
  var major: String
  var minor: String?
}

/// The soft-vector consensus rule on macro-classes: Major +2, Minor +1, a tie is no consensus.
/// The generator checks every segment it writes against it, so the intended class is exact.
func softConsensus(_ judgements: [CoderJudgement]) -> MacroClass? {
  var scores: [MacroClass: Int] = [:]
  for judgement in judgements {
    if let major = MacroClass.of(fineLabel: judgement.major) { scores[major, default: 0] += 2 }
    if let minor = judgement.minor, let macro = MacroClass.of(fineLabel: minor) { scores[macro, default: 0] += 1 }
  }
  guard let best = scores.values.max() else { return nil }
  let winners = scores.filter { $0.value == best }
  return winners.count == 1 ? winners.first!.key : nil
}
