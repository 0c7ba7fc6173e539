import EmoSupport
import Testing

@testable import EmoCorpus

/// Builds corpora directly from model values.
private enum Build {
  static func annotation(
    _ coder: String, _ major: String?, minor: String? = nil, additional: [String] = [],
    kind: AnnotationKind = .categorical, line: Int = 0
  ) -> Annotation {
    Annotation(
      coder: coder, kind: kind, major: major, minor: minor, additional: additional,
      dimensions: kind == .dimensional ? Dimensions(valence: 3, activation: 2, dominance: nil) : nil,
      origin: Origin(file: "labels.xml", line: line))
  }

  static func segment(_ id: String, _ annotations: [Annotation], consensus: String? = nil, line: Int = 0) -> Segment {
    Segment(
      id: id, dialog: "D1", speaker: "S1", annotations: annotations, corpusConsensus: consensus,
      origin: Origin(file: "labels.xml", line: line))
  }

  static func corpus(_ segments: [Segment], source: SourceKind = .cemo) -> Corpus {
    Corpus(name: "test", source: source, root: "/corpus", segments: segments)
  }
}

@Suite struct NormalizerTests {
  let cemo4 = try! TaskDefinition.load("cemo-4")

  func normalize(_ segments: [Segment], task: String = "cemo-4", rule: ConsensusRule = .soft) throws -> [LabeledSegment]
  {
    try Normalizer(task: TaskDefinition.load(task), consensus: rule).normalize(Build.corpus(segments))
  }

  func one(_ annotations: [Annotation], task: String = "cemo-4", rule: ConsensusRule = .soft) throws -> LabeledSegment {
    try normalize([Build.segment("s", annotations)], task: task, rule: rule)[0]
  }

  /// Segments whose coders gave the same labels share one normalized annotation list (a large
  /// corpus holds each combination once); different ones keep their own.
  @Test func equalNormalizedAnnotationsShareOneArray() throws {
    let labeled = try normalize([
      Build.segment("a", [Build.annotation("c1", "Stress", line: 1)]),
      Build.segment("b", [Build.annotation("c1", "Stress", line: 2)]),
      Build.segment("c", [Build.annotation("c1", "Anxiety", line: 3)]),
    ])
    func storage(_ item: LabeledSegment) -> UnsafeRawPointer? {
      item.annotations.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    }
    #expect(labeled.map(\.label) == ["Fear", "Fear", "Fear"])
    #expect(labeled[0].annotations == labeled[1].annotations)
    #expect(storage(labeled[0]) == storage(labeled[1]))
    #expect(storage(labeled[0]) != storage(labeled[2]))  // raw label differs
  }

  // MARK: soft rule, hand-worked

  @Test func softMajorsAndMinorsAddUp() throws {
    // c1: Stress (Fear +2), minor Annoyance (Anger +1); c2: Anxiety (Fear +2) → Fear 4, Anger 1.
    let result = try one([Build.annotation("c1", "Stress", minor: "Annoyance"), Build.annotation("c2", "Anxiety")])
    #expect(result.consensus == "Fear")
    #expect(result.label == "Fear")
    #expect(result.drop == nil)
  }

  @Test func softTieOfMajorsIsNoConsensus() throws {
    // c1: HotAnger (Anger +2); c2: Peur (Fear +2) → 2 : 2.
    let result = try one([Build.annotation("c1", "HotAnger"), Build.annotation("c2", "Peur")])
    #expect(result.consensus == nil)
    #expect(result.label == nil)
    #expect(result.drop == Drop(segmentID: "s", reason: .noConsensus, detail: "tie between Anger and Fear (score 2)"))
  }

  @Test func softMinorBreaksATieOfMajors() throws {
    // Majors alone tie (Anger 2, Fear 2); c1's minor Fear makes Fear 3.
    let result = try one([Build.annotation("c1", "Annoyance", minor: "Fear"), Build.annotation("c2", "Stress")])
    #expect(result.consensus == "Fear")
    #expect(result.label == "Fear")
  }

  @Test func softCrossedMinorsStillTie() throws {
    // c1: Anger (+2) minor Fear (+1); c2: Fear (+2) minor Anger (+1) → 3 : 3.
    let result = try one([
      Build.annotation("c1", "ColdAnger", minor: "Panic"), Build.annotation("c2", "Panic", minor: "ColdAnger"),
    ])
    #expect(result.drop?.reason == .noConsensus)
    #expect(result.drop?.detail == "tie between Anger and Fear (score 3)")
  }

