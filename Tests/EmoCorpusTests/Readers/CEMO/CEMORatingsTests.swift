import EmoSupport
import Foundation
import Readers
import TestSupport
import Testing

@testable import EmoCorpus

@Suite struct CEMORatingsTests {
  @Test func readsTheCodersRatingsOnTheAnnotation() throws {
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
    #expect(first[0].dimensions == Dimensions(valence: 1.5, activation: 4.2))
    #expect(first[1].dimensions == Dimensions(dominance: 2))
    // Annotations without ratings carry none.
    #expect(corpus.segments[1].annotations.allSatisfy { $0.dimensions == nil })
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
