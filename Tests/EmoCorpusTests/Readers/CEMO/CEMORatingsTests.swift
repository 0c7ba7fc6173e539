import EmoSupport
import Foundation
import Readers
import TestSupport
import Testing

@testable import EmoCorpus

@Suite struct CEMORatingsTests {
  @Test func readsTheCodersRatingsAsTheirOwnRatingAnnotation() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    var xml = CEMOFixtures.valid()
    xml = xml.replacingOccurrences(
      of: #"<annotation coder="c1" major="Stress" minor="Fear"/>"#,
      with: #"<annotation coder="c1" major="Stress" minor="Fear" arousal="4.2" valence="1.5"/>"#)
    xml = xml.replacingOccurrences(
      of: #"<annotation coder="c2" major="Anxiety"/>"#, with: #"<annotation coder="c2" major="Anxiety" dominance="2"/>"#
    )
    let corpus = try CEMOXMLReader().read(root: try folder.write("calls.xml", xml))
    let first = corpus.segments[0].annotations
    let ratings = first.filter { $0.kind == .dimensional }
    #expect(ratings.map(\.coder) == ["c1", "c2"])
    #expect(ratings[0].dimensions == Dimensions(valence: 1.5, activation: 4.2))
    #expect(ratings[1].dimensions == Dimensions(dominance: 2))
    #expect(first.filter { $0.kind == .categorical }.allSatisfy { $0.dimensions == nil && $0.major != nil })
    // The corpus has the rated dimensions' scales; the consensus is the mean of the coders' ratings.
    #expect(Set(corpus.dimensionScales.map(\.name)) == ["arousal", "valence", "dominance"])
    #expect(corpus.dimensionScales.allSatisfy { $0.min == 1 && $0.max == 5 })
    #expect(corpus.consensusDimensions(corpus.segments[0]) == ["arousal": 4.2, "valence": 1.5, "dominance": 2])
    // Annotations without ratings carry none.
    #expect(corpus.segments[1].annotations.allSatisfy { $0.dimensions == nil && $0.kind == .categorical })
  }

  @Test func aRatingThatIsNotADecimalFailsTheSchema() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let xml = CEMOFixtures.valid().replacingOccurrences(
      of: #"<annotation coder="c2" major="Anxiety"/>"#,
      with: #"<annotation coder="c2" major="Anxiety" arousal="high"/>"#)
    let file = try folder.write("calls.xml", xml)
    #expect(throws: LocatedError.self) { try CEMOXMLReader().read(root: file) }
  }
}
