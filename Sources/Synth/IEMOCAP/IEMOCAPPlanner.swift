import EmoCorpus
import EmoSupport
import Foundation
import Readers

/// Builds an `IEMOCAPPlan`: sessions of one female and one male actor, improvised and scripted
/// dialogs led by either actor, turns with three evaluators, self-evaluations and dimensional lines.
struct IEMOCAPPlanner {
  let sessions: Int
  let dialogs: Int
  let disagreement: Double
  let seed: UInt64
  /// Exact consensus codes to deal out (nil entries: `xxx`), for presets; nil draws them per turn.
  var pools: IEMOCAPPools? = nil

  private static let notes = ["(sarcastic)", "(confused)", "(bored)", "(tired)", "(slightly annoyed)", "(amused)"]

  func plan() -> IEMOCAPPlan {
    var rng = SeededRandom(seed: seed, stream: "iemocap/plan")
    var names: [(name: String, session: Int, improvised: Bool)] = []
    for session in 1...sessions {
      let count = dialogs / sessions + (session <= dialogs % sessions ? 1 : 0)
      var improCount = 0
      var scriptCount = 0
      for j in 0..<count {
        let lead = (j + session) % 2 == 0 ? "F" : "M"
        let improvised = j % 4 < 2
        let name: String
        if improvised {
          improCount += 1
          // Session 3's first improvisations carry letter suffixes, as in the release (impro05a/b).
          name =
            session == 3 && improCount <= 2
            ? "Ses0\(session)\(lead)_impro05\(improCount == 1 ? "a" : "b")"
            : String(format: "Ses0%d%@_impro%02d", session, lead, improCount)
        } else {
          scriptCount += 1
          let scene = "script0\((scriptCount - 1) / 3 + 1)_\((scriptCount - 1) % 3 + 1)"
          name = "Ses0\(session)\(lead)_\(scene)" + (session == 5 && scriptCount == 1 ? "b" : "")
        }
        names.append((name, session, improvised))
      }
    }
    var dealt: [[IEMOCAPCode?]?] = Array(repeating: nil, count: names.count)
    if let pools {
      for improvised in [true, false] {
        var pool = pools.codes(improvised: improvised)
        rng.shuffle(&pool)
        let indices = names.indices.filter { names[$0].improvised == improvised }
        var next = 0
        for (i, count) in zip(indices, rng.allocate(total: pool.count, bins: indices.count, minimum: 10, spread: 0.3)) {
          dealt[i] = Array(pool[next..<(next + count)])
          next += count
        }
      }
    }
    let dialogs = names.indices.map { i in
      dialog(
        name: names[i].name, session: names[i].session, improvised: names[i].improvised, codes: dealt[i], rng: &rng)
    }
    return IEMOCAPPlan(sessions: sessions, dialogs: dialogs)
  }

  private func dialog(
    name: String, session: Int, improvised: Bool, codes: [IEMOCAPCode?]?, rng: inout SeededRandom
  ) -> IEMOCAPDialog {
    // Each improvisation has a scenario emotion that dominates it (a sad or an angry scene).
    var weights = improvised ? IEMOCAPCode.improvisedWeights : IEMOCAPCode.scriptedWeights
    let scenario = rng.pick([(IEMOCAPCode.neu, 0.3), (.sad, 0.25), (.ang, 0.15), (.hap, 0.15), (.fru, 0.15)])
    weights = weights.map { ($0.0, $0.0 == scenario ? $0.1 * 3 : $0.1) }
    var pool = ["E1", "E2", "E3", "E4", "E5"]
    rng.shuffle(&pool)
    let evaluators = Array(pool.prefix(3)).sorted()
    let xxxRate = (improvised ? 0.1 : 0.22) + 0.5 * disagreement * (improvised ? 0.5 : 1)
    let actorGenders: [Character] = name.dropFirst(5).first == "F" ? ["F", "M"] : ["M", "F"]
    var turns: [IEMOCAPTurn] = []
    var counters: [Character: Int] = ["F": 0, "M": 0]
    var t = centiseconds(1 + 3 * rng.uniform())
    let turnCount = codes?.count ?? 10 + rng.int(in: 0...8)
    for k in 0..<turnCount {
      let gender = actorGenders[k % 2]
      let number = counters[gender]!
      counters[gender] = number + 1
      let duration = rng.duration(median: 3.5, sigma: 0.68, range: 0.7...20)
      let start = (t * 10_000).rounded() / 10_000 + Double(rng.int(in: 0...99)) / 10_000
      let end = start + duration
      let code: IEMOCAPCode? = codes.map { $0[k] } ?? (rng.chance(xxxRate) ? nil : rng.pick(weights))
      turns.append(
        turn(
          name: "\(name)_\(gender)\(String(format: "%03d", number))", gender: gender, start: start, end: end,
          consensus: code, evaluators: evaluators, improvised: improvised, rng: &rng))
      t = end + 0.2 + 1.5 * rng.uniform()
    }
    return IEMOCAPDialog(
      name: name, session: session, improvised: improvised, turns: turns, noise: BackgroundNoise.random(rng: &rng),
      crlf: session == 2 || rng.chance(0.1))
  }

