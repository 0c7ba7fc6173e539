import EmoCorpus

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
