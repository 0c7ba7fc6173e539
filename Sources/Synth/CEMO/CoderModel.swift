import EmoCorpus
import EmoSupport

/// How the two coders (c1, c2) label a segment so that the soft consensus rule (Major +2, Minor +1)
/// yields exactly the intended class, with disagreement injected only in ways whose outcome is known:
/// - agreement: both Majors in the intended class (fine labels may differ), Minors elsewhere;
/// - resolved disagreement: one coder's Major is the intended class, the other's Major is another
///   class with the intended class as Minor (scores 3 : 2), so strict kappa drops, relaxed does not;
/// - tie (intended nil): Majors of two classes and no deciding Minor (2 : 2 or 3 : 3).
/// With two coders every soft-rule consensus implies relaxed agreement, so relaxed kappa
/// stays close to strict kappa only when most disagreements are ties: the published kappas (callers
/// 0.61 strict / 0.65 relaxed, agents 0.35 / 0.37) put nearly all disagreement into ties (planned by
/// `CEMOPlanner`) and little into resolved disagreements.
struct CoderModel {
  let role: Role
  /// The user's `--disagreement` rate.
  let disagreement: Double

  /// Probability of a resolved disagreement on a segment of class `intended`.
  func disagreementProbability(_ intended: MacroClass) -> Double {
    switch (role, intended) {
    case (.agent, .neutral): return min(1, disagreement * 0.005)
    case (.agent, _): return min(1, disagreement * 0.05)
    case (_, .neutral): return min(1, disagreement * 0.02)
    default: return min(1, disagreement * 0.06)
    }
  }

  /// Classes a coder may see instead of the intended one, with weights.
  private func confusions(for intended: MacroClass) -> [(MacroClass, Double)] {
    let emotions: [(MacroClass, Double)] =
      role == .agent
      ? [(.positive, 0.4), (.anger, 0.4), (.fear, 0.1), (.surprise, 0.1)]
      : [(.fear, 0.35), (.anger, 0.33), (.positive, 0.2), (.sadness, 0.05), (.pain, 0.04), (.surprise, 0.03)]
    if intended == .neutral { return emotions }
    return [(.neutral, 0.65 * 4)] + emotions.filter { $0.0 != intended }
  }

  /// Which class may blend with the intended one as a Minor label.
  private func blend(for intended: MacroClass) -> MacroClass {
    switch intended {
    case .fear: return .pain
    case .anger: return .fear
    case .sadness: return .fear
    case .pain: return .fear
    case .positive: return .surprise
    case .surprise: return .fear
    case .neutral: return .positive
    }
  }

  func judgements(for intended: MacroClass?, rng: inout SeededRandom) -> [CoderJudgement] {
    guard let intended else { return tie(&rng) }
    if rng.chance(CEMOPlanner.singleCoderRate) {
      return [CoderJudgement(coder: "c1", major: intended.drawFineLabel(&rng))]
    }
    if rng.chance(disagreementProbability(intended)) {
      let other = rng.pick(confusions(for: intended))
      let holder = CoderJudgement(coder: "c1", major: intended.drawFineLabel(&rng))
      let dissenter = CoderJudgement(
        coder: "c2", major: other.drawFineLabel(&rng), minor: intended.drawFineLabel(&rng))
      return rng.chance(0.5) ? [holder, dissenter] : swapCoders([dissenter, holder])
    }
    var result: [CoderJudgement] = []
    for coder in ["c1", "c2"] {
      var judgement = CoderJudgement(coder: coder, major: intended.drawFineLabel(&rng))
      let minorRate = intended == .neutral ? 0.02 : 0.3
      if rng.chance(minorRate) {
        // A blended emotion, or a second fine label of the same class.
        judgement.minor = rng.chance(0.7) ? blend(for: intended).drawFineLabel(&rng) : intended.drawFineLabel(&rng)
        if judgement.minor == judgement.major { judgement.minor = nil }
      }
      result.append(judgement)
    }
    return result
  }

  private func tie(_ rng: inout SeededRandom) -> [CoderJudgement] {
    let first = rng.pick(confusions(for: .neutral))
    let second = rng.chance(0.7) ? MacroClass.neutral : rng.pick(confusions(for: first))
    var a = CoderJudgement(coder: "c1", major: first.drawFineLabel(&rng))
    var b = CoderJudgement(coder: "c2", major: second.drawFineLabel(&rng))
    if rng.chance(0.03) {
      a.minor = second.drawFineLabel(&rng)
      b.minor = first.drawFineLabel(&rng)
    }
    return rng.chance(0.5) ? [a, b] : swapCoders([b, a])
  }

  /// Keeps c1 first in file order while exchanging who said what.
  private func swapCoders(_ judgements: [CoderJudgement]) -> [CoderJudgement] {
    judgements.enumerated().map { i, j in
      var copy = j
      copy.coder = i == 0 ? "c1" : "c2"
      return copy
    }
  }
}
