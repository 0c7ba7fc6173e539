import EmoSupport

/// IEMOCAP's consensus codes with the words its evaluators write.
enum IEMOCAPCode: String, Sendable, Hashable, CaseIterable {
  case neu, sad, ang, hap, exc, fru, sur, fea, dis, oth

  /// The evaluator's word for the category, as in the release's C-E lines.
  var word: String {
    switch self {
    case .neu: return "Neutral state"
    case .sad: return "Sadness"
    case .ang: return "Anger"
    case .hap: return "Happiness"
    case .exc: return "Excited"
    case .fru: return "Frustration"
    case .sur: return "Surprise"
    case .fea: return "Fear"
    case .dis: return "Disgust"
    case .oth: return "Other"
    }
  }

  /// The class name of the `iemocap-4` task (nil for codes the task drops).
  var taskClass: String? {
    switch self {
    case .neu: return "neutral"
    case .sad: return "sadness"
    case .ang: return "anger"
    case .hap: return "happiness"
    default: return nil
    }
  }

  var expression: VocalExpression {
    switch self {
    case .neu, .oth: return .neutral
    case .sad: return .sadness
    case .ang: return .anger
    case .hap: return .happiness
    case .exc: return .excitement
    case .fru: return .frustration
    case .sur: return .surprise
    case .fea: return .fear
    case .dis: return .disgust
    }
  }

  /// Typical summary valence, activation, dominance (1–5).
  var dimensions: (Double, Double, Double) {
    switch self {
    case .neu, .oth: return (3, 2.5, 2.5)
    case .sad: return (2, 2, 2.5)
    case .ang: return (1.5, 4, 4)
    case .hap: return (4, 3, 3)
    case .exc: return (4, 3.8, 3.2)
    case .fru: return (2, 3.3, 3.5)
    case .sur: return (3.3, 3.5, 2.8)
    case .fea: return (2, 3.5, 2)
    case .dis: return (1.8, 3, 3.5)
    }
  }

  /// Release-like class mix: improvised sessions are rich in neutral, sad, frustrated and excited
  /// turns (about half of them in the four task classes once `xxx` is set aside).
  static let improvisedWeights: [(IEMOCAPCode, Double)] = [
    (.neu, 0.26), (.sad, 0.15), (.ang, 0.07), (.hap, 0.07), (.exc, 0.11), (.fru, 0.16), (.sur, 0.02),
    (.fea, 0.01), (.dis, 0.005), (.oth, 0.005),
  ]
  static let scriptedWeights: [(IEMOCAPCode, Double)] = [
    (.neu, 0.2), (.sad, 0.08), (.ang, 0.12), (.hap, 0.04), (.exc, 0.12), (.fru, 0.28), (.sur, 0.02),
    (.fea, 0.01), (.dis, 0.01), (.oth, 0.01),
  ]

  /// Categories evaluators confuse this one with.
  var confusions: [(IEMOCAPCode, Double)] {
    switch self {
    case .neu: return [(.fru, 0.4), (.sad, 0.25), (.hap, 0.2), (.exc, 0.15)]
    case .sad: return [(.neu, 0.5), (.fru, 0.4), (.fea, 0.1)]
    case .ang: return [(.fru, 0.7), (.neu, 0.2), (.dis, 0.1)]
    case .hap: return [(.exc, 0.6), (.neu, 0.3), (.sur, 0.1)]
    case .exc: return [(.hap, 0.6), (.neu, 0.25), (.sur, 0.15)]
    case .fru: return [(.ang, 0.45), (.neu, 0.4), (.sad, 0.15)]
    case .sur: return [(.exc, 0.4), (.neu, 0.4), (.fea, 0.2)]
    case .fea: return [(.sad, 0.4), (.fru, 0.3), (.sur, 0.3)]
    case .dis: return [(.ang, 0.5), (.fru, 0.5)]
    case .oth: return [(.neu, 0.5), (.fru, 0.5)]
    }
  }
}
