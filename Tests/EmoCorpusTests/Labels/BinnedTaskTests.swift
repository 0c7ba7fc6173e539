import EmoSupport
import Foundation
import Readers
import TestSupport
import Testing

@testable import EmoCorpus

/// Task files that bin a rating dimension into classes (`from: arousal`, `bins` with upper bounds).
@Suite struct BinnedTaskTests {
  static let arousal3 = """
    name: arousal-3
    description: arousal in three bins
    from: arousal
    bins:
      - name: low
        max: 2.5
      - name: mid
        max: 3.5
      - name: high
    neutral: mid

    """

  static func loadError(_ text: String) throws -> String? {
    let dir = try TemporaryDirectory()
    defer { dir.remove() }
    let path = try dir.write("task.yaml", text)
    do {
      _ = try TaskDefinition.load(path)
      return nil
    } catch {
      return "\(error)".replacingOccurrences(of: path, with: "task.yaml")
    }
  }

  @Test func binsAreClassesInOrderWithInclusiveUpperBounds() throws {
    let task = try TaskDefinition.parse(Self.arousal3, file: "arousal-3.yaml")
    #expect(task.classNames == ["low", "mid", "high"])
    #expect(task.neutral == "mid")
    #expect(task.binning?.dimension == "arousal")
    #expect(task.binning?.bounds == [2.5, 3.5])
    #expect(task.binning?.line == 3)
    #expect(task.binClass(of: 1) == "low")
    #expect(task.binClass(of: 2.5) == "low")
    #expect(task.binClass(of: 2.5000001) == "mid")
    #expect(task.binClass(of: 3.5) == "mid")
    #expect(task.binClass(of: 7) == "high")
  }

  @Test(arguments: [
    (
      "name: a\nfrom: arousal\nbins:\n  - {name: low, max: 3}\n  - {name: mid, max: 2.5}\n  - {name: high}\n",
      "task.yaml:5: bin 'mid' max 2.5 is not above the previous bin's 3 (expected upper bounds in increasing order)"
    ),
    (
      "name: a\nfrom: arousal\nbins:\n  - {name: low, max: 3}\n  - {name: high, max: 5}\n",
      "task.yaml:5: the last bin 'high' has an upper bound (expected no max on the last bin: it takes every value above the others)"
    ),
    (
      "name: a\nfrom: arousal\nbins:\n  - {name: low}\n  - {name: high}\n",
      "task.yaml:4: bin 'low' has no upper bound (expected max: a number on every bin but the last)"
    ),
    (
      "name: a\nfrom: arousal\nbins:\n  - {name: low, max: 3}\n",
      "task.yaml:4: 1 bin (expected two bins or more)"
    ),
    (
      "name: a\nfrom: arousal\nmappings: [emotion-words]\nbins:\n  - {name: low, max: 3}\n  - {name: high}\n",
      "task.yaml:3: a task that bins a dimension takes its classes from bins (mappings given) (expected from and bins, without mappings, classes or drop)"
    ),
    (
      "name: a\nfrom: arousal\nbins:\n  - {name: low, maximum: 3}\n  - {name: high}\n",
      nil
    ),
  ])
  func badBinsAreRefusedAtTheirLine(_ text: String, _ message: String?) throws {
    let error = try #require(try Self.loadError(text))
    if let message {
      #expect(error == message)
    } else {
      // An unknown key in a bin is refused, the nearest known one suggested.
      #expect(error.hasPrefix("task.yaml:4:") && error.contains("max"))
    }
  }

  @Test func segmentsTakeTheBinOfTheirConsensusValue() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try MSPPodcastFixture.write(to: folder.path)
    let corpus = try MSPPodcastReader().read(root: folder.path)
    let task = try TaskDefinition.parse(
      "name: a\nfrom: arousal\nbins:\n  - {name: low, max: 3.5}\n  - {name: mid, max: 5}\n  - {name: high}\n",
      file: "a.yaml")
    let labeled = try Normalizer(task: task).normalize(corpus)
    // Arousal consensus of the fixture: 4.8 6.33 3.5 5.0 4.0 3.0 2.5 4.0 5.5 6.0 2.0 4.0; X and O files
    // take their bin like the others (the categorical consensus plays no part).
    #expect(
      labeled.map(\.label) == ["mid", "high", "low", "mid", "mid", "low", "low", "mid", "high", "high", "low", "mid"])
    #expect(labeled.allSatisfy { $0.drop == nil })
  }

  @Test func aDimensionTheCorpusLacksIsAnErrorNamingTheTaskLine() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try MSPPodcastFixture.write(to: folder.path)
    let corpus = try MSPPodcastReader().read(root: folder.path)
    let path = try folder.write(
      "pitch.yaml", Self.arousal3.replacingOccurrences(of: "from: arousal", with: "from: pitch"))
    let task = try TaskDefinition.load(path)
    let error = #expect(throws: LocatedError.self) { try Normalizer(task: task).normalize(corpus) }
    #expect(
      error?.description
        == "\(path):3: task 'arousal-3' bins dimension 'pitch', which this corpus does not carry (expected a dimension of this corpus: arousal, valence, dominance)"
    )
  }
}
