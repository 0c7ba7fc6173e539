import EmoSupport
import Folds
import Foundation
import TestSupport
import Testing

/// MSP-Podcast's Split_Set read as a split made elsewhere (`--folds-from msp-podcast`,
/// `check-folds --external msp-podcast ROOT`).
@Suite struct MSPPodcastSplitTests {
  @Test func foldKTestsTestKWithTrainAndDevelopment() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try MSPPodcastFixture.write(to: folder.path)
    let split = try ExternalSplit.read(ExternalSplitSource(format: .mspPodcast, path: folder.path))
    #expect(split.folds.map(\.index) == [1, 2, 3])
    for fold in split.folds {
      #expect(fold[.train].map(\.id) == (1...4).map { "MSP-PODCAST_0001_000\($0)" })
      #expect(fold[.val].map(\.id) == ["MSP-PODCAST_0002_0001", "MSP-PODCAST_0002_0002"])
    }
    #expect(split.folds[0][.test].map(\.id) == ["MSP-PODCAST_0002_0003", "MSP-PODCAST_0002_0004"])
    #expect(split.folds[2][.test].map(\.id) == ["MSP-PODCAST_0003_0003", "MSP-PODCAST_0003_0004"])
    // Unknown speakers stay one per file in the split's speakers too.
    #expect(split.folds[0][.test][0].speaker == "Unknown_MSP-PODCAST_0002_0003")
    // The table itself is accepted as PATH, and `msp-podcast` alone parses (the corpus root is filled in later).
    let table = try ExternalSplit.read(
      ExternalSplitSource(format: .mspPodcast, path: folder.path + "/Labels/labels_consensus.csv"))
    #expect(table.folds.count == 3)
    #expect(ExternalSplitSource(parsing: "msp-podcast") == ExternalSplitSource(format: .mspPodcast, path: ""))
  }

  @Test func anUnknownSplitSetIsAnErrorNamingTheLine() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try MSPPodcastFixture.write(
      to: folder.path,
      consensus: MSPPodcastFixture.consensus.replacingOccurrences(of: "Test3\nMSP", with: "Test 3\nMSP"))
    let error = #expect(throws: LocatedError.self) {
      try ExternalSplit.read(ExternalSplitSource(format: .mspPodcast, path: folder.path))
    }
    #expect(
      error?.description
        == "\(folder.path)/Labels/labels_consensus.csv:12: Split_Set 'Test 3' (expected Train, Development, Test1, Test2 or Test3)"
    )
  }
}
