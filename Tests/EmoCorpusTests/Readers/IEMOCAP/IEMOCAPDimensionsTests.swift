import Agreement
import EmoSupport
import Folds
import Foundation
import Readers
import TestSupport
import Testing

@testable import EmoCorpus

/// IEMOCAP's `A-*` rating lines and summary `[V, A, D]` as rating dimensions, and their agreement.
@Suite struct IEMOCAPDimensionsTests {
  /// Four turns, hand-counted: observers E1–E3, self raters F1/M1; one `act 6` (outside 1–5), one
  /// empty `dom ;`, one `val x` (not a number); M000's summary valence 1.5 against the observers'
  /// mean 2 (a mismatch); every other summary value equals its observers' mean.
  static let dialog = [
    IEMOCAPFixture.header,
    "",
    "[1.0000 - 2.0000]\tSes01F_impro01_F000\tneu\t[2.5000, 2.0000, 3.0000]",
    "C-E1:\tNeutral;\t()",
    "A-E1:\tval 2; act 2; dom 3;\t()",
    "A-E2:\tval 3; act 2; dom  3;\t()",
    "A-F1:\tval 4; act 1; dom 2;\t()",
    "",
    "[3.0000 - 4.0000]\tSes01F_impro01_F001\tang\t[3.0000, 4.0000, 2.0000]",
    "C-E1:\tAnger;\t()",
    "A-E1:\tval 3; act 6; dom 2;\t()",
    "A-E2:\tval 3; act 4; dom ;\t()",
    "",
    "[5.0000 - 6.0000]\tSes01F_impro01_M000\tsad\t[1.5000, 3.0000, 3.5000]",
    "C-E1:\tSadness;\t()",
    "A-E1:\tval 1; act 3; dom 4;\t()",
    "A-E3:\tval 3; act 3; dom 3;\t()",
    "A-M1:\tval 2; act 3; dom 3;\t()",
    "",
    "[7.0000 - 8.0000]\tSes01F_impro01_M001\tneu\t[2.0000, 3.5000, 3.5000]",
    "C-E1:\tNeutral;\t()",
    "A-E1:\tval x; act 3; dom 3;\t()",
    "A-E2:\tval 2; act 4; dom 4;\t()",
    "",
  ].joined(separator: "\r\n")

  static func corpus(strict: Bool = false) throws -> (Corpus, String, TemporaryDirectory) {
    let folder = try TemporaryDirectory()
    let file = try folder.write("Session1/dialog/EmoEvaluation/Ses01F_impro01.txt", dialog)
    return (try IEMOCAPReader(strict: strict).read(root: folder.path), file, folder)
  }

  @Test func ratingsConsensusAndExclusions() throws {
    let (corpus, file, folder) = try Self.corpus()
    defer { folder.remove() }
    #expect(corpus.segments.count == 4)
    #expect(corpus.faults.isEmpty)
    #expect(corpus.dimensionScales.map(\.name) == ["arousal", "valence", "dominance"])
    #expect(corpus.dimensionScales.allSatisfy { $0.min == 1 && $0.max == 5 })
    // Summary [V, A, D]: valence first.
    #expect(corpus.segments[0].dimensions == ["valence": 2.5, "arousal": 2.0, "dominance": 3.0])
    let f001 = corpus.segments[1].annotations.filter { $0.kind == .dimensional }
    // `act 6` is not a rating; the line's other values stay.
    #expect(f001[0].dimensions == Dimensions(["valence": 3, "dominance": 2]))
    #expect(f001[1].dimensions == Dimensions(["valence": 3, "arousal": 4]))
    let m001 = corpus.segments[3].annotations.filter { $0.kind == .dimensional }
    #expect(m001[0].dimensions == Dimensions(["arousal": 3, "dominance": 3]))
    #expect(corpus.segments[0].annotations.filter(\.selfRated).map(\.coder) == ["F1"])
    #expect(corpus.segments[2].annotations.filter(\.selfRated).map(\.coder) == ["M1"])
    #expect(corpus.readerCounts["out_of_scale_ratings"] == 1)
    #expect(corpus.readerCounts["missing_ratings"] == 1)
    #expect(corpus.readerCounts["unreadable_ratings"] == 1)
    let outside = try #require(corpus.ratingExclusions.first { $0.reason == "out_of_scale" })
    #expect(outside.origin == Origin(file: file, line: 11))
    #expect(outside.segment == "Ses01F_impro01_F001")
    #expect(outside.coder == "E1" && outside.dimension == "arousal" && outside.text == "6")
  }

