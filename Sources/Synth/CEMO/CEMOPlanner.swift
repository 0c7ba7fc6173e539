import EmoCorpus
import EmoSupport

/// Builds a `CEMOPlan` from sizes, the disagreement rate and the seed (labels only; audio is
/// rendered later from the plan with per-dialog streams).
struct CEMOPlanner {
  let sizes: CEMOSizes
  let disagreement: Double
  let seed: UInt64

  /// Share of segments annotated by one coder only.
  static let singleCoderRate = 0.01

  private struct CallerDraft {
    /// Intended classes of the caller's segments (nil: a tie between the coders).
    var classes: [MacroClass?]
    var gender: Gender
    var expressivity: Double
  }

  func plan() -> CEMOPlan {
    var rng = SeededRandom(seed: seed, stream: "cemo/plan")
    var emotional = emotionalCallers(&rng)
    var others = otherCallers(&rng)
    addOtherClassSegments(emotional: &emotional, others: &others, rng: &rng)
    // Coder ties: extra caller segments with no consensus (dropped as such by prep).
    let callerSegments = (emotional + others).reduce(0) { $0 + $1.classes.count }
    let ties = Int((Double(callerSegments) * disagreement * TieRates.callers).rounded())
    for _ in 0..<ties {
      let k = rng.int(in: 0...(emotional.count + others.count - 1))
      if k < emotional.count {
        emotional[k].classes.append(nil)
      } else {
        others[k - emotional.count].classes.append(nil)
      }
    }

    // Group callers into dialogs: the first dialogs of each group get two callers.
    var groups: [[CallerDraft]] = []
    for (drafts, dialogCount) in [(emotional, sizes.emotionalDialogs), (others, sizes.otherDialogs)] {
      var pool = drafts
      rng.shuffle(&pool)
      let pairs = pool.count - dialogCount
      var i = 0
      for d in 0..<dialogCount {
        let size = d < pairs ? 2 : 1
        groups.append(Array(pool[i..<min(i + size, pool.count)]))
        i += size
      }
    }
    rng.shuffle(&groups)

    // Agents recur across many dialogs; each agent's dialogs stay in one file.
    let files = (0..<sizes.files).map { k in
      (name: "cemo-part\(k + 1).xml", latin1: k % 3 == 1)
    }
    var speakers: [CEMOSpeaker] = []
    for a in 0..<sizes.agents {
      let id = String(format: "A%02d", a + 1)
      speakers.append(
        CEMOSpeaker(
          id: id, role: .agent, gender: rng.chance(0.55) ? .female : .male, file: a % sizes.files,
          expressivity: 0.3 + 0.4 * rng.uniform()))
    }
    let agentWeights = (0..<sizes.agents).map { _ in 0.5 + rng.uniform() }

    var dialogs: [CEMODialog] = []
    var callerNumber = 0
    for (d, group) in groups.enumerated() {
      let dialogID = String(format: "D%04d", d + 1)
      let agent = speakers[rng.index(weights: agentWeights)]
      var callerIDs: [String] = []
      var callerTurns: [[(MacroClass?, String)]] = []
      for draft in group {
        callerNumber += 1
        let id = String(format: "C%04d", callerNumber)
        callerIDs.append(id)
        speakers.append(
          CEMOSpeaker(id: id, role: .caller, gender: draft.gender, file: agent.file, expressivity: draft.expressivity))
        var classes = draft.classes
        rng.shuffle(&classes)
        callerTurns.append(classes.map { ($0, id) })
      }
      let dialog = timeline(
        id: dialogID, agent: agent, callers: callerTurns,
        expressivity: Dictionary(uniqueKeysWithValues: speakers.suffix(group.count).map { ($0.id, $0.expressivity) }),
        rng: &rng)
      dialogs.append(dialog)
    }
    return CEMOPlan(speakers: speakers, dialogs: dialogs, files: files)
  }

  // MARK: - Callers

