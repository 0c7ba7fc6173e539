extension CEMOPlan {
  /// The task the CEMO layout is made for: cemo-4 on callers (the paper's CEMO-4eC).
  static let taskClasses: Set<MacroClass> = [.fear, .anger, .positive, .neutral]

  /// Counts of the plan, in the report's terms.
  func report(root: String, seed: UInt64, annotations: Int) -> SynthReport {
    let roles = Dictionary(uniqueKeysWithValues: speakers.map { ($0.id, $0.role) })
    let segments = dialogs.flatMap(\.segments)
    var classCounts: [String: Int] = [:]
    var taskCounts: [String: Int] = [:]
    var taskClassesBySpeaker: [String: Set<MacroClass>] = [:]
    for segment in segments {
      guard let intended = segment.intended else { continue }
      classCounts[intended.rawValue, default: 0] += 1
      if roles[segment.speaker] == .caller, Self.taskClasses.contains(intended) {
        taskCounts[intended.rawValue, default: 0] += 1
        taskClassesBySpeaker[segment.speaker, default: []].insert(intended)
      }
    }
    let onlyNeutral = Set(taskClassesBySpeaker.filter { $0.value == [.neutral] }.keys)
    var keptSegments = 0
    var keptDialogs = 0
    for dialog in dialogs {
      let kept = dialog.segments.filter {
        guard let intended = $0.intended else { return false }
        return roles[$0.speaker] == .caller && Self.taskClasses.contains(intended) && !onlyNeutral.contains($0.speaker)
      }.count
      keptSegments += kept
      if kept > 0 { keptDialogs += 1 }
    }
    return SynthReport(
      layout: .cemo, root: root, seed: seed, speakers: speakers.count,
      callers: speakers.filter { $0.role == .caller }.count, agents: speakers.filter { $0.role == .agent }.count,
      dialogs: dialogs.count, segments: segments.count, annotations: annotations, classCounts: classCounts,
      noConsensus: segments.filter { $0.intended == nil }.count,
      singleCoderSegments: segments.filter { $0.judgements.count == 1 }.count, task: "cemo-4 (callers)",
      taskClassCounts: taskCounts, taskSpeakers: taskClassesBySpeaker.count, taskSpeakersOnlyNeutral: onlyNeutral.count,
      taskDialogsAfterNeutralExclusion: keptDialogs, audioFiles: 0, audioSeconds: 0,
      taskSegmentsAfterNeutralExclusion: keptSegments)
  }
}
