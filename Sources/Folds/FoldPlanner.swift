import EmoCorpus
import EmoSupport

/// Plans speaker-independent folds over kept segments.
public enum FoldPlanner {
  /// Folds for `entries` with `strategy`. `sessionOfSpeaker` is needed by session folds only.
  ///
  /// Deterministic: the same entries (in any order) and seed give the same plan.
  public static func plan(
    _ entries: [ManifestEntry], strategy: FoldStrategy, sessionOfSpeaker: [String: Int] = [:], seed: UInt64
  ) throws -> FoldPlan {
    guard !entries.isEmpty else { throw FoldError.noSegments }
    // Canonical order (by id) so that the plan never depends on the order prep handed entries over;
    // sorting indices is several times cheaper than moving the entries themselves.
    let order = entries.indices.sorted { entries[$0].id < entries[$1].id }
    for (a, b) in zip(order, order.dropFirst()) where entries[a].id == entries[b].id {
      throw FoldError.duplicateSegment(entries[a].id)
    }
    switch strategy {
    case .sessions(let validation, let bothWays):
      return try sessionFolds(
        order.map { entries[$0] }, validation: validation, bothWays: bothWays, sessions: sessionOfSpeaker, seed: seed)
    case .stratifiedGroups(let k):
      return try stratifiedGroupFolds(entries, order: order, k: k, seed: seed)
    case .external(let source, _):
      throw FoldError.externalNotPlanned(source.description)
    case .speakerText:
      throw TextIndependentFolds.Problem.needsContent
    }
  }

