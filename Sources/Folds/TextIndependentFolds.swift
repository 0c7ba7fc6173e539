import EmoSupport

/// Folds where neither a speaker nor a sentence crosses training and evaluation
/// (`prep --independent speaker,text`).
///
/// Speaker groups (speakers joined by a shared dialog, or by identical audio) are dealt into `k`
/// homes by the stratified assignment of speaker folds. Sentences (comparison keys, see
/// `ContentKey`; sentences of identical audio joined) are dealt into m = min(k, sentences) groups,
/// largest first, each to the group with the fewest segments so far. Fold f (0-based) tests home f
/// × sentence group f mod m, validates on home f+1 × the same sentence group, and trains on the
/// other homes × the other sentence groups; a segment without a sentence (no text, or a text
/// shorter than `--min-words`) follows its speaker. Every other segment is unused in that fold
/// (`cross_fold`). So training shares neither a speaker nor a sentence with validation or test;
/// validation and test share sentences, never speakers: validation measures what test measures.
public enum TextIndependentFolds {
  /// Why such folds cannot be made; `description` is the line the CLI prints.
  public enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
    /// No kept segment has a sentence code or a long-enough text.
    case needsContent
    /// Fewer than two sentence groups: training would have no sentence left.
    case tooFewSentences(Int)
    /// Fewer speaker groups than folds.
    case tooFewSpeakerGroups(folds: Int, groups: Int)
    case tooFewFolds(Int)

    public var description: String {
      switch self {
      case .needsContent:
        "--independent speaker,text needs sentences: no kept segment has a sentence code or a transcript of enough "
          + "words (transcripts: IEMOCAP transcriptions, a table's text column, --transcripts DIR; codes: a "
          + "(?<sentence>…) group in --pattern)"
      case .tooFewSentences(let n):
        "--independent speaker,text needs at least 2 different sentences (this corpus has \(n)): training must "
          + "keep sentences that test does not say"
      case .tooFewSpeakerGroups(let folds, let groups):
        "--independent speaker,text with --folds \(folds) needs \(folds) independent speaker groups; this corpus has "
          + "\(groups), so it can make at most \(groups) folds\(groups < 3 ? " (and folds need at least 3: train, validation, test)" : "") "
          + "(--folds \(max(3, groups)))"
      case .tooFewFolds(let k):
        "--independent speaker,text needs --folds 3 or more (got \(k)): train, validation and test each take a speaker group"
      }
    }
  }

  /// Plans `k` folds of `entries`. `keyOf` gives a segment's sentence key (nil: none); `audioOf`
  /// its content hash (identical audio is kept on one side).
  public static func plan(
    _ entries: [ManifestEntry], k: Int, minWords: Int, keyOf: [String: String], audioOf: [String: String] = [:],
    seed: UInt64
  ) throws -> FoldPlan {
    guard !entries.isEmpty else { throw FoldError.noSegments }
    guard k >= 3 else { throw Problem.tooFewFolds(k) }
    let order = entries.indices.sorted { entries[$0].id < entries[$1].id }
    for (a, b) in zip(order, order.dropFirst()) where entries[a].id == entries[b].id {
      throw FoldError.duplicateSegment(entries[a].id)
    }
    // Identical audio joins speakers (through a shared dialog) and sentences.
    var grouping = entries
    var firstOfHash: [String: Int] = [:]
    var sentences = UnionFind()
    for i in order {
      guard let hash = audioOf[entries[i].id] else { continue }
      if let first = firstOfHash[hash] {
        grouping[i].dialog = grouping[first].dialog
        if let a = keyOf[entries[first].id], let b = keyOf[entries[i].id] { sentences.union(a, b) }
      } else {
        firstOfHash[hash] = i
      }
    }
    let groups = SpeakerGroups(grouping, order: order)
    guard groups.count >= k else { throw Problem.tooFewSpeakerGroups(folds: k, groups: groups.count) }
    let home = FoldPlanner.assignGroups(grouping, groups: groups, k: k, seed: seed, stream: "folds")

    // Sentence components and their sizes, in first-seen (id) order.
    var size: [String: Int] = [:]
    var componentOrder: [String] = []
    var componentOfEntry = [String?](repeating: nil, count: entries.count)
    for i in order {
      guard let key = keyOf[entries[i].id] else { continue }
      let root = sentences.find(key)
      if size[root] == nil { componentOrder.append(root) }
      size[root, default: 0] += 1
      componentOfEntry[i] = root
    }
    guard !componentOrder.isEmpty else { throw Problem.needsContent }
    guard componentOrder.count >= 2 else { throw Problem.tooFewSentences(componentOrder.count) }
    let m = min(k, componentOrder.count)
    var random = SeededRandom(seed: seed, stream: "sentences")
    let tie = Dictionary(uniqueKeysWithValues: componentOrder.map { ($0, random.next()) })
    let bySize = componentOrder.sorted { size[$0]! != size[$1]! ? size[$0]! > size[$1]! : tie[$0]! < tie[$1]! }
    var load = [Int](repeating: 0, count: m)
    var groupOfComponent: [String: Int] = [:]
    for component in bySize {
      let target = (0..<m).min { load[$0] != load[$1] ? load[$0] < load[$1] : $0 < $1 }!
      groupOfComponent[component] = target
      load[target] += size[component]!
    }

    var folds: [Fold] = []
    for f in 0..<k {
      let valHome = (f + 1) % k
      let heldSentences = f % m
      var parts: [Split: [String]] = [.train: [], .val: [], .test: []]
      var speakers: [Split: Set<String>] = [.train: [], .val: [], .test: []]
      for i in order {
        let h = home[groups.groupOfEntry[i]]
        let sentence = componentOfEntry[i].map { groupOfComponent[$0]! }
        let split: Split?
        if h == f || h == valHome {
          split = sentence == nil || sentence == heldSentences ? (h == f ? .test : .val) : nil
        } else {
          split = sentence == nil || sentence != heldSentences ? .train : nil
        }
        guard let split else { continue }
        parts[split]!.append(entries[i].id)
        speakers[split]!.insert(entries[i].speaker)
      }
      folds.append(
        Fold(
          index: f + 1, train: parts[.train]!, val: parts[.val]!, test: parts[.test]!,
          trainSpeakers: speakers[.train]!.sorted(), valSpeakers: speakers[.val]!.sorted(),
          testSpeakers: speakers[.test]!.sorted()))
    }
    return FoldPlan(folds: folds, strategy: .speakerText(k: k, sentenceGroups: m, minWords: minWords), seed: seed)
  }
}

/// Union-find over strings (path halving).
struct UnionFind {
  private var parent: [String: String] = [:]

  mutating func find(_ x: String) -> String {
    var node = x
    while let up = parent[node], up != node {
      let grand = parent[up] ?? up
      parent[node] = grand
      node = grand
    }
    return node
  }

  mutating func union(_ a: String, _ b: String) {
    let x = find(a)
    let y = find(b)
    if x != y { parent[max(x, y)] = min(x, y) }
  }
}