  @Test func softWithThreeCoders() throws {
    // c1 Interest (Positive 2); c2 Relief (Positive 2) minor Neutral (Neutral 1); c3 Neutral (2) minor
    // Amusement (Positive 1) → Positive 5, Neutral 3.
    let result = try one([
      Build.annotation("c1", "Interest"), Build.annotation("c2", "Relief", minor: "Neutral"),
      Build.annotation("c3", "Neutral", minor: "Amusement"),
    ])
    #expect(result.consensus == "Positive")
    #expect(result.label == "Positive")
  }

  /// Neutral, Neutral, Annoyance with two Anger minors: soft ties 4 : 4, majority says Neutral.
  static let threeCodersWhereRulesDiffer = [
    Build.annotation("c1", "Neutral", minor: "Impatience"), Build.annotation("c2", "Neutre", minor: "ColdAnger"),
    Build.annotation("c3", "Annoyance"),
  ]

  @Test func softAndMajorityCanDisagreeWithThreeCoders() throws {
    let soft = try one(Self.threeCodersWhereRulesDiffer)
    #expect(soft.drop?.detail == "tie between Neutral and Anger (score 4)")
    let majority = try one(Self.threeCodersWhereRulesDiffer, rule: .majority)
    #expect(majority.label == "Neutral")
  }

  @Test func oneCoderGivesItsMajor() throws {
    let result = try one([Build.annotation("c1", "Relief", minor: "Stress")])
    #expect(result.consensus == "Positive")
  }

  @Test func selfEvaluationAndDimensionalAnnotationsDoNotVote() throws {
    let result = try one([
      Build.annotation("c1", "Anger"), Build.annotation("S", "Fear", kind: .selfEvaluation),
      Build.annotation("S2", "Fear", kind: .selfEvaluation), Build.annotation("A-E1", nil, kind: .dimensional),
    ])
    #expect(result.label == "Anger")
    #expect(result.annotations.count == 4)
    #expect(result.annotations[1].major == "Fear")  // kept for the audit, not counted
    #expect(result.annotations[3].major == nil)
    #expect(result.annotations[3].kind == .dimensional)
  }

  @Test func segmentWithoutAnyLabelIsDroppedAsNoLabel() throws {
    let result = try one([Build.annotation("A-E1", nil, kind: .dimensional)])
    #expect(result.drop == Drop(segmentID: "s", reason: .noLabel, detail: "no coder gave a label"))
    let empty = try one([])
    #expect(empty.drop == Drop(segmentID: "s", reason: .noLabel, detail: "no annotation"))
    // Empty and blank cells are no label either; one coder's label is enough to decide.
    let blank = try one([Build.annotation("c1", nil), Build.annotation("c2", " ")])
    #expect(blank.drop?.reason == .noLabel)
    let decided = try one([Build.annotation("c1", nil), Build.annotation("c2", "Anger")])
    #expect(decided.label == "Anger")
  }

  @Test func selfEvaluationsAloneDecideNothing() throws {
    // A label exists but no external coder gave one: no consensus, not "no label".
    let result = try one([Build.annotation("F1", "Anger", kind: .selfEvaluation)])
    #expect(result.drop == Drop(segmentID: "s", reason: .noConsensus, detail: "no categorical annotation"))
  }

  @Test func consensusOutsideTheTaskIsDroppedWithTheClass() throws {
    let result = try one([Build.annotation("c1", "Despair"), Build.annotation("c2", "Tristesse")])
    #expect(result.consensus == "Sadness")
    #expect(result.label == nil)
    #expect(result.drop == Drop(segmentID: "s", reason: .classNotInTask, detail: "Sadness"))
  }

  @Test func taskGathersSeveralMacroClasses() throws {
    let fear = try one([Build.annotation("c1", "Stress")], task: "cemo-neg-pos-neu")
    let anger = try one([Build.annotation("c1", "Colère froide")], task: "cemo-neg-pos-neu")
    #expect(fear.label == "Negative")
    #expect(anger.label == "Negative")
    #expect(fear.consensus == "Fear")
  }

