import Foundation
import Testing

@testable import EmoCorpus

/// `Segment` and `LabeledSegment` keep their fields in a shared box (copy-on-write): a copy is one
/// reference, and still behaves as a value.
@Suite struct SharedStorageTests {
  static let origin = Origin(file: "t.csv", line: 7)

  static func segment() -> Segment {
    var segment = Segment(
      id: "spk00001_d0_0.00_2.50", dialog: "spk00001_d0", speaker: "spk00001",
      span: TimeSpan(start: 0, end: 2.5), audio: AudioRef(path: "/a/spk00001_d0.wav", start: 0, end: 2.5),
      annotations: [Annotation(coder: "coder1", major: "ang", origin: origin)], origin: origin,
      extra: ["text": "word12 says the 5 little words"])
    segment.dimensions = ["arousal": 3]
    segment.corpusDrop = .noConsensus
    return segment
  }

  static func labeled() -> LabeledSegment {
    LabeledSegment(
      segment: segment(),
      annotations: [
        NormalizedAnnotation(
          coder: "coder1", kind: .categorical, rawMajor: "ang", rawMinor: nil, major: "A", minor: nil)
      ], consensus: "A", label: "ang", drop: nil)
  }

  @Test func anArrayHoldsOneReferencePerSegment() {
    // The memory budget of label-only prep counts on this: each selection of millions of segments
    // is an array of references to the normalized segments, not a copy of their fields.
    #expect(MemoryLayout<Segment>.stride == MemoryLayout<Int>.stride)
    #expect(MemoryLayout<LabeledSegment>.stride == MemoryLayout<Int>.stride)
  }

  @Test func changingACopyLeavesTheOriginal() {
    let original = Self.segment()
    var copy = original
    #expect(copy == original)
    copy.annotations.append(Annotation(coder: "coder2", major: "neu", origin: Self.origin))
    copy.extra["sentence"] = "s1"
    copy.id = "other"
    #expect(original.annotations.count == 1)
    #expect(original.extra["sentence"] == nil)
    #expect(original.id == "spk00001_d0_0.00_2.50")
    #expect(copy.annotations.count == 2 && copy.id == "other")
    #expect(copy != original)

    let item = Self.labeled()
    var changed = item
    changed.label = nil
    changed.segment.speaker = "spk00002"
    changed.drop = Drop(segmentID: "x", reason: .classNotInTask)
    #expect(item.label == "ang" && item.segment.speaker == "spk00001" && item.drop == nil)
    #expect(changed.label == nil && changed.segment.speaker == "spk00002")
    #expect(changed != item)
  }

  @Test func equalFieldsAreEqualAndHashAlike() {
    let a = Self.labeled()
    let b = Self.labeled()  // another box with the same fields
    #expect(a == b)
    #expect(a.hashValue == b.hashValue)
    #expect(Set([a, b]).count == 1)
    var c = b
    c.consensus = "N"
    #expect(Set([a, b, c]).count == 2)
  }

  @Test func codedAsThePlainStructsWere() throws {
    // The keys are the stored properties' names, as the synthesized coding of the plain structs
    // wrote them; a round trip gives an equal value.
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let item = Self.labeled()
    let json = try #require(String(data: try encoder.encode(item), encoding: .utf8))
    #expect(
      json
        == #"{"annotations":[{"additional":[],"coder":"coder1","kind":"categorical","major":"A","rawMajor":"ang"}],"#
        + #""consensus":"A","label":"ang","segment":{"annotations":[{"additional":[],"coder":"coder1","#
        + #""kind":"categorical","major":"ang","origin":{"file":"t.csv","line":7},"selfRated":false}],"#
        + #""audio":{"end":2.5,"path":"\/a\/spk00001_d0.wav","start":0},"corpusDrop":"no_consensus","#
        + #""dialog":"spk00001_d0","dimensions":{"arousal":3},"extra":{"text":"word12 says the 5 little words"},"#
        + #""id":"spk00001_d0_0.00_2.50","origin":{"file":"t.csv","line":7},"span":{"end":2.5,"start":0},"#
        + #""speaker":"spk00001"}}"#)
    #expect(try JSONDecoder().decode(LabeledSegment.self, from: Data(json.utf8)) == item)
  }
}
