import EmoSupport
import Foundation
import TestSupport
import Testing

@testable import EmoCorpus
@testable import Readers

/// Inputs of the iemocap fuzz target (kept in Tests/Fuzz/iemocap/ as seeds).
@Suite struct IEMOCAPFuzzFindingTests {
  static let input = "Tests/Fuzz/iemocap/finding-turn-name-leaves-root.txt"

  /// A turn `Ses01F_impro01_F/../../../../../../../etc/x` became the audio path
  /// `ROOT/Session1/sentences/wav/Ses01F_impro01/Ses01F_impro01_F/../../../../../../../etc/x.wav`,
  /// outside the corpus root: the turn is now refused, strict or not.
  @Test func turnNameWithASlashIsRefusedNotResolvedOutsideTheRoot() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let file = folder.path + "/Session1/dialog/EmoEvaluation/Ses01F_impro01.txt"
    try folder.write("Session1/dialog/EmoEvaluation/Ses01F_impro01.txt", "")
    try Data(contentsOf: repositoryFile(Self.input)).write(to: URL(fileURLWithPath: file))
    let message =
      "\(file):1: turn Ses01F_impro01_F/../../../../../../../etc/x has characters other than letters and "
      + "digits after _F/_M (expected Ses01F_impro01_F000 or Ses01F_impro01_M000)"

    let corpus = try IEMOCAPReader().read(root: folder.path)
    #expect(corpus.segments.isEmpty)
    #expect(corpus.faults.map(\.description) == [message])

    let error = #expect(throws: LocatedError.self) { try IEMOCAPReader(strict: true).read(root: folder.path) }
    #expect(error?.description == message)
  }

  /// Every turn name of the release shape still reads (suffixed dialogs, three-digit fields).
  @Test func releaseTurnNamesStillRead() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try folder.write(
      "Session5/dialog/EmoEvaluation/Ses05M_script01_1b.txt",
      [
        IEMOCAPFixture.header, "[1.0 - 2.0]\tSes05M_script01_1b_F012\tneu\t[2.5, 2.5, 2.5]", "C-E1:\tNeutral;\t()",
        "[3.0 - 4.0]\tSes05M_script01_1b_M000\tang\t[2.5, 2.5, 2.5]", "C-E1:\tAnger;\t()",
      ].joined(separator: "\n"))
    let corpus = try IEMOCAPReader(strict: true).read(root: folder.path)
    #expect(corpus.segments.map(\.id) == ["Ses05M_script01_1b_F012", "Ses05M_script01_1b_M000"])
  }
}