  @Test func normalizedAnnotationsKeepRawAndCanonical() throws {
    let result = try one([Build.annotation("c1", "Colère chaude", minor: "Peur")])
    #expect(
      result.annotations == [
        NormalizedAnnotation(
          coder: "c1", kind: .categorical, rawMajor: "Colère chaude", rawMinor: "Peur", major: "Anger", minor: "Fear")
      ])
  }

  // MARK: majority and coder:ID

  @Test func majorityIgnoresMinorsAndNeedsMoreThanHalf() throws {
    let agree = try one([Build.annotation("c1", "Fear"), Build.annotation("c2", "Anxiety")], rule: .majority)
    #expect(agree.label == "Fear")
    // Minors would break the tie under the soft rule; majority ignores them.
    let split = try one(
      [Build.annotation("c1", "Annoyance", minor: "Fear"), Build.annotation("c2", "Stress")], rule: .majority)
    #expect(split.drop == Drop(segmentID: "s", reason: .noConsensus, detail: "no strict majority of 2 Major labels"))
    let twoOfThree = try one(
      [Build.annotation("c1", "Relief"), Build.annotation("c2", "Neutral"), Build.annotation("c3", "Interest")],
      rule: .majority)
    #expect(twoOfThree.label == "Positive")
  }

  @Test func coderRuleTakesThatCodersMajor() throws {
    let annotations = [Build.annotation("c1", "Relief"), Build.annotation("c2", "Stress", minor: "Relief")]
    #expect(try one(annotations, rule: .coder("c2")).label == "Fear")
    #expect(try one(annotations, rule: .coder("c1")).label == "Positive")
    let missing = try one(annotations, rule: .coder("c9"))
    #expect(missing.drop == Drop(segmentID: "s", reason: .noConsensus, detail: "no label by coder 'c9'"))
  }

  // MARK: IEMOCAP: the corpus's own consensus

  @Test func corpusConsensusDecidesAndEvaluatorLabelsAreNormalized() throws {
    let segment = Build.segment(
      "Ses01F_impro01_F000",
      [
        Build.annotation("C-E2", "Neutral state"), Build.annotation("C-E3", "Frustration", additional: ["Anger"]),
        Build.annotation("C-E4", "Anger"), Build.annotation("C-F1", "Other", kind: .selfEvaluation),
        Build.annotation("A-E3", nil, kind: .dimensional),
      ], consensus: "neu")
    let result = try normalize([segment], task: "iemocap-4")[0]
    #expect(result.consensus == "neu")
    #expect(result.label == "neutral")
    #expect(result.annotations.map(\.major) == ["neu", "fru", "ang", "oth", nil])
    #expect(result.annotations[1].additional == ["ang"])
  }

  @Test func corpusConsensusXXXIsNoConsensus() throws {
    let segment = Build.segment(
      "t", [Build.annotation("C-E2", "Anger"), Build.annotation("C-E3", "Anger")], consensus: "xxx")
    let result = try normalize([segment], task: "iemocap-4")[0]
    #expect(result.drop == Drop(segmentID: "t", reason: .noConsensus, detail: "corpus consensus 'xxx'"))
  }

  @Test func excitedIsDroppedByIemocap4AndMergedByIemocap4Exc() throws {
    let segment = Build.segment("t", [Build.annotation("C-E2", "Excited")], consensus: "exc")
    #expect(
      try normalize([segment], task: "iemocap-4")[0].drop
        == Drop(segmentID: "t", reason: .classNotInTask, detail: "exc"))
    #expect(try normalize([segment], task: "iemocap-4-exc")[0].label == "happiness")
  }

  @Test func coderRuleOverridesTheCorpusConsensus() throws {
    let segment = Build.segment(
      "t", [Build.annotation("C-E2", "Anger"), Build.annotation("C-E3", "Neutral")], consensus: "neu")
    #expect(try normalize([segment], task: "iemocap-4", rule: .coder("C-E2"))[0].label == "anger")
    #expect(try normalize([segment], task: "iemocap-4", rule: .majority)[0].label == "neutral")
  }

  @Test func otherWithFreeTextIsOth() throws {
    let segment = Build.segment("t", [Build.annotation("C-E2", "Other: sarcasm")], consensus: "oth")
    let result = try normalize([segment], task: "iemocap-4")[0]
    #expect(result.annotations[0].major == "oth")
    #expect(result.drop?.reason == .classNotInTask)
  }

  // MARK: cross-corpus task

  @Test func angerNeutralReadsEachCorpusThroughItsOwnVocabulary() throws {
    let task = try TaskDefinition.load("anger-neutral")
    let iemocap = Build.corpus(
      [
        Build.segment(
          "i1", [Build.annotation("C-E2", "Anger"), Build.annotation("C-E3", "Frustration")], consensus: "ang"),
        Build.segment("i2", [Build.annotation("C-E2", "Neutral state")], consensus: "neu"),
        Build.segment("i3", [Build.annotation("C-E2", "Sadness")], consensus: "sad"),
      ], source: .iemocap)
    let cemo = Build.corpus([
      Build.segment("c1", [Build.annotation("c1", "HotAnger"), Build.annotation("c2", "Annoyance")]),
      Build.segment("c2", [Build.annotation("c1", "Neutre")]),
      Build.segment("c3", [Build.annotation("c1", "Stress")]),
    ])
    let normalizer = Normalizer(task: task)
    #expect(try normalizer.mapping(for: iemocap).name == "iemocap-labels")
    #expect(try normalizer.mapping(for: cemo).name == "cemo-fine-to-macro")
    #expect(try normalizer.normalize(iemocap).map(\.label) == ["Anger", "Neutral", nil])
    #expect(try normalizer.normalize(cemo).map(\.label) == ["Anger", "Neutral", nil])
    #expect(try normalizer.normalize(cemo)[2].drop?.detail == "Fear")
  }

  // MARK: unknown labels

  static func normalizeError(_ corpus: Corpus, task: String = "cemo-4") -> String? {
    do {
      _ = try Normalizer(task: TaskDefinition.load(task)).normalize(corpus)
      return nil
    } catch {
      return "\(error)"
    }
  }

  @Test func unknownLabelNamesOriginLabelAndNearestLabels() {
    let corpus = Build.corpus([
      Build.segment("a", [Build.annotation("c1", "Stress")]),
      Build.segment("b", [Build.annotation("c1", "Peur"), Build.annotation("c2", "Colere chaud", line: 12)]),
    ])
    #expect(
      Self.normalizeError(corpus)
        == "labels.xml:12: unknown label 'Colere chaud' "
        + "(expected a label of cemo-fine-to-macro; nearest: Colère chaude, Colère froide, Colère)")
  }

  @Test func unknownMinorAndUnknownCorpusConsensusAreErrorsToo() {
    let minor = Build.corpus([Build.segment("a", [Build.annotation("c1", "Stress", minor: "Joy", line: 3)])])
    #expect(
      Self.normalizeError(minor)?.hasPrefix(
        "labels.xml:3: unknown label 'Joy' (expected a label of cemo-fine-to-macro; nearest: ") == true)
    let consensus = Build.corpus([Build.segment("t", [Build.annotation("C-E2", "Anger")], consensus: "angr", line: 40)])
    #expect(
      Self.normalizeError(consensus, task: "iemocap-4")?.hasPrefix(
        "labels.xml:40: unknown label 'angr' (expected a label of iemocap-labels; nearest: ang") == true)
  }

  @Test func dropUnknownAccountsForEverySegment() throws {
    let segments = [
      Build.segment("a", [Build.annotation("c1", "Stress"), Build.annotation("c2", "Anxiety")]),
      Build.segment("b", [Build.annotation("c1", "Colere chaud"), Build.annotation("c2", "Anger")]),
      Build.segment("c", [Build.annotation("c1", "Neutral", minor: "Bof")]),
      Build.segment("d", [Build.annotation("c1", "Despair")]),
      Build.segment("e", [Build.annotation("c1", "Joy"), Build.annotation("c2", "Happy")]),
    ]
    let result = try Normalizer(task: cemo4, dropUnknown: true).normalize(Build.corpus(segments))
    #expect(result.map(\.segment.id) == ["a", "b", "c", "d", "e"])
    #expect(result.map(\.label) == ["Fear", nil, nil, nil, nil])
    #expect(
      result.compactMap(\.drop) == [
        Drop(segmentID: "b", reason: .unknownLabel, detail: "Colere chaud"),
        Drop(segmentID: "c", reason: .unknownLabel, detail: "Bof"),
        Drop(segmentID: "d", reason: .classNotInTask, detail: "Sadness"),
        Drop(segmentID: "e", reason: .unknownLabel, detail: "Joy"),
      ])
    // Known labels of a dropped segment are still normalized for the audit.
    #expect(result[1].annotations.map(\.major) == [nil, "Anger"])
    // Kept + dropped = read.
    #expect(result.filter { $0.label != nil }.count + result.compactMap(\.drop).count == segments.count)
  }
}

