import EmoSupport
import Folds
import Foundation
import TestSupport
import Testing

@testable import EmoCorpus

@Suite struct LhotseDimensionsTests {
  /// Supervisions carry the manifest's dimension values under `custom.dimensions`; lines without
  /// dimensions have no such key.
  @Test func supervisionsCarryDimensions() throws {
    var input = ExportTests.input()
    input.splits[0].entries[0].dimensions = ["arousal": 3.5, "valence": 2]
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    try LhotseExport.write(input, to: tmp.path)
    let supervisions = try GzipWriter.read(tmp.path + "/supervisions.jsonl.gz").split(separator: "\n").map {
      try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
    }
    let custom = try #require(supervisions.first { $0["id"] as? String == "seg-10" }?["custom"] as? [String: Any])
    #expect((custom["dimensions"] as? [String: Double]) == ["arousal": 3.5, "valence": 2])
    let other = try #require(supervisions.first { $0["id"] as? String == "seg-2" }?["custom"] as? [String: Any])
    #expect(other["dimensions"] == nil)
  }
}