  @Test func strictStopsAtARatingOutsideTheScaleOrNotANumber() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let file = try folder.write("Session1/dialog/EmoEvaluation/Ses01F_impro01.txt", Self.dialog)
    let error = #expect(throws: LocatedError.self) { try IEMOCAPReader(strict: true).read(root: folder.path) }
    #expect(
      error?.description
        == "\(file):11: rating act 6 is outside the scale 1–5 (expected ratings from 1 to 5; without --strict such a value is left out and counted)"
    )
    try folder.write(
      "Session1/dialog/EmoEvaluation/Ses01F_impro01.txt", Self.dialog.replacingOccurrences(of: "act 6", with: "act 5"))
    let second = #expect(throws: LocatedError.self) { try IEMOCAPReader(strict: true).read(root: folder.path) }
    #expect(
      second?.description
        == "\(file):22: malformed evaluator line: rating val is not a number (expected \"A-E3:<TAB>val 3; act 2; dom 2;<TAB>(note)\")"
    )
  }

  @Test func agreementPerDimension() throws {
    let (corpus, _, folder) = try Self.corpus()
    defer { folder.remove() }
    let dims = try #require(corpus.dimensionAgreement(corpus.segments))
    #expect(Set(dims.keys) == ["arousal", "valence", "dominance"])
    let valence = try #require(dims["valence"])
    #expect(valence.items == 4)
    #expect(valence.ratings == 7)  // E1: 3 (one `x`), E2: 3, E3: 1
    #expect(valence.ratersN == 3)
    #expect(valence.scale == [1, 5])
    // The same α from the coincidence-matrix implementation, raters × items by hand.
    let dense: [[Double?]] = [[2, 3, 1, nil], [3, 3, nil, 2], [nil, nil, 3, nil]]
    let interval = KrippendorffAlpha.estimate(ratersByUnits: dense, level: .interval)
    let ordinal = KrippendorffAlpha.estimate(ratersByUnits: dense, level: .ordinal)
    #expect(abs(valence.alphaInterval.value! - interval.value!) < 1e-12)
    #expect(abs(valence.alphaOrdinal.value! - ordinal.value!) < 1e-12)
    #expect(valence.alphaInterval.items == 3)
    let mismatches = try #require(valence.summaryMismatches)
    #expect(mismatches.checked == 4)
    #expect(mismatches.count == 1)
    #expect(mismatches.items.first?.item == "Ses01F_impro01_M000")
    #expect(mismatches.items.first?.consensus == 1.5 && mismatches.items.first?.mean == 2)
    // Self raters apart: F000 (4 vs 2.5) and M000 (2 vs 2).
    let selfVs = try #require(valence.selfVsObservers)
    #expect(selfVs.items == 2)
    #expect(abs(selfVs.value! - 1) < 1e-12)
    #expect(abs(selfVs.bias! - 0.75) < 1e-12)
    #expect(valence.raters.filter(\.selfRater).map(\.rater) == ["F1", "M1"])
    // Arousal: E1's 6 left out (counted), so every summary equals its observers' mean.
    let arousal = try #require(dims["arousal"])
    #expect(arousal.excluded == ["out_of_scale": 1])
    #expect(arousal.summaryMismatches?.count == 0)
    #expect(arousal.ratings == 7)
    #expect(dims["dominance"]?.excluded == ["missing": 1])
    // Histogram: half-unit bins over 1–5 hold every observer rating.
    #expect(valence.histogram.counts.count == 9)
    #expect(valence.histogram.counts.reduce(0, +) == 7)
    #expect(valence.histogram.counts[valence.histogram.bin(3)] == 4)
  }

  /// Without the corpus's own consensus, a segment's value is its observers' mean (self and
  /// out-of-scale values left out); a dimension nobody rated is absent.
  @Test func consensusFallsBackToTheObserversMean() {
    let origin = Origin(file: "t.csv", line: 2)
    var ownRating = Annotation(coder: "S", kind: .dimensional, dimensions: Dimensions(["arousal": 1]), origin: origin)
    ownRating.selfRated = true
    let segment = Segment(
      id: "a", dialog: "d", speaker: "s",
      annotations: [
        Annotation(
          coder: "A", kind: .dimensional, dimensions: Dimensions(["arousal": 2, "valence": 9]), origin: origin),
        Annotation(coder: "B", kind: .dimensional, dimensions: Dimensions(["arousal": 5]), origin: origin), ownRating,
      ], origin: origin)
    var corpus = Corpus(name: "t", source: .table, root: "/", segments: [segment])
    corpus.dimensionScales = [
      DimensionScale(name: "arousal", min: 1, max: 7), DimensionScale(name: "valence", min: 1, max: 7),
    ]
    #expect(corpus.consensusDimensions(segment) == ["arousal": 3.5])
  }

  @Test func manifestLinesCarryDimensions() throws {
    var entry = ManifestEntry(
      id: "a", speaker: "s", dialog: "d", gender: .female, role: .speaker, label: "neutral", path: "", start: 0,
      end: 1.5, duration: 1.5, windows: 1, softLabel: [1])
    entry.dimensions = ["valence": 2, "arousal": 3.5]
    let line = try entry.jsonLine()
    #expect(line.hasSuffix(",\"soft_label\":[1.0],\"dimensions\":{\"arousal\":3.5,\"valence\":2.0}}"))
    let back = try ManifestEntry(jsonLine: Substring(line), file: "m.jsonl", line: 1)
    #expect(back == entry)
    entry.dimensions = nil
    #expect(!(try entry.jsonLine()).contains("dimensions"))
    let bad = line.replacingOccurrences(of: "3.5", with: "\"high\"")
    let error = #expect(throws: LocatedError.self) {
      try ManifestEntry(jsonLine: Substring(bad), file: "m.jsonl", line: 4)
    }
    #expect(
      error?.description
        == "m.jsonl:4: field \"dimensions\" holds arousal: \"high\" (expected an object of dimension names and numbers)"
    )
  }
}
