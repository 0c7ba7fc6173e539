import EmoCorpus
import EmoSupport
import Foundation
import Testing

@testable import Folds

/// A manifest line whose length is unknown (a whole file a labels-only run could not measure):
/// written with three nulls, read back the same by the fast and the general reader.
@Suite struct UnknownDurationLineTests {
  static let entry = ManifestEntry(
    id: "s1_0", speaker: "s1", dialog: "s1_0", gender: .male, role: .speaker, label: "anger",
    path: "/data/audio/s1_0.wav", start: 0, end: nil, duration: nil, windows: nil)

  @Test func writtenWithNullsAndReadBackByBothReaders() throws {
    let line = try Self.entry.jsonLine()
    #expect(
      line
        == #"{"id":"s1_0","speaker":"s1","dialog":"s1_0","gender":"male","role":"speaker","label":"anger","path":"/data/audio/s1_0.wav","start":0.0,"end":null,"duration":null,"windows":null}"#
    )
    var copy = line
    let fast = copy.withUTF8 { ManifestEntry.writerLine($0) }
    #expect(fast == Self.entry)
    let general = try copy.withUTF8 { bytes in
      try Result { () throws(LocatedError) in
        try ManifestEntry(generalJSONLineBytes: bytes, file: "m.jsonl", line: 1)
      }.get()
    }
    #expect(general == Self.entry)
    // With an audio hash after the nulls, and spaced out (the general reader only).
    var hashed = Self.entry
    hashed.audioHash = String(repeating: "ab", count: 32)
    var hashedLine = try hashed.jsonLine()
    #expect(hashedLine.withUTF8 { ManifestEntry.writerLine($0) } == hashed)
    let spaced = line.replacingOccurrences(of: ",\"end\":null", with: ", \"end\" : null")
    #expect(try ManifestEntry(jsonLine: Substring(spaced), file: "m.jsonl", line: 1) == Self.entry)
  }

  @Test func knownLengthsAreWrittenAsBefore() throws {
    var known = Self.entry
    (known.start, known.end, known.duration, known.windows) = (1, 2.5, 1.5, 1)
    #expect(try known.jsonLine().contains(#","start":1.0,"end":2.5,"duration":1.5,"windows":1}"#))
  }

  @Test func splitCountsLeaveUnknownLengthsOutOfTheWindows() {
    var known = Self.entry
    (known.id, known.end, known.duration, known.windows) = ("s1_1", 3, 3, 2)
    let summary = SplitSummary([Self.entry, known], classes: ["anger"])
    #expect(summary.segments == 2 && summary.windows == 2 && summary.unknownDurations == 1)
    #expect(SplitSummary([known], classes: ["anger"]).unknownDurations == nil)
  }
}
