import Foundation
import Testing

@testable import EmoCorpus
@testable import Readers

@Suite struct SafeXMLTests {
  static let transcriberRule = SafeXML.DoctypeRule(
    allowsExternalDTD: true, what: "internal DTD subset not allowed", expected: "an external DTD only")

  private func parseError(_ text: String, rule: SafeXML.DoctypeRule = .forbidden, encoding: String.Encoding = .utf8)
    -> String?
  {
    do {
      _ = try SafeXML.parse(text.data(using: encoding)!, path: "in.xml", doctype: rule)
      return nil
    } catch {
      return String(describing: error)
    }
  }

  @Test func externalEntityIsRefusedBeforeItIsRead() {
    let message = parseError(CEMOFixtures.xxe)
    #expect(
      message
        == "in.xml:2: DOCTYPE/entity declarations are not allowed (expected a plain CEMO annotation file without DTD)")
  }

  @Test func externalEntityIsRefusedEvenWhereAnExternalDTDIsAllowed() {
    #expect(parseError(CEMOFixtures.xxe, rule: Self.transcriberRule)?.hasPrefix("in.xml:") == true)
    #expect(
      parseError(CEMOFixtures.xxe, rule: Self.transcriberRule)?.contains("internal DTD subset not allowed") == true)
  }

  @Test func billionLaughsIsRefusedWithoutExpansion() {
    #expect(
      parseError(CEMOFixtures.billionLaughs)
        == "in.xml:2: DOCTYPE/entity declarations are not allowed (expected a plain CEMO annotation file without DTD)")
    #expect(
      parseError(CEMOFixtures.billionLaughs, rule: Self.transcriberRule)
        == "in.xml:2: internal DTD subset not allowed (expected an external DTD only)")
  }

  @Test func externalDoctypeIsRefusedForCEMOAndAcceptedUnloadedWhereAllowed() throws {
    let text = """
      <?xml version="1.0"?>
      <!DOCTYPE Trans SYSTEM "http://127.0.0.1:9/trans-14.dtd">
      <Trans audio_filename="x"/>
      """
    #expect(
      parseError(text)
        == "in.xml:2: DOCTYPE/entity declarations are not allowed (expected a plain CEMO annotation file without DTD)")
    let document = try SafeXML.parse(Data(text.utf8), path: "in.xml", doctype: Self.transcriberRule)
    #expect(document.root?.name == "Trans")
    #expect(document.root?.attribute("audio_filename") == "x")
  }

  @Test func malformedXMLReportsLibxml2MessageAndLine() {
    let text = "<?xml version=\"1.0\"?>\n<corpus>\n  <a>\n</corpus>\n"
    #expect(parseError(text) == "in.xml:4: Opening and ending tag mismatch: a line 3 and corpus")
  }

  @Test func undeclaredEntityIsAnError() {
    let text = "<?xml version=\"1.0\"?>\n<corpus name=\"&nope;\"/>\n"
    #expect(parseError(text) == "in.xml:2: Entity 'nope' not defined")
  }

  @Test func latin1DeclarationIsHonoured() throws {
    let text = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<a label=\"Colère froide\"/>\n"
    let document = try SafeXML.parse(text.data(using: .isoLatin1)!, path: "in.xml", doctype: .forbidden)
    #expect(document.root?.attribute("label") == "Colère froide")
  }

  @Test func latin1BytesInAUTF8FileAreAnErrorWithLine() {
    let text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a>\n<b label=\"Colère\"/></a>\n"
    let message = parseError(text, encoding: .isoLatin1)
    #expect(message?.hasPrefix("in.xml:3: Input is not proper UTF-8") == true)
  }

  @Test func elementLinesAreReported() throws {
    let text = "<?xml version=\"1.0\"?>\n<a>\n\n  <b/>\n  <c/><d/>\n</a>\n"
    let document = try SafeXML.parse(Data(text.utf8), path: "in.xml", doctype: .forbidden)
    let lines = document.root?.children.map { "\($0.name)\($0.line)" }
    #expect(lines == ["b4", "c5", "d5"])
  }

  /// Swift Testing runs in parallel: every parse must see only its own libxml2 messages.
  @Test func concurrentParsesKeepTheirOwnErrors() async {
    let results = await withTaskGroup(of: (Int, String?).self) { group in
      for index in 1...16 {
        group.addTask {
          let text = "<?xml version=\"1.0\"?>\n" + String(repeating: "\n", count: index) + "<a><b></a>\n"
          do {
            _ = try SafeXML.parse(Data(text.utf8), path: "f\(index).xml", doctype: .forbidden)
            return (index, nil)
          } catch {
            return (index, String(describing: error))
          }
        }
      }
      var collected: [(Int, String?)] = []
      for await result in group { collected.append(result) }
      return collected
    }
    #expect(results.count == 16)
    for (index, message) in results {
      let line = index + 2
      #expect(message == "f\(index).xml:\(line): Opening and ending tag mismatch: b line \(line) and a")
    }
  }
}
