import EmoCorpus
import EmoSupport
import Folds

/// Label-only corpora generated from a seed, for property tests of selection and folds.
///
/// Call-center shape: callers with one dialog each (some dialogs hold two callers), recurring
/// agents joining dialogs, skewed class draws, some callers with only Neutral segments, and some
/// segments already dropped by normalization. `sessions` gives a two-actors-per-session shape.
public struct RandomCorpus: Sendable {
  public var speakers: [Speaker]
  public var labeled: [LabeledSegment]

  public var speakersByID: [String: Speaker] {
    Dictionary(uniqueKeysWithValues: speakers.map { ($0.id, $0) })
  }

  /// Manifest entries of kept segments (labels only: empty paths, windows from durations at 8 kHz).
  public func entries(_ kept: [LabeledSegment]? = nil) -> [ManifestEntry] {
    let byID = speakersByID
    return (kept ?? labeled.filter { $0.label != nil }).map { item in
      let duration = item.segment.duration ?? 1
      return try! ManifestEntry(
        kept: item, speaker: byID[item.segment.speaker]!,
        windows: ManifestEntry.windowCount(duration: duration, sampleRate: 8000))
    }
  }

  /// A call-center corpus.
  /// - Parameters:
  ///   - callers: number of callers (each opens a dialog unless joining the previous one).
  ///   - agents: size of the recurring agent pool (0: no agents).
  ///   - classes: task classes; the one named `Neutral` is used for all-neutral callers.
  ///   - weights: relative class frequencies (skew), parallel to `classes`.
  ///   - segmentsPerCaller: segments drawn per caller.
  ///   - twoCallerRate: probability that a caller joins the previous caller's dialog.
  ///   - agentRate: probability that a dialog has an agent (1–3 segments).
  ///   - allNeutralRate: probability that a caller's segments are all Neutral.
  ///   - droppedRate: probability that a segment was already dropped by normalization.
  public static func calls(
    seed: UInt64, callers: Int, agents: Int = 0, classes: [String] = ["Anger", "Fear", "Neutral", "Positive"],
    weights: [Double] = [1, 1, 4, 1], segmentsPerCaller: ClosedRange<Int> = 1...8, twoCallerRate: Double = 0.05,
    agentRate: Double = 0.5, allNeutralRate: Double = 0.2, droppedRate: Double = 0.05
  ) -> RandomCorpus {
    var random = SeededRandom(seed: seed, stream: "random-corpus")
    let origin = Origin(file: "random.xml", line: 1)
    var speakers: [Speaker] = []
    var labeled: [LabeledSegment] = []
    let agentIDs = (0..<agents).map { "A\($0 + 1)" }
    for id in agentIDs {
      speakers.append(Speaker(id: id, gender: random.uniform() < 0.5 ? .female : .male, role: .agent, origin: origin))
    }
    let totalWeight = weights.reduce(0, +)
    func draw() -> String {
      var u = random.uniform() * totalWeight
      for (name, w) in zip(classes, weights) {
        if u < w { return name }
        u -= w
      }
      return classes.last!
    }
    var clock: [String: Double] = [:]
    func segment(speaker: String, dialog: String, label: String) {
      let start = clock[dialog, default: 0] + random.uniform()
      let duration = 0.3 + random.uniform() * 7.7
      clock[dialog] = start + duration
      let id = "\(dialog)-\(String(labeled.count, radix: 10))"
      let dropped = random.uniform() < droppedRate
      labeled.append(
        LabeledSegment(
          segment: Segment(
            id: id, dialog: dialog, speaker: speaker, span: TimeSpan(start: start, end: start + duration),
            origin: origin),
          annotations: [], consensus: label, label: dropped ? nil : label,
          drop: dropped ? Drop(segmentID: id, reason: .classNotInTask, detail: "Pain") : nil))
    }
    var dialog = ""
    var dialogs = 0
    for c in 0..<callers {
      let caller = "C\(c + 1)"
      speakers.append(
        Speaker(id: caller, gender: random.uniform() < 0.5 ? .female : .male, role: .caller, origin: origin))
      if dialog.isEmpty || random.uniform() >= twoCallerRate {
        dialogs += 1
        dialog = "D\(dialogs)"
        if !agentIDs.isEmpty && random.uniform() < agentRate {
          let agent = agentIDs[Int(random.next() % UInt64(agentIDs.count))]
          for _ in 0...Int(random.next() % 3) { segment(speaker: agent, dialog: dialog, label: draw()) }
        }
      }
      let allNeutral = random.uniform() < allNeutralRate
      let n = segmentsPerCaller.lowerBound + Int(random.next() % UInt64(segmentsPerCaller.count))
      for _ in 0..<n { segment(speaker: caller, dialog: dialog, label: allNeutral ? "Neutral" : draw()) }
    }
    return RandomCorpus(speakers: speakers, labeled: labeled)
  }

  /// An acted corpus: `sessions` sessions of one female and one male speaker sharing every dialog;
  /// speakers and segments carry `extra["session"]`, segments `extra["subset"]`.
  public static func sessions(
    seed: UInt64, sessions: Int = 5, dialogsPerSession: Int = 4, segmentsPerDialog: Int = 6,
    classes: [String] = ["anger", "happiness", "neutral", "sadness"]
  ) -> RandomCorpus {
    var random = SeededRandom(seed: seed, stream: "random-sessions")
    let origin = Origin(file: "Session.txt", line: 1)
    var speakers: [Speaker] = []
    var labeled: [LabeledSegment] = []
    for s in 1...sessions {
      for gender in [Gender.female, .male] {
        speakers.append(
          Speaker(
            id: "S\(s)\(gender == .female ? "F" : "M")", gender: gender, role: .speaker, origin: origin,
            extra: ["session": "\(s)"]))
      }
      for d in 1...dialogsPerSession {
        let subset = d % 2 == 0 ? "scripted" : "improvised"
        let dialog = "S\(s)_\(subset)\(d)"
        for t in 0..<segmentsPerDialog {
          let speaker = "S\(s)\(t % 2 == 0 ? "F" : "M")"
          let id = "\(dialog)_\(t % 2 == 0 ? "F" : "M")\(String(t / 2 + 100))"
          let start = Double(t) * 5
          let label = classes[Int(random.next() % UInt64(classes.count))]
          labeled.append(
            LabeledSegment(
              segment: Segment(
                id: id, dialog: dialog, speaker: speaker,
                span: TimeSpan(start: start, end: start + 1 + random.uniform() * 4),
                origin: origin, extra: ["subset": subset, "session": "\(s)"]),
              annotations: [], consensus: label, label: label, drop: nil))
        }
      }
    }
    return RandomCorpus(speakers: speakers, labeled: labeled)
  }
}