  /// The strategy for `folds` requested folds over the kept `speakers`: session folds when every
  /// kept speaker has a session (IEMOCAP-style; `folds` 10 runs both ways), else stratified group
  /// k-fold. nil for `folds` 0 (no folds). Decided before any feature work, so a fold count the
  /// corpus cannot have fails first.
  public static func strategy<S: Sequence<String>>(
    folds: Int, validation: ValidationGender, keptSpeakers: S, sessionOfSpeaker: [String: Int]
  ) throws -> FoldStrategy? {
    guard folds > 0 else { return nil }
    var any = false
    var allHaveSessions = true
    for speaker in keptSpeakers {
      any = true
      if sessionOfSpeaker[speaker] == nil {
        allHaveSessions = false
        break
      }
    }
    if any, allHaveSessions { return .sessions(validation: validation.gender, bothWays: folds == 10) }
    // Train, validation and test each take at least one group-fold.
    guard folds >= 3 else { throw FoldError.tooFewFolds(folds) }
    return .stratifiedGroups(k: folds)
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
    guard validation != .unknown else { throw FoldError.invalidValidationGender }
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
  private static func stratifiedGroupFolds(_ entries: [ManifestEntry], order: [Int], k: Int, seed: UInt64) throws
    -> FoldPlan
  {
    guard k >= 3 else { throw FoldError.tooFewFolds(k) }
    let groups = SpeakerGroups(entries, order: order)
    guard groups.count >= k else { throw FoldError.tooFewGroups(folds: k, groups: groups.count) }
    let foldOfGroup = assignGroups(entries, groups: groups, k: k, seed: seed, stream: "folds")

    // Ids and speakers of each home fold, in sorted order; fold f tests home f, validates on home f+1.
    var idsByHome = [[String]](repeating: [], count: k)
    for i in order { idsByHome[foldOfGroup[groups.groupOfEntry[i]]].append(entries[i].id) }
    let speakerOrder = groups.speakerNames.indices.sorted { groups.speakerNames[$0] < groups.speakerNames[$1] }
    var speakersByHome = [[String]](repeating: [], count: k)
    for s in speakerOrder { speakersByHome[foldOfGroup[groups.groupOfSpeaker[s]]].append(groups.speakerNames[s]) }

    var folds: [Fold] = []
    for f in 0..<k {
      let valFold = (f + 1) % k
      var train: [String] = []
      train.reserveCapacity(entries.count - idsByHome[f].count - idsByHome[valFold].count)
      for i in order {
        let home = foldOfGroup[groups.groupOfEntry[i]]
        if home != f && home != valFold { train.append(entries[i].id) }
      }
      var trainSpeakers: [String] = []
      for s in speakerOrder {
        let home = foldOfGroup[groups.groupOfSpeaker[s]]
        if home != f && home != valFold { trainSpeakers.append(groups.speakerNames[s]) }
      }
      folds.append(
        Fold(
          index: f + 1, train: train, val: idsByHome[valFold], test: idsByHome[f], trainSpeakers: trainSpeakers,
          valSpeakers: speakersByHome[valFold], testSpeakers: speakersByHome[f]))
    }
    return FoldPlan(folds: folds, strategy: .stratifiedGroups(k: k), seed: seed)
  }

  /// Home fold (0..<k) of each speaker group: the greedy stratified assignment described above.
  /// Needs `groups.count >= k` so that no home is empty.
  static func assignGroups(_ entries: [ManifestEntry], groups: SpeakerGroups, k: Int, seed: UInt64, stream: String)
    -> [Int]
  {
    let classes = Array(Set(entries.map(\.label))).sorted()
    let classIndex = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
    let C = classes.count
    let G = groups.count
    var counts = [Int](repeating: 0, count: G * C)
    var totals = [Int](repeating: 0, count: C)
    var groupSize = [Int](repeating: 0, count: G)
    var lastLabel: (name: String, index: Int)?
    for (i, entry) in entries.enumerated() {
      let c: Int
      if let last = lastLabel, last.name == entry.label {
        c = last.index
      } else {
        c = classIndex[entry.label]!
        lastLabel = (entry.label, c)
      }
      let g = groups.groupOfEntry[i]
      counts[g * C + c] += 1
      totals[c] += 1
      groupSize[g] += 1
    }

    // Groups are numbered by their speakers' first appearance in id order: a canonical order for tie keys.
    var random = SeededRandom(seed: seed, stream: stream)
    let tieKey = (0..<G).map { _ in random.next() }
    let weight = (0..<G).map { g in (0..<C).reduce(0.0) { $0 + Double(counts[g * C + $1]) / Double(totals[$1]) } }
    let byWeight = (0..<G).sorted { a, b in
      weight[a] != weight[b] ? weight[a] > weight[b] : tieKey[a] < tieKey[b]
    }

    let target = totals.map { Double($0) / Double(k) }
    var foldCounts = [Int](repeating: 0, count: k * C)
    var foldSize = [Int](repeating: 0, count: k)
    var foldOfGroup = [Int](repeating: 0, count: G)
    for g in byWeight {
      var best = 0
      var bestScore = -Double.infinity
      for f in 0..<k {
        var score = 0.0
        for c in 0..<C where counts[g * C + c] > 0 {
          score += Double(counts[g * C + c]) * (target[c] - Double(foldCounts[f * C + c])) / target[c]
        }
        // Scores are sums of a few products of small integers: 1e-9 separates real differences.
        let better = score > bestScore + 1e-9 || (abs(score - bestScore) <= 1e-9 && foldSize[f] < foldSize[best])
        if better {
          best = f
          bestScore = score
        }
      }
      foldOfGroup[g] = best
      foldSize[best] += groupSize[g]
      for c in 0..<C { foldCounts[best * C + c] += counts[g * C + c] }
    }
    return foldOfGroup
  }

  // MARK: Validation carved from a training part

  /// Splits `training` (one fold's training part) into training and validation: the speaker groups
  /// (speakers joined by shared dialogs) are dealt into `parts` stratified group-folds as above and
  /// the one closest to 1/`parts` of the segments becomes validation. For splits that give no
  /// validation part (EmoBox, s3prl); `fold` only names the fold in errors. Deterministic for the seed.
  public static func carveValidation(
    _ training: [ManifestEntry], parts: Int = 5, fold: Int, seed: UInt64
  ) throws -> (train: [ManifestEntry], val: [ManifestEntry]) {
    let order = training.indices.sorted { training[$0].id < training[$1].id }
    let groups = SpeakerGroups(training, order: order)
    guard groups.count >= 2 else { throw FoldError.cannotCarveValidation(fold: fold, groups: groups.count) }
    let k = min(parts, groups.count)
    let home = assignGroups(training, groups: groups, k: k, seed: seed, stream: "validation-\(fold)")
    var size = [Int](repeating: 0, count: k)
    for i in training.indices { size[home[groups.groupOfEntry[i]]] += 1 }
    let ideal = Double(training.count) / Double(k)
    let chosen = (0..<k).min { abs(Double(size[$0]) - ideal) < abs(Double(size[$1]) - ideal) }!
    var train: [ManifestEntry] = []
    var val: [ManifestEntry] = []
    for i in order {
      if home[groups.groupOfEntry[i]] == chosen { val.append(training[i]) } else { train.append(training[i]) }
    }
    return (train, val)
  }
}
