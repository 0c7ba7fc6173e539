import Testing

@testable import EmoCorpus
@testable import Folds

@Suite struct ManifestEntryTests {
  static func entry(label: String) -> ManifestEntry {
    ManifestEntry(
      id: "D1-001", speaker: "C1", dialog: "D1", gender: .female, role: .caller, label: label, path: "/a.wav",
      start: 0, end: 1, duration: 1, windows: 1)
  }

  @Test func classIndexIsThePositionAmongTheTaskClasses() throws {
    #expect(try Self.entry(label: "Fear").classIndex(in: ["Anger", "Fear", "Neutral"]) == 1)
  }

  /// A label outside the task was silently class -1 for training; it is now an error naming it.
  @Test func labelOutsideTheTaskIsAnErrorNamingTheSegment() {
    let error = #expect(throws: FoldError.self) { try Self.entry(label: "Joy").classIndex(in: ["Anger", "Fear"]) }
    #expect(
      error?.description
        == "segment D1-001 has label 'Joy', which is not a class of the task (expected one of Anger, Fear)")
  }
}
