import EmoSupport

/// Plans speaker-independent folds over kept segments (SPEC §4.3).
public enum FoldPlanner {
  /// Folds for `entries` with `strategy`. `sessionOfSpeaker` is needed by session folds only.
  ///
  /// Deterministic: the same entries (in any order) and seed give the same plan.
  public static func plan(
    _ entries: [ManifestEntry], strategy: FoldStrategy, sessionOfSpeaker: [String: Int] = [:], seed: UInt64
  ) throws -> FoldPlan {
    guard !entries.isEmpty else { throw FoldError.noSegments }
    var seen = Set<String>()
    seen.reserveCapacity(entries.count)
    for entry in entries where !seen.insert(entry.id).inserted { throw FoldError.duplicateSegment(entry.id) }
    // Canonical order so that the plan never depends on the order prep handed the entries over.
    let sorted = entries.sorted { $0.id < $1.id }
    switch strategy {
    case .sessions(let validation, let bothWays):
      return try sessionFolds(
        sorted, validation: validation, bothWays: bothWays, sessions: sessionOfSpeaker, seed: seed)
    case .stratifiedGroups(let k):
      return try stratifiedGroupFolds(sorted, k: k, seed: seed)
    }
  }

  /// Session numbers from the speakers' `extra["session"]` (speakers without one are left out).
  public static func sessions(of speakers: [Speaker]) -> [String: Int] {
    var result: [String: Int] = [:]
    for speaker in speakers {
      if let text = speaker.extra["session"], let n = Int(text) { result[speaker.id] = n }
    }
    return result
  }

  // MARK: Session folds

  private static func sessionFolds(
    _ entries: [ManifestEntry], validation: Gender, bothWays: Bool, sessions: [String: Int], seed: UInt64
  ) throws -> FoldPlan {
    guard validation != .unknown else { throw FoldError.unknownGender(speaker: "(validation gender)") }
    let testGender: Gender = validation == .female ? .male : .female
    var sessionOfEntry: [Int] = []
    var speakersBySession: [Int: [Gender: Set<String>]] = [:]
    for entry in entries {
      guard let session = sessions[entry.speaker] else { throw FoldError.missingSession(speaker: entry.speaker) }
      guard entry.gender != .unknown else { throw FoldError.unknownGender(speaker: entry.speaker) }
      sessionOfEntry.append(session)
      speakersBySession[session, default: [:]][entry.gender, default: []].insert(entry.speaker)
    }
    guard speakersBySession.count >= 2 else { throw FoldError.tooFewSessions(speakersBySession.count) }
    var folds: [Fold] = []
    for session in speakersBySession.keys.sorted() {
      let byGender = speakersBySession[session]!
      let orientations = bothWays ? [(validation, testGender), (testGender, validation)] : [(validation, testGender)]
      for (valGender, tstGender) in orientations {
        guard let valSpeakers = byGender[valGender], !valSpeakers.isEmpty else {
          throw FoldError.sessionLacksGender(session: session, gender: valGender, split: .val)
        }
        guard let testSpeakers = byGender[tstGender], !testSpeakers.isEmpty else {
          throw FoldError.sessionLacksGender(session: session, gender: tstGender, split: .test)
        }
        var parts: [Split: [String]] = [.train: [], .val: [], .test: []]
        var speakers: [Split: Set<String>] = [.train: [], .val: [], .test: []]
        for (i, entry) in entries.enumerated() {
          let split: Split =
            sessionOfEntry[i] != session ? .train : (entry.gender == valGender ? .val : .test)
          parts[split]!.append(entry.id)
          speakers[split]!.insert(entry.speaker)
        }
        folds.append(
          Fold(
            index: folds.count + 1, train: parts[.train]!, val: parts[.val]!, test: parts[.test]!,
            trainSpeakers: speakers[.train]!.sorted(), valSpeakers: speakers[.val]!.sorted(),
            testSpeakers: speakers[.test]!.sorted()))
      }
    }
    return FoldPlan(folds: folds, strategy: .sessions(validation: validation, bothWays: bothWays), seed: seed)
  }