extension NormalizerTests {
  @Test func labelsKnownToEveryMappingGoToTheFirstListed() throws {
    let table = Build.corpus([Build.segment("x", [Build.annotation("c1", "Anger")])], source: .table)
    let normalizer = Normalizer(task: try TaskDefinition.load("anger-neutral"))
    #expect(try normalizer.mapping(for: table).name == "iemocap-labels")
    #expect(try normalizer.normalize(table).map(\.label) == ["Anger"])
  }

  @Test func taskDecodedWithoutItsMappingsIsAnError() throws {
    let yaml = "name: t\nmappings: [cemo-fine-to-macro]\nclasses:\n  - name: A\n    gathers: [Anger]\n"
    let bare = try YAMLSource(text: yaml, file: "t.yaml").decode(TaskDefinition.self, shape: "")
    #expect(throws: LocatedError.self) { try Normalizer(task: bare).normalize(Build.corpus([])) }
  }
}

extension NormalizerTests {
  @Test func blankLabelsAreAbsentNotUnknown() throws {
    let result = try one([
      Build.annotation("c1", "Stress", minor: " "), Build.annotation("c2", "Fear", additional: [""]),
    ])
    #expect(result.label == "Fear")
    #expect(result.annotations.map(\.minor) == [nil, nil])
  }
}
