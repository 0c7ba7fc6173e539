import EmoSupport
import Foundation
import TestSupport
import Testing

@testable import EmoCorpus
@testable import Readers

@Suite struct IEMOCAPReaderTests {
  /// Reads the generated fixture tree once per test.
  private func readFixture() throws -> (Corpus, TemporaryDirectory) {
    let folder = try TemporaryDirectory()
    try IEMOCAPFixture.write(to: folder.path)
    return (try IEMOCAPReader().read(root: folder.path), folder)
  }

  @Test func readsEveryTurnOfEverySessionOnce() throws {
    let (corpus, folder) = try readFixture()
    defer { folder.remove() }
    #expect(corpus.name == "iemocap")
    #expect(corpus.source == .iemocap)
    #expect(corpus.segments.count == 10)
    #expect(Set(corpus.segments.map(\.id)).count == 10)
    #expect(
      corpus.dialogs.map(\.id) == ["Ses01F_impro01", "Ses01F_script01_1", "Ses03M_impro05a", "Ses05M_script01_1b"])
    var codes: [String: Int] = [:]
    for segment in corpus.segments { codes[segment.corpusConsensus!, default: 0] += 1 }
    #expect(codes == ["neu": 3, "xxx": 1, "ang": 1, "hap": 1, "exc": 1, "sad": 1, "fru": 1, "sur": 1])
  }

  @Test func neverCountsCategoricalAttributeOrHiddenCopies() throws {
    let (corpus, folder) = try readFixture()
    defer { folder.remove() }
    let read = corpus.inputFiles.map { URL(fileURLWithPath: $0.path).lastPathComponent }
    #expect(read == ["Ses01F_impro01.txt", "Ses01F_script01_1.txt", "Ses03M_impro05a.txt", "Ses05M_script01_1b.txt"])
    #expect(corpus.segments.filter { $0.dialog == "Ses01F_impro01" }.count == 4)
    #expect(corpus.notes.count == 2)
    #expect(corpus.notes.contains { $0.hasSuffix("EmoEvaluation/._Ses01F_impro01.txt: hidden file skipped") })
    #expect(corpus.notes.contains { $0.hasSuffix("/Session2: no dialog/EmoEvaluation folder, session skipped") })
  }

  @Test func hashesEveryFileRead() throws {
    let (corpus, folder) = try readFixture()
    defer { folder.remove() }
    for file in corpus.inputFiles {
      #expect(file.sha256 == (try SHA256.hex(fileAt: file.path)))
    }
    #expect(corpus.inputFiles[0].sha256 == SHA256.hex(IEMOCAPFixture.impro01))
  }

  @Test func speakerComesFromTurnNameNotDialogPrefix() throws {
    let (corpus, folder) = try readFixture()
    defer { folder.remove() }
    let bySegment = Dictionary(uniqueKeysWithValues: corpus.segments.map { ($0.id, $0.speaker) })
    #expect(bySegment["Ses01F_impro01_M000"] == "Ses01M")
    #expect(bySegment["Ses03M_impro05a_F000"] == "Ses03F")
    #expect(bySegment["Ses05M_script01_1b_M000"] == "Ses05M")
    #expect(corpus.speakers.map(\.id) == ["Ses01F", "Ses01M", "Ses03F", "Ses03M", "Ses05F", "Ses05M"])
    #expect(corpus.speakers.map(\.gender) == [.female, .male, .female, .male, .female, .male])
    #expect(corpus.speakers.allSatisfy { $0.role == .speaker })
    #expect(corpus.speaker("Ses03F")?.extra["session"] == "3")
  }

  @Test func keepsFileOrderAndDerivesSessionAndSubset() throws {
    let (corpus, folder) = try readFixture()
    defer { folder.remove() }
    let impro = corpus.segments.filter { $0.dialog == "Ses01F_impro01" }
    #expect(
      impro.map(\.id) == ["Ses01F_impro01_F000", "Ses01F_impro01_F001", "Ses01F_impro01_M000", "Ses01F_impro01_M001"])
    #expect(impro.map { $0.origin.line } == [3, 12, 19, 25])
    #expect(corpus.segments.filter { $0.extra["subset"] == "improvised" }.count == 6)
    #expect(corpus.segments.filter { $0.extra["subset"] == "scripted" }.count == 4)
    #expect(corpus.segments.map { $0.extra["session"]! } == ["1", "1", "1", "1", "1", "1", "3", "3", "5", "5"])
    #expect(corpus.dialogs.map { $0.extra["subset"]! } == ["improvised", "scripted", "improvised", "scripted"])
  }

  @Test func resolvesSpansAndAudioPaths() throws {
    let (corpus, folder) = try readFixture()
    defer { folder.remove() }
    let root = corpus.root
    let turn = try #require(corpus.segments.first { $0.id == "Ses03M_impro05a_M000" })
    #expect(abs(turn.span!.start - 2.0) < 1e-12)
    #expect(abs(turn.span!.end - 3.0) < 1e-12)
    #expect(turn.audio == AudioRef(path: "\(root)/Session3/sentences/wav/Ses03M_impro05a/Ses03M_impro05a_M000.wav"))
    #expect(turn.extra["valence"] == "5.5000")
    #expect(turn.extra["activation"] == "0.5000")
    #expect(corpus.dialogs[3].audioPath == "\(root)/Session5/dialog/wav/Ses05M_script01_1b.wav")
    #expect(turn.origin.file == "\(root)/Session3/dialog/EmoEvaluation/Ses03M_impro05a.txt")
  }

  @Test func keepsEveryEvaluatorLineRaw() throws {
    let (corpus, folder) = try readFixture()
    defer { folder.remove() }
    let all = corpus.segments.flatMap(\.annotations)
    #expect(all.filter { $0.kind == .categorical }.count == 18)
    #expect(all.filter { $0.kind == .selfEvaluation }.count == 3)
    #expect(all.filter { $0.kind == .dimensional }.count == 6)
    #expect(Set(corpus.coders) == ["E1", "E2", "E3", "E4", "E5", "F1", "M1"])

    let first = corpus.segments[0].annotations
    #expect(first.map(\.coder) == ["E2", "E3", "E4", "F1", "E3", "E4", "F1"])
    #expect(first[1].major == "Neutral")
    #expect(first[1].labels == ["Neutral", "Frustration"])
    #expect(first[1].note == "calm; a bit\ttired")
    #expect(first[2].labels == ["Neutral state"])
    #expect(first[2].note == nil)
    #expect(first[3].kind == .selfEvaluation)
    #expect(first[3].note == "curious")
    #expect(first[5].dimensions == Dimensions(valence: 2, activation: 3, dominance: nil))
    #expect(first[5].origin.line == 9)

    let second = corpus.segments[1].annotations
    #expect(second[0].labels == ["Other"])
    #expect(second[0].note == "bored")
    #expect(second[1].labels == ["Sadness"])
    #expect(second[4].dimensions == Dimensions(valence: 2, activation: 3, dominance: 3))

    let male = corpus.segments[2].annotations
    #expect(male[0].major == "Anger")
    #expect(male[0].additional == ["Frustration", "Other"])
    #expect(male[2].kind == .selfEvaluation)
    #expect(male[2].coder == "M1")
    #expect(male[3].kind == .dimensional)

    let missing = try #require(corpus.segments.first { $0.id == "Ses03M_impro05a_F000" }).annotations[1]
    #expect(missing.dimensions == Dimensions(valence: nil, activation: nil, dominance: 2))
  }

  @Test func standardizesTheRootPath() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try IEMOCAPFixture.write(to: folder.path + "/tree")
    let corpus = try IEMOCAPReader().read(root: folder.path + "/tree/../tree/")
    #expect(corpus.root == URL(fileURLWithPath: folder.path + "/tree").standardizedFileURL.path)
    #expect(corpus.segments.count == 10)
  }
}