  private func turn(
    name: String, gender: Character, start: Double, end: Double, consensus: IEMOCAPCode?, evaluators: [String],
    improvised: Bool, rng: inout SeededRandom
  ) -> IEMOCAPTurn {
    // First labels: a majority (2 or 3 of 3) names the consensus; `xxx` turns get three different ones.
    var firsts: [IEMOCAPCode]
    let shown: IEMOCAPCode
    if let consensus {
      let third = rng.chance(0.35 + disagreement) ? rng.pick(consensus.confusions) : consensus
      firsts = [consensus, consensus, third]
      rng.shuffle(&firsts)
      shown = consensus
    } else {
      let a = rng.pick(IEMOCAPCode.improvisedWeights)
      let b = rng.pick(a.confusions)
      let c = rng.pick(IEMOCAPCode.improvisedWeights.filter { $0.0 != a && $0.0 != b })
      firsts = [a, b, c]
      shown = a
    }
    var categorical: [IEMOCAPEvaluation] = []
    for (evaluator, first) in zip(evaluators, firsts) {
      var labels = [first]
      if rng.chance(0.15) {
        let extra = rng.pick(first.confusions)
        if extra != first { labels.append(extra) }
      }
      let note = labels.contains(.oth) ? Self.notes[rng.int(in: 0...(Self.notes.count - 1))] : "()"
      categorical.append(IEMOCAPEvaluation(evaluator: evaluator, labels: labels, note: note))
    }
    // Valence and activation follow what the turn renders (its expression at its intensity);
    // dominance the code's typical value.
    let intensity = (improvised ? 0.5 : 0.4) + 0.5 * rng.uniform()
    let rendered = consensus == nil ? intensity * 0.5 : intensity
    let affect = SegmentAffect(expression: shown.expression, intensity: rendered)
    let base = (affect.valence, affect.arousal, shown.dimensions.2)
    func rating(_ x: Double) -> Int { min(5, max(1, Int((x + 0.7 * rng.normal()).rounded()))) }
    var dimensional: [IEMOCAPEvaluation] = []
    for evaluator in evaluators.prefix(2) {
      dimensional.append(
        IEMOCAPEvaluation(
          evaluator: evaluator, labels: [], note: "()", valence: rating(base.0), activation: rating(base.1),
          dominance: rng.chance(0.05) ? nil : rating(base.2)))
    }
    var selfEvaluation: IEMOCAPEvaluation?
    if rng.chance(0.3) {
      let label = rng.chance(0.7) ? shown : rng.pick(shown.confusions)
      selfEvaluation = IEMOCAPEvaluation(evaluator: "\(gender)1", labels: [label], note: "()")
      dimensional.append(
        IEMOCAPEvaluation(
          evaluator: "\(gender)1", labels: [], note: "()", valence: rating(base.0), activation: rating(base.1),
          dominance: rating(base.2)))
    }
    // The summary [V, A, D] is the mean of the evaluators' ratings (the actor's own are apart).
    let observers = dimensional.prefix(min(2, evaluators.count))
    func summary(_ value: (IEMOCAPEvaluation) -> Int?, _ fallback: Double) -> Double {
      let values = observers.compactMap(value)
      return values.isEmpty ? fallback : Double(values.reduce(0, +)) / Double(values.count)
    }
    var vad = (summary(\.valence, base.0), summary(\.activation, base.1), summary(\.dominance, base.2))
    // The release has a few summary values outside 1–5.
    if rng.chance(0.01) { vad.1 = 5.5 }
    return IEMOCAPTurn(
      name: name, gender: gender, start: start, end: end, consensus: consensus, summary: vad,
      categorical: categorical, selfEvaluation: selfEvaluation, dimensional: dimensional,
      expression: shown.expression, intensity: rendered)
  }
}