  private func emotionalCallers(_ rng: inout SeededRandom) -> [CallerDraft] {
    let n = sizes.emotionalCallers
    var pool = [MacroClass](repeating: .anger, count: sizes.anger)
    pool += [MacroClass](repeating: .fear, count: sizes.fear)
    pool += [MacroClass](repeating: .positive, count: sizes.positive)
    // Dealt in runs so that most callers express one or two classes; a few swaps mix them more.
    let emotionCounts = rng.allocate(total: pool.count, bins: n, spread: 0.6)
    for _ in 0..<(pool.count / 5) {
      pool.swapAt(rng.int(in: 0...(pool.count - 1)), rng.int(in: 0...(pool.count - 1)))
    }
    var withNeutral = [Int](repeating: 0, count: n)
    let neutralCounts = rng.allocate(total: sizes.neutralOfEmotional, bins: n - sizes.emotionalCallersWithoutNeutral)
    for (i, c) in neutralCounts.enumerated() { withNeutral[sizes.emotionalCallersWithoutNeutral + i] = c }
    var drafts: [CallerDraft] = []
    var next = 0
    for i in 0..<n {
      var classes: [MacroClass?] = Array(pool[next..<(next + emotionCounts[i])])
      next += emotionCounts[i]
      classes += [MacroClass?](repeating: .neutral, count: withNeutral[i])
      drafts.append(
        CallerDraft(
          classes: classes, gender: rng.chance(0.65) ? .female : .male, expressivity: 0.55 + 0.45 * rng.uniform()))
    }
    return drafts
  }

  private func otherCallers(_ rng: inout SeededRandom) -> [CallerDraft] {
    var drafts: [CallerDraft] = []
    for count in rng.allocate(total: sizes.neutralOfOnlyNeutral, bins: sizes.onlyNeutralCallers) {
      drafts.append(
        CallerDraft(
          classes: [MacroClass?](repeating: .neutral, count: count), gender: rng.chance(0.65) ? .female : .male,
          expressivity: 0.3 + 0.4 * rng.uniform()))
    }
    for _ in 0..<sizes.otherCallers {
      drafts.append(
        CallerDraft(classes: [], gender: rng.chance(0.65) ? .female : .male, expressivity: 0.5 + 0.5 * rng.uniform()))
    }
    return drafts
  }

  /// Sadness, Pain and Surprise segments: one for each other-class caller, the rest to anyone.
  private func addOtherClassSegments(
    emotional: inout [CallerDraft], others: inout [CallerDraft], rng: inout SeededRandom
  ) {
    var pool = [MacroClass](repeating: .sadness, count: sizes.sadness)
    pool += [MacroClass](repeating: .pain, count: sizes.pain)
    pool += [MacroClass](repeating: .surprise, count: sizes.surprise)
    rng.shuffle(&pool)
    let firstOther = sizes.onlyNeutralCallers
    for (k, macro) in pool.enumerated() {
      if k < sizes.otherCallers {
        others[firstOther + k].classes.append(macro)
      } else if rng.chance(0.8) {
        emotional[rng.int(in: 0...(emotional.count - 1))].classes.append(macro)
      } else {
        others[rng.int(in: 0...(others.count - 1))].classes.append(macro)
      }
    }
  }

  // MARK: - Timeline

