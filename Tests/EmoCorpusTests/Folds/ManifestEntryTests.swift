import Foundation
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

  /// An entry is one reference (a fold's lines of millions of segments share their entries), and
  /// still a value: a changed copy leaves the original, and coding is the plain struct's.
  @Test func anEntryIsOneSharedReferenceThatBehavesAsAValue() throws {
    #expect(MemoryLayout<ManifestEntry>.stride == MemoryLayout<Int>.stride)
    let original = Self.entry(label: "Fear")
    var copy = original
    #expect(copy == original && copy.hashValue == original.hashValue)
    copy.label = "Anger"
    copy.softLabel = [0.5, 0.5]
    #expect(original.label == "Fear" && original.softLabel == nil)
    #expect(copy.label == "Anger" && copy != original)
    #expect(Self.entry(label: "Fear") == original)  // equal fields in another box

    var withHash = original
    withHash.audioHash = String(repeating: "a", count: 64)
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let json = try #require(String(data: try encoder.encode(withHash), encoding: .utf8))
    #expect(
      json
        == #"{"audio_hash":"\#(String(repeating: "a", count: 64))","dialog":"D1","duration":1,"end":1,"#
        + #""gender":"female","id":"D1-001","label":"Fear","path":"\/a.wav","role":"caller","speaker":"C1","#
        + #""start":0,"windows":1}"#)
    #expect(try JSONDecoder().decode(ManifestEntry.self, from: Data(json.utf8)) == withHash)
  }
}
