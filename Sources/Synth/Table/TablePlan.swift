import EmoCorpus
import EmoSupport

/// One segment of the table layout: a span of a dialog's WAV with one or two coders' labels.
struct TableSegment: Sendable, Hashable {
  var id: String
  var speaker: String
  var start: Double
  var end: Double
  /// Labels by coder (`a` always, `b` for some), in IEMOCAP codes.
  var labels: [(coder: String, label: IEMOCAPCode)]
  /// Consensus under the soft rule (nil: the two coders disagree, a tie).
  var intended: IEMOCAPCode?
  var expression: VocalExpression
  var intensity: Double

  static func == (a: TableSegment, b: TableSegment) -> Bool { a.id == b.id }
  func hash(into hasher: inout Hasher) { hasher.combine(id) }
}

/// One recording (a WAV) with its speakers' segments.
struct TableDialog: Sendable {
  /// Display name (may contain a comma, so the CSV must quote it).
  var name: String
  /// File stem under `wav/`.
  var file: String
  var segments: [TableSegment]
  var duration: Double
  var noise: BackgroundNoise
}

/// A generic labelled corpus (SPEC §1.3) in IEMOCAP's four codes.
struct TablePlan: Sendable {
  var speakers: [(id: String, gender: Gender)]
  var dialogs: [TableDialog]
}

/// Builds a `TablePlan`: speakers recorded in pairs, four classes, a second coder on
/// about a third of the segments.
struct TablePlanner {
  let speakers: Int
  let dialogs: Int
  let disagreement: Double
  let seed: UInt64

  static let codes: [(IEMOCAPCode, Double)] = [(.neu, 0.42), (.sad, 0.2), (.ang, 0.18), (.hap, 0.2)]

  func plan() -> TablePlan {
    var rng = SeededRandom(seed: seed, stream: "table/plan")
    let people = (0..<speakers).map { k in
      (id: String(format: "spk%02d", k + 1), gender: k % 2 == 0 ? Gender.female : .male)
    }
    var result: [TableDialog] = []
    for d in 0..<dialogs {
      let name = d == 2 ? "studio, take 2" : String(format: "session %02d", d + 1)
      let file = String(format: "rec%02d", d + 1)
      let members = [people[(2 * d) % speakers], people[(2 * d + 1) % speakers]]
      var segments: [TableSegment] = []
      var t = centiseconds(0.3 + rng.uniform())
      for k in 0..<(12 + rng.int(in: 0...8)) {
        let speaker = members[k % members.count].id
        let duration = rng.duration(median: 2.5, sigma: 0.5, range: 0.6...10)
        let label = rng.pick(Self.codes)
        var labels: [(coder: String, label: IEMOCAPCode)] = [("a", label)]
        var intended: IEMOCAPCode? = label
        var intensity = 0.5 + 0.5 * rng.uniform()
        if rng.chance(0.35) {
          if rng.chance(disagreement * 0.8) {
            let other = rng.pick(Self.codes.filter { $0.0 != label })
            labels.append(("b", other))
            intended = nil
            intensity *= 0.5
          } else {
            labels.append(("b", label))
          }
        }
        segments.append(
          TableSegment(
            id: "\(file)-\(String(format: "%03d", k + 1))", speaker: speaker, start: t, end: centiseconds(t + duration),
            labels: labels, intended: intended, expression: label.expression, intensity: intensity))
        t = centiseconds(t + duration + 0.15 + 0.8 * rng.uniform())
      }
      result.append(
        TableDialog(
          name: name, file: file, segments: segments, duration: centiseconds(t + 0.2),
          noise: BackgroundNoise.random(rng: &rng)))
    }
    return TablePlan(speakers: people, dialogs: result)
  }
}

extension TablePlan {
  /// Counts of the plan, in the report's terms (task: iemocap-4 on every segment).
  func report(root: String, seed: UInt64) -> SynthReport {
    let segments = dialogs.flatMap(\.segments)
    var counts: [String: Int] = [:]
    var taskCounts: [String: Int] = [:]
    var codesBySpeaker: [String: Set<IEMOCAPCode>] = [:]
    for segment in segments {
      guard let code = segment.intended else { continue }
      counts[code.rawValue, default: 0] += 1
      taskCounts[code.taskClass ?? code.rawValue, default: 0] += 1
      codesBySpeaker[segment.speaker, default: []].insert(code)
    }
    let onlyNeutral = Set(codesBySpeaker.filter { $0.value == [.neu] }.keys)
    let kept = segments.filter { $0.intended != nil && !onlyNeutral.contains($0.speaker) }
    let keptDialogs = dialogs.filter { d in
      d.segments.contains { $0.intended != nil && !onlyNeutral.contains($0.speaker) }
    }
    return SynthReport(
      layout: .table, root: root, seed: seed, speakers: Set(segments.map(\.speaker)).count, callers: 0, agents: 0,
      dialogs: dialogs.count, segments: segments.count, annotations: segments.reduce(0) { $0 + $1.labels.count },
      classCounts: counts, noConsensus: segments.filter { $0.intended == nil }.count,
      singleCoderSegments: segments.filter { $0.labels.count == 1 }.count, task: "iemocap-4",
      taskClassCounts: taskCounts,
      taskSpeakers: codesBySpeaker.count, taskSpeakersOnlyNeutral: onlyNeutral.count,
      taskDialogsAfterNeutralExclusion: keptDialogs.count, audioFiles: 0, audioSeconds: 0,
      taskSegmentsAfterNeutralExclusion: kept.count)
  }
}
