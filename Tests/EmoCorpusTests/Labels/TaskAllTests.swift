import EmoSupport
import Foundation
import Readers
import TestSupport
import Testing

@testable import EmoCorpus

/// `--task all`: every class the corpus's labels normalize to, each its own class.
@Suite struct TaskAllTests {
  @Test func aTableOfEmotionWordsKeepsEachOfItsClasses() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let file = try folder.write(
      "corpus.csv",
      """
      path,speaker,label
      a.wav,s1,Anger
      b.wav,s1,sad
      c.wav,s2,neutral
      d.wav,s2,Surprise
      """)
    let corpus = try TableReader().read(root: file)
    let task = try TaskDefinition.all(for: corpus, preferring: ReaderRegistry.entry(for: corpus.source).labelMapping)
    #expect(task.name == "all")
    // A table is read through CEMO's macro-classes, in that mapping's order.
    #expect(task.labelMappings.map(\.name) == ["cemo-fine-to-macro"])
    #expect(task.classNames == ["Anger", "Sadness", "Surprise", "Neutral"])
    #expect(task.neutral == "Neutral")
    let labeled = try Normalizer(task: task).normalize(corpus)
    #expect(labeled.map(\.label) == ["Anger", "Sadness", "Neutral", "Surprise"])
    #expect(labeled.allSatisfy { $0.drop == nil })
  }

  @Test func iemocapKeepsEveryConsensusCode() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try IEMOCAPFixture.write(to: folder.path)
    let corpus = try IEMOCAPReader().read(root: folder.path)
    let task = try TaskDefinition.all(for: corpus, preferring: ReaderRegistry.entry(for: corpus.source).labelMapping)
    #expect(task.labelMappings.map(\.name) == ["iemocap-labels"])
    #expect(task.neutral == "neu")
    let labeled = try Normalizer(task: task).normalize(corpus)
    // Only `xxx` (no consensus) is left without a class; no segment is outside the task, and
    // a class only evaluators used (`oth`) is not a class.
    #expect(!labeled.contains { $0.drop?.reason == .classNotInTask })
    let codes = Set(corpus.segments.compactMap(\.corpusConsensus)).subtracting(["xxx"])
    #expect(Set(task.classNames) == codes)
  }
}
