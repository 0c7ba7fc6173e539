import EmoCorpus
import EmoSupport

/// A CEMO-like audit input: callers and agents, two coders with Major/Minor, a third coder on some
/// items, and hostile names (markup in a class, a coder and a speaker name) for escaping tests.
func sampleAuditInput(seed: UInt64 = 1) -> AuditInput {
  let macro = ["Fear", "Anger", "Sadness", "Pain", "Positive", "Surprise", "Neutral", "<b>Odd</b> & \"x\""]
  let task = ["Fear", "Anger", "Positive", "Neutral"]
  var random = SeededRandom(seed: seed, stream: "tests.audit-sample")
  func pick(_ weights: [Double]) -> Int {
    var u = random.uniform() * weights.reduce(0, +)
    for (i, w) in weights.enumerated() {
      u -= w
      if u < 0 { return i }
    }
    return weights.count - 1
  }
  var items: [AuditItem] = []
  for d in 0..<30 {
    let caller = d == 3 ? "<script>alert(1)</script>" : "C\(d)"
    let agent = "A\(d % 4)"
    for s in 0..<12 {
      let isCaller = s % 3 != 2
      let truth = isCaller ? pick([3, 2, 1, 0.5, 1, 0.3, 6, 0.05]) : pick([0.3, 0.4, 0.2, 0, 1, 0.2, 8, 0])
      func judge(_ coder: String, care: Double) -> AuditJudgement {
        let major = random.uniform() < care ? truth : pick([1, 1, 1, 0.3, 1, 0.3, 2, 0.05])
        let minor = random.uniform() < 0.3 ? macro[pick([1, 1, 1, 0.2, 1, 0.2, 0.5, 0])] : nil
        return AuditJudgement(coder: coder, major: macro[major], minor: minor)
      }
      var judgements = [judge("c1", care: isCaller ? 0.75 : 0.55), judge("c2", care: isCaller ? 0.7 : 0.5)]
      if random.uniform() < 0.04 { judgements.removeLast() }
      if random.uniform() < 0.3 { judgements.append(judge("c3 <i>", care: 0.6)) }
      let label = judgements[0].major.flatMap { task.contains($0) ? $0 : nil }
      items.append(
        AuditItem(
          segmentID: "D\(d)-\(s)", dialog: "D\(d)", speaker: isCaller ? caller : agent,
          role: isCaller ? .caller : .agent, gender: .unknown, duration: 0.8 + random.uniform() * 5,
          judgements: judgements, finalLabel: label))
    }
  }
  return AuditInput(
    items: items, classes: task, macroClasses: macro, neutralClass: "Neutral", seed: seed, bootstrapReplicates: 200)
}