  // MARK: Stratified group k-fold

  /// Greedy stratified assignment of speaker groups to k test folds.
  ///
  /// Groups are ordered by their normalized size Σ_c n_gc / N_c (large groups and groups rich in
  /// rare classes first; ties broken by a seeded random key). Each group then goes to the fold
  /// where it fills the most relative class deficit, Σ_c n_gc · (T_c − n_fc) / T_c with
  /// T_c = N_c / k (ties: fewest segments, then lowest fold). An empty fold scores the maximum, so
  /// the first k groups land in k different folds and no fold is empty when there are ≥ k groups.
  /// Fold i tests its groups and validates on fold i+1's groups (cyclically); training is the rest.
  /// Cost O(G log G + G·k·C) for G groups and C classes.
  private static func stratifiedGroupFolds(_ entries: [ManifestEntry], k: Int, seed: UInt64) throws -> FoldPlan {
    guard k >= 3 else { throw FoldError.tooFewFolds(k) }
    let groups = SpeakerGroups(entries)
    guard groups.count >= k else { throw FoldError.tooFewGroups(folds: k, groups: groups.count) }

    let classes = Array(Set(entries.map(\.label))).sorted()
    let classIndex = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
    let C = classes.count
    let G = groups.count
    var counts = [Int](repeating: 0, count: G * C)
    var totals = [Int](repeating: 0, count: C)
    var groupSize = [Int](repeating: 0, count: G)
    for (i, entry) in entries.enumerated() {
      let c = classIndex[entry.label]!
      counts[groups.groupOfEntry[i] * C + c] += 1
      totals[c] += 1
      groupSize[groups.groupOfEntry[i]] += 1
    }

    // Groups are numbered by first appearance in id-sorted entries: a canonical order to draw keys in.
    var random = SeededRandom(seed: seed, stream: "folds")
    let tieKey = (0..<G).map { _ in random.next() }
    let weight = (0..<G).map { g in (0..<C).reduce(0.0) { $0 + Double(counts[g * C + $1]) / Double(totals[$1]) } }
    let order = (0..<G).sorted { a, b in
      weight[a] != weight[b] ? weight[a] > weight[b] : tieKey[a] < tieKey[b]
    }

    let target = totals.map { Double($0) / Double(k) }
    var foldCounts = [Int](repeating: 0, count: k * C)
    var foldSize = [Int](repeating: 0, count: k)
    var foldOfGroup = [Int](repeating: 0, count: G)
    for g in order {
      var best = 0
      var bestScore = -Double.infinity
      for f in 0..<k {
        var score = 0.0
        for c in 0..<C where counts[g * C + c] > 0 {
          score += Double(counts[g * C + c]) * (target[c] - Double(foldCounts[f * C + c])) / target[c]
        }
        let better =
          score > bestScore + 1e-9 || (abs(score - bestScore) <= 1e-9 && foldSize[f] < foldSize[best])
        if better {
          best = f
          bestScore = score
        }
      }
      foldOfGroup[g] = best
      foldSize[best] += groupSize[g]
      for c in 0..<C { foldCounts[best * C + c] += counts[g * C + c] }
    }

    var folds: [Fold] = []
    for f in 0..<k {
      let valFold = (f + 1) % k
      var parts: [[String]] = [[], [], []]
      var speakers: [Set<String>] = [[], [], []]
      for (i, entry) in entries.enumerated() {
        let home = foldOfGroup[groups.groupOfEntry[i]]
        let split = home == f ? 2 : (home == valFold ? 1 : 0)
        parts[split].append(entry.id)
        speakers[split].insert(entry.speaker)
      }
      folds.append(
        Fold(
          index: f + 1, train: parts[0], val: parts[1], test: parts[2], trainSpeakers: speakers[0].sorted(),
          valSpeakers: speakers[1].sorted(), testSpeakers: speakers[2].sorted()))
    }
    return FoldPlan(folds: folds, strategy: .stratifiedGroups(k: k), seed: seed)
  }
}
