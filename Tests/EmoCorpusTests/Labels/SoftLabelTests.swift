import Testing

@testable import EmoCorpus

@Suite struct SoftLabelTests {
  static let origin = Origin(file: "c.xml", line: 3)

  static func labeled(_ annotations: [NormalizedAnnotation], label: String?) -> LabeledSegment {
    LabeledSegment(
      segment: Segment(id: "s", dialog: "d", speaker: "p", origin: origin), annotations: annotations,
      consensus: nil, label: label, drop: nil)
  }

  static func coder(_ id: String, _ major: String?, _ minor: String? = nil) -> NormalizedAnnotation {
    NormalizedAnnotation(coder: id, kind: .categorical, rawMajor: major, rawMinor: minor, major: major, minor: minor)
  }

  @Test func majorCountsTwiceMinorOnceOutsideClassesNothing() throws {
    // cemo-4: Fear, Anger, Positive, Neutral. c1 Major Fear + Minor Anger → Fear 2, Anger 1;
    // c2 Major Anger + Minor Sadness (not in the task) → Anger 2; a self-evaluation is no vote.
    let task = try TaskDefinition.load("cemo-4")
    let selfEvaluation = NormalizedAnnotation(
      coder: "s", kind: .selfEvaluation, rawMajor: "Neutral", rawMinor: nil, major: "Neutral", minor: nil)
    let soft = try #require(
      SoftLabel.distribution(
        Self.labeled(
          [Self.coder("c1", "Fear", "Anger"), Self.coder("c2", "Anger", "Sadness"), selfEvaluation],
          label: "Anger"), task: task))
    #expect(task.classNames == ["Fear", "Anger", "Positive", "Neutral"])
    #expect(soft == [0.4, 0.6, 0, 0])
  }

  @Test func withoutAnyCoderScoreItIsTheOneHotLabel() throws {
    let task = try TaskDefinition.load("cemo-4")
    #expect(
      SoftLabel.distribution(Self.labeled([Self.coder("c1", "Sadness")], label: "Neutral"), task: task) == [0, 0, 0, 1])
    #expect(SoftLabel.distribution(Self.labeled([], label: nil), task: task) == nil)
  }
}
