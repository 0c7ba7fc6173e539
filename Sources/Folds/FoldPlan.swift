import EmoCorpus

/// The three parts of a fold; raw values are the manifest file names (`train.jsonl`, …).
public enum Split: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
  case train, val, test

  public static func < (a: Split, b: Split) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

/// Which speaker of an IEMOCAP-style session is validation (`--iemocap-val`); the other is test.
public enum ValidationGender: String, Sendable, Hashable, Codable, CaseIterable {
  case female, male

  public var gender: Gender { self == .female ? .female : .male }
}

/// How folds are made.
public enum FoldStrategy: Sendable, Hashable, Codable, CustomStringConvertible {
  /// One fold per session: one gender of the session is validation, the other test; `bothWays`
  /// adds the swapped fold right after each session's fold, so every speaker is tested once.
  case sessions(validation: Gender, bothWays: Bool)
  /// Stratified group k-fold over speaker groups (speakers joined by shared dialogs).
  case stratifiedGroups(k: Int)
  /// Another toolkit's split taken as it is (`prep --folds-from`); `carvedValidation` when its
  /// training parts gave up one group-fold of speakers for validation. Its leaks are reported, not fixed.
  case external(source: ExternalSplitSource, carvedValidation: Bool)
  /// Speaker- and text-independent folds (`--independent speaker,text`): speaker groups dealt into
  /// `k` homes and sentences into `sentenceGroups` groups; fold f tests home f × sentence group
  /// f mod `sentenceGroups`, validates on home f+1 × the same sentences, and trains on the other
  /// homes × the other sentences. Segments of other combinations are unused in that fold
  /// (`cross_fold`). Texts of fewer than `minWords` words are no sentence.
  case speakerText(k: Int, sentenceGroups: Int, minWords: Int)

  private enum Kind: String, Codable {
    case sessions, stratifiedGroups = "stratified_groups", external, speakerText = "speaker_text"
  }
  private enum CodingKeys: String, CodingKey {
    case kind, validation, bothWays = "both_ways", k, source, carvedValidation = "carved_validation"
    case sentenceGroups = "sentence_groups", minWords = "min_words"
  }

  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    switch try c.decode(Kind.self, forKey: .kind) {
    case .sessions:
      self = .sessions(
        validation: try c.decode(Gender.self, forKey: .validation), bothWays: try c.decode(Bool.self, forKey: .bothWays)
      )
    case .stratifiedGroups: self = .stratifiedGroups(k: try c.decode(Int.self, forKey: .k))
    case .external:
      self = .external(
        source: try c.decode(ExternalSplitSource.self, forKey: .source),
        carvedValidation: try c.decode(Bool.self, forKey: .carvedValidation))
    case .speakerText:
      self = .speakerText(
        k: try c.decode(Int.self, forKey: .k), sentenceGroups: try c.decode(Int.self, forKey: .sentenceGroups),
        minWords: try c.decode(Int.self, forKey: .minWords))
    }
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .sessions(let validation, let bothWays):
      try c.encode(Kind.sessions, forKey: .kind)
      try c.encode(validation, forKey: .validation)
      try c.encode(bothWays, forKey: .bothWays)
    case .stratifiedGroups(let k):
      try c.encode(Kind.stratifiedGroups, forKey: .kind)
      try c.encode(k, forKey: .k)
    case .external(let source, let carvedValidation):
      try c.encode(Kind.external, forKey: .kind)
      try c.encode(source, forKey: .source)
      try c.encode(carvedValidation, forKey: .carvedValidation)
    case .speakerText(let k, let sentenceGroups, let minWords):
      try c.encode(Kind.speakerText, forKey: .kind)
      try c.encode(k, forKey: .k)
      try c.encode(sentenceGroups, forKey: .sentenceGroups)
      try c.encode(minWords, forKey: .minWords)
    }
  }

  /// Validation and test of a session fold share the session's dialogs by design (two actors per
  /// dialog), and so may an external split's (SpeechBrain's leave-one-speaker-out folds validate on
  /// the test speaker's partner); every other pair of splits must have disjoint dialogs.
  public var valAndTestMayShareDialogs: Bool {
    switch self {
    case .sessions, .external: true
    case .stratifiedGroups, .speakerText: false
    }
  }

  /// Every kept segment is in exactly one test fold, except with one-way session folds where the
  /// validation speakers are never tested (each segment is then held out, as val or test, once).
  public var testsEverySegment: Bool {
    if case .sessions(_, let bothWays) = self { return bothWays }
    return true
  }

  /// Whether every fold holds every kept segment and each is held out once. An external split has
  /// its own shape (one fold testing a quarter of the corpus, folds of different sizes): not checked.
  public var checksCoverage: Bool {
    if case .external = self { return false }
    // Text-independent folds test each segment at most once and leave cross combinations unused.
    if case .speakerText = self { return false }
    return true
  }

  /// Whether a speaker, dialog or audio shared between splits is tolerated when writing and reading
  /// the folds (reported by check-folds, never fixed): only for an external split taken as it is.
  public var toleratesLeaks: Bool {
    if case .external = self { return true }
    return false
  }

  public var description: String {
    switch self {
    case .sessions(let validation, let bothWays):
      "session folds (\(validation.rawValue) validation\(bothWays ? ", both ways" : ""))"
    case .stratifiedGroups(let k): "stratified group \(k)-fold"
    case .speakerText(let k, let sentenceGroups, _):
      "speaker- and text-independent \(k)-fold (\(sentenceGroups) sentence groups)"
    case .external(let source, let carvedValidation):
      "folds of \(source.format.title) split \(source.path)"
        + (carvedValidation ? " (validation carved from training: one group-fold of its speakers)" : "")
    }
  }
}

/// One fold: segment ids and speakers of each split (sorted; splits disjoint).
public struct Fold: Sendable, Hashable, Codable {
  /// 1-based; the manifests live in `folds/fold-<index>/`.
  public var index: Int
  public var train: [String]
  public var val: [String]
  public var test: [String]
  public var trainSpeakers: [String]
  public var valSpeakers: [String]
  public var testSpeakers: [String]

  public init(
    index: Int, train: [String], val: [String], test: [String], trainSpeakers: [String], valSpeakers: [String],
    testSpeakers: [String]
  ) {
    self.index = index
    self.train = train
    self.val = val
    self.test = test
    self.trainSpeakers = trainSpeakers
    self.valSpeakers = valSpeakers
    self.testSpeakers = testSpeakers
  }

  /// Segment ids of one split.
  public func ids(_ split: Split) -> [String] {
    switch split {
    case .train: train
    case .val: val
    case .test: test
    }
  }

  /// Speakers of one split.
  public func speakers(_ split: Split) -> [String] {
    switch split {
    case .train: trainSpeakers
    case .val: valSpeakers
    case .test: testSpeakers
    }
  }

  enum CodingKeys: String, CodingKey {
    case index, train, val, test
    case trainSpeakers = "train_speakers"
    case valSpeakers = "val_speakers"
    case testSpeakers = "test_speakers"
  }
}

/// Speaker-independent folds of the kept segments, the planner's output.
public struct FoldPlan: Sendable, Hashable, Codable {
  public var folds: [Fold]
  public var strategy: FoldStrategy
  public var seed: UInt64

  public init(folds: [Fold], strategy: FoldStrategy, seed: UInt64) {
    self.folds = folds
    self.strategy = strategy
    self.seed = seed
  }
}
