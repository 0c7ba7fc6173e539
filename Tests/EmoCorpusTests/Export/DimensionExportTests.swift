import EmoSupport
import Folds
import Foundation
import Readers
import TestSupport
import Testing

@testable import EmoCorpus

/// Table and Kaldi exports carry the manifests' dimension values (Lhotse: LhotseDimensionsTests).
@Suite struct DimensionExportTests {
  static func input() -> ExportInput {
    var input = ExportTests.input()
    input.splits[0].entries[0].dimensions = ["arousal": 3.5, "valence": 2]
    input.splits[0].entries[1].dimensions = ["arousal": 4.25]
    return input
  }

  @Test func theTableHasAColumnPerDimensionAndReadsBack() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    try TableExport.write(Self.input(), to: tmp.path)
    let lines = try String(contentsOfFile: tmp.path + "/corpus.csv", encoding: .utf8).split(separator: "\n")
    #expect(lines[0] == "id,path,speaker,gender,role,dialog,start,end,label,arousal,valence")
    #expect(lines.first { $0.hasPrefix("seg-10,") }?.hasSuffix(",Anger,3.5,2.0") == true)
    #expect(lines.first { $0.hasPrefix("seg-2,") }?.hasSuffix(",Neutral,4.25,") == true)
    #expect(lines.first { $0.hasPrefix("seg-7,") }?.hasSuffix(",Neutral,,") == true)
    // Round trip: the table reader takes the columns back as ratings.
    var layout = TableLayout()
    layout.dimensions = ["arousal": "arousal", "valence": "valence"]
    layout.scale = [1, 5]
    let corpus = try TableReader(layout: layout).read(root: tmp.path + "/corpus.csv")
    let seg10 = try #require(corpus.segments.first { $0.id == "seg-10" })
    #expect(corpus.consensusDimensions(seg10) == ["arousal": 3.5, "valence": 2])
  }

  @Test func kaldiWritesOneFilePerDimension() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    try KaldiExport.write(Self.input(), to: tmp.path)
    let train = tmp.path + "/fold-1/train/"
    #expect(try String(contentsOfFile: train + "utt2arousal", encoding: .utf8) == "F1-seg-2 4.25\nM2-seg-10 3.5\n")
    #expect(try String(contentsOfFile: train + "utt2valence", encoding: .utf8) == "M2-seg-10 2.0\n")
    // A split whose segments carry no dimension has no such file.
    #expect(!FileManager.default.fileExists(atPath: tmp.path + "/fold-1/test/utt2arousal"))
  }
}
