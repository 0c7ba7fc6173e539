import Foundation
import TestSupport
import Testing

@testable import EmoCorpus
@testable import Readers

@Suite struct CEMOSchemaTests {
  /// The documented example (README, CEMO-style XML), comments included, must read as is.
  static let specExample = """
    <?xml version="1.0" encoding="UTF-8"?>          <!-- UTF-8 or ISO-8859-1 -->
    <corpus name="cemo-demo" version="1">
      <coders><coder id="c1"/><coder id="c2"/></coders>
      <speakers>
        <speaker id="A07" role="agent" gender="female"/>   <!-- role: caller|agent; gender: male|female|unknown -->
        <speaker id="C0001" role="caller" gender="male"/>
      </speakers>
      <dialog id="D0001" audio="audio/D0001.wav">         <!-- audio relative to the corpus root -->
        <segment id="D0001-001" speaker="C0001" start="0.52" end="2.10">   <!-- seconds -->
          <annotation coder="c1" major="Stress" minor="Fear"/>   <!-- minor optional -->
          <annotation coder="c2" major="Anxiety"/>
        </segment>
      </dialog>
    </corpus>
    """

  @Test func specExampleReads() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let corpus = try CEMOXMLReader().read(root: try folder.write("spec.xml", Self.specExample))
    #expect(corpus.name == "cemo-demo")
    #expect(corpus.segments.count == 1)
    #expect(corpus.segments[0].annotations.map(\.major) == ["Stress", "Anxiety"])
  }

  /// Every element and attribute declaration carries an xs:annotation/xs:documentation.
  @Test func everyElementAndAttributeIsDocumented() throws {
    let document = try SafeXML.parse(
      Data(EmbeddedSchemas.cemoAnnotations.utf8), path: "cemo-annotations.xsd", doctype: .forbidden)
    var undocumented: [String] = []
    var declarations = 0
    func visit(_ element: XMLElementNode) {
      if element.name == "element" || element.name == "attribute" {
        declarations += 1
        let documented = element.children(named: "annotation").contains { !$0.children(named: "documentation").isEmpty }
        if !documented { undocumented.append("\(element.name) \(element.attribute("name") ?? "?")") }
      }
      element.children.forEach(visit)
    }
    visit(try #require(document.root))
    #expect(declarations == 28)  // 8 elements, 20 attributes (arousal, valence, dominance on annotation)
    #expect(undocumented == [])
  }
}
