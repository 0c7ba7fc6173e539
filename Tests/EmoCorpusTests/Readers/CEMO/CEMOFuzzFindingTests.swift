import EmoCorpus
import EmoSupport
import Foundation
import Readers
import TestSupport
import Testing

/// Inputs the cemo-xml fuzz target found (kept in Tests/Fuzz/cemo-xml/ as seeds).
@Suite struct CEMOFuzzFindingTests {
  /// libxml2 reports undecodable bytes on a second line (`…indicate encoding !\nBytes: 0x99 0x9B`):
  /// the error must still be one line naming the file and line.
  @Test func undecodableBytesGiveAOneLineError() throws {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let input = try Data(contentsOf: repositoryFile("Tests/Fuzz/cemo-xml/finding-multiline-libxml2-error.xml"))
    try input.write(to: URL(fileURLWithPath: dir.path + "/corpus.xml"))
    let error = #expect(throws: LocatedError.self) { try CEMOXMLReader().read(root: dir.path) }
    let found = try #require(error)
    let text = found.description
    #expect(!text.contains("\n") && !text.contains("\r"))
    #expect(text.hasPrefix(dir.path + "/corpus.xml:2: "))
    #expect(text.contains("not proper UTF-8") && text.contains(" / Bytes: 0x99 0x9B"))
  }
}
