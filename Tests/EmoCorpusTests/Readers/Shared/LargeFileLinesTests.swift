import Foundation
import TestSupport
import Testing

@testable import EmoCorpus
@testable import Readers

/// libxml2 stores element lines in 16 bits unless asked otherwise; real CEMO files can be longer.
@Suite struct LargeFileLinesTests {
  /// A valid CEMO file padded with comment lines so that its dialog starts after line 70000.
  static func longFile(segmentAttributes: String) -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <corpus name="long" version="1">
      <coders><coder id="c1"/></coders>
      <speakers><speaker id="S" role="caller" gender="male"/></speakers>
    \(String(repeating: "  <!-- padding -->\n", count: 70_000))  <dialog id="D" audio="D.wav">
        <segment id="D-1" speaker="S" \(segmentAttributes)>
          <annotation coder="c1" major="Neutral"/>
        </segment>
      </dialog>
    </corpus>

    """
  }

  @Test func elementLinesAbove65535AreExact() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let corpus = try CEMOXMLReader().read(
      root: try folder.write("long.xml", Self.longFile(segmentAttributes: #"start="1" end="2""#)))
    #expect(corpus.dialogs[0].origin.line == 70_005)
    #expect(corpus.segments[0].origin.line == 70_006)
    #expect(corpus.segments[0].annotations[0].origin.line == 70_007)
  }

  @Test func schemaErrorLinesAbove65535AreExact() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let file = try folder.write("long.xml", Self.longFile(segmentAttributes: #"start="x" end="2""#))
    do {
      _ = try CEMOXMLReader().read(root: file)
      Issue.record("read succeeded")
    } catch {
      #expect(String(describing: error).hasPrefix("\(file):70006: Element 'segment', attribute 'start'"))
    }
  }
}
