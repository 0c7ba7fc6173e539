extension IEMOCAPPlan {
  /// Counts of the plan, in the report's terms (task: iemocap-4 on improvised turns).
  func report(root: String, seed: UInt64, annotations: Int) -> SynthReport {
    let turns = dialogs.flatMap { dialog in dialog.turns.map { (dialog, $0) } }
    var classCounts: [String: Int] = [:]
    var taskCounts: [String: Int] = [:]
    var taskCodesBySpeaker: [String: Set<IEMOCAPCode>] = [:]
    for (dialog, turn) in turns {
      guard let code = turn.consensus else { continue }
      classCounts[code.rawValue, default: 0] += 1
      if dialog.improvised, let taskClass = code.taskClass {
        taskCounts[taskClass, default: 0] += 1
        taskCodesBySpeaker["Ses0\(dialog.session)\(turn.gender)", default: []].insert(code)
      }
    }
    let onlyNeutral = Set(taskCodesBySpeaker.filter { $0.value == [.neu] }.keys)
    var keptSegments = 0
    var keptDialogs: Set<String> = []
    for (dialog, turn) in turns {
      guard dialog.improvised, let code = turn.consensus, code.taskClass != nil,
        !onlyNeutral.contains("Ses0\(dialog.session)\(turn.gender)")
      else { continue }
      keptSegments += 1
      keptDialogs.insert(dialog.name)
    }
    return SynthReport(
      layout: .iemocap, root: root, seed: seed, speakers: 2 * sessions, callers: 0, agents: 0,
      dialogs: dialogs.count, segments: turns.count, annotations: annotations, classCounts: classCounts,
      noConsensus: turns.filter { $0.1.consensus == nil }.count, singleCoderSegments: 0,
      task: "iemocap-4 (improvised)", taskClassCounts: taskCounts, taskSpeakers: taskCodesBySpeaker.count,
      taskSpeakersOnlyNeutral: onlyNeutral.count, taskDialogsAfterNeutralExclusion: keptDialogs.count,
      audioFiles: 0, audioSeconds: 0, taskSegmentsAfterNeutralExclusion: keptSegments)
  }
}