  /// Lays out turns: the agent opens, callers answer (the second caller takes over half-way),
  /// the agent closes. A turn holds one to three segments; turns of different speakers sometimes
  /// overlap a little, segments of one speaker never.
  private func timeline(
    id: String, agent: CEMOSpeaker, callers: [[(MacroClass?, String)]], expressivity: [String: Double],
    rng: inout SeededRandom
  ) -> CEMODialog {
    var turns: [[(MacroClass?, String)]] = []
    for segments in callers {
      var i = 0
      while i < segments.count {
        let size = min(rng.pick([(1, 0.55), (2, 0.3), (3, 0.15)]), segments.count - i)
        turns.append(Array(segments[i..<(i + size)]))
        i += size
      }
    }
    var ordered: [[(MacroClass?, String)]] = []
    func agentTurn() -> [(MacroClass?, String)] {
      let count = rng.pick([(1, 0.6), (2, 0.3), (3, 0.1)])
      return (0..<count).map { _ in (agentClass(&rng), agent.id) }
    }
    ordered.append(agentTurn())
    for turn in turns {
      ordered.append(turn)
      ordered.append(agentTurn())
    }

    var segments: [CEMOSegment] = []
    var t = centiseconds(0.2 + 0.6 * rng.uniform())
    var lastEnd: [String: Double] = [:]
    for turn in ordered {
      for (k, (intended, speaker)) in turn.enumerated() {
        if k > 0 { t = centiseconds(t + 0.05 + 0.3 * rng.uniform()) }
        // Real calls overlap at turn changes (the next speaker starts before the other stops);
        // segments of one speaker never do.
        if k == 0, let previous = segments.last, rng.chance(0.12) {
          let overlapped = previous.end - 0.1 - 0.3 * rng.uniform()
          t = centiseconds(max(overlapped, previous.start + 0.1, (lastEnd[speaker] ?? 0) + 0.05))
        }
        let role: Role = speaker == agent.id ? .agent : .caller
        let duration = segmentDuration(intended, &rng)
        let judgements = CoderModel(role: role, disagreement: disagreement).judgements(for: intended, rng: &rng)
        let shown: MacroClass
        var intensity: Double
        if let intended {
          shown = intended
          intensity = intended == .neutral ? 0 : 0.35 + 0.65 * rng.uniform()
          // Segments the coders disagreed on are the ambiguous ones: render them weaker.
          if Set(judgements.map { MacroClass.of(fineLabel: $0.major) }).count > 1 { intensity *= 0.6 }
        } else {
          let candidates = judgements.compactMap { MacroClass.of(fineLabel: $0.major) }
          shown = candidates[rng.int(in: 0...(candidates.count - 1))]
          intensity = 0.2 + 0.4 * rng.uniform()
        }
        intensity *= role == .agent ? agent.expressivity : expressivity[speaker] ?? 1
        segments.append(
          CEMOSegment(
            id: "\(id)-\(String(format: "%03d", segments.count + 1))", speaker: speaker, start: t,
            end: centiseconds(t + duration), intended: intended, judgements: judgements,
            expression: shown.expression, intensity: min(intensity, 1)))
        t = centiseconds(t + duration)
        lastEnd[speaker] = t
      }
      t = centiseconds(t + 0.2 + 0.6 * rng.uniform())
    }
    return CEMODialog(
      id: id, file: agent.file, agent: agent.id, callers: callers.compactMap { $0.first?.1 }, segments: segments,
      duration: centiseconds(t + 0.3), noise: BackgroundNoise.random(rng: &rng))
  }

  /// Coder ties per segment and unit of `--disagreement` (see `CoderModel`): calibrated so that
  /// the default 0.2 gives the published strict and relaxed kappas.
  enum TieRates {
    static let callers = 0.94
    static let agents = 1.0
  }

  /// Agents rarely show emotion (their role requires it).
  private func agentClass(_ rng: inout SeededRandom) -> MacroClass? {
    if rng.chance(min(1, disagreement * TieRates.agents)) { return nil }
    return rng.pick([(.neutral, 0.9), (.positive, 0.05), (.anger, 0.03), (.fear, 0.01), (.surprise, 0.01)])
  }

  /// Emotional segments run longer than neutral ones (the paper's Table I: Anger and Fear
  /// segments yield about two 3 s windows each, Neutral about one).
  private func segmentDuration(_ intended: MacroClass?, _ rng: inout SeededRandom) -> Double {
    let median: Double
    switch intended {
    case .anger?: median = 2.0
    case .fear?: median = 2.4
    case .positive?: median = 1.2
    case .neutral?: median = 1.0
    default: median = 1.6
    }
    return rng.duration(median: median, sigma: 0.75, range: 0.3...12)
  }
}
