import EmoCorpus
import EmoSupport

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
