import EmoSupport
import Foundation
import Readers
import TestSupport
import Testing

@testable import EmoCorpus

/// Tables with numeric rating columns (`--dimensions`, `--scale`).
@Suite struct TableDimensionsTests {
  static let table = """
    path,speaker,label,coder,Act,Val
    a.wav,s1,anger,c1,6.5,2
    a.wav,s1,anger,c2,6,
    b.wav,s2,neutral,c1,9,4
    b.wav,s2,neutral,c2,high,4.5
    """

  static func layout(scale: [Double]? = [1, 7]) -> TableLayout {
    var layout = TableLayout()
    layout.dimensions = ["arousal": "Act", "valence": "Val"]
    layout.scale = scale
    return layout
  }

  @Test func readsRatingsAndAccountsForTheRest() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let file = try folder.write("corpus.csv", Self.table)
    let corpus = try TableReader(layout: Self.layout()).read(root: file)
    #expect(corpus.segments.count == 2)
    #expect(corpus.faults.isEmpty)
    #expect(
      corpus.dimensionScales == [
        DimensionScale(name: "arousal", min: 1, max: 7), DimensionScale(name: "valence", min: 1, max: 7),
      ])
    let a = corpus.segments[0].annotations.filter { $0.kind == .dimensional }
    #expect(a.map(\.coder) == ["c1", "c2"])
    #expect(a[0].dimensions == Dimensions(["arousal": 6.5, "valence": 2]))
    #expect(a[1].dimensions == Dimensions(["arousal": 6]))
    // Categorical annotations are unchanged: one per row.
    #expect(corpus.segments[0].annotations.filter { $0.kind == .categorical }.count == 2)
    let b = corpus.segments[1].annotations.filter { $0.kind == .dimensional }
    #expect(b[0].dimensions == Dimensions(["valence": 4]))
    #expect(b[1].dimensions == Dimensions(["valence": 4.5]))
    #expect(corpus.readerCounts["out_of_scale_ratings"] == 1)
    #expect(corpus.readerCounts["unreadable_ratings"] == 1)
    #expect(corpus.readerCounts["missing_ratings"] == 1)
    let outside = try #require(corpus.ratingExclusions.first { $0.reason == "out_of_scale" })
    #expect(outside.origin == Origin(file: file, line: 4))
    #expect(outside.segment == "b" && outside.coder == "c1" && outside.text == "9")
    // The consensus is the raters' mean.
    #expect(corpus.consensusDimensions(corpus.segments[0]) == ["arousal": 6.25, "valence": 2])
  }

  @Test func strictStopsAtABadRating() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let file = try folder.write("corpus.csv", Self.table)
    let error = #expect(throws: LocatedError.self) {
      try TableReader(layout: Self.layout(), strict: true).read(root: file)
    }
    #expect(
      error?.description == "\(file):4: rating arousal 9 is outside the scale 1:7 (expected ratings inside --scale)")
  }

  @Test func oneLineErrorsNameTheFile() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let file = try folder.write("corpus.csv", Self.table)
    let backwards = #expect(throws: LocatedError.self) {
      try TableReader(layout: Self.layout(scale: [7, 1])).read(root: file)
    }
    #expect(
      backwards?.description
        == "\(file): scale 7.0:1.0 is backwards or empty (expected --scale MIN:MAX with MIN < MAX, such as 1:7)")
    var layout = Self.layout()
    layout.dimensions["dominance"] = "Dom"
    let missing = #expect(throws: LocatedError.self) { try TableReader(layout: layout).read(root: file) }
    #expect(
      missing?.description
        == "\(file):1: column Dom named by --dimensions dominance=Dom is not in the header (expected a column of the header: path, speaker, label, coder, Act, Val)"
    )
  }

  @Test func withoutAScaleTheRatingsSpanIt() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let file = try folder.write("corpus.csv", Self.table)
    let corpus = try TableReader(layout: Self.layout(scale: nil)).read(root: file)
    #expect(corpus.dimensionScales.first == DimensionScale(name: "arousal", min: 2, max: 9))
    #expect(corpus.readerCounts["out_of_scale_ratings"] == nil)
  }

  @Test func parsesTheOptions() throws {
    #expect(
      try TableLayout.parseDimensions("Arousal=EmoAct, valence=EmoVal").get() == [
        "arousal": "EmoAct", "valence": "EmoVal",
      ])
    #expect(throws: TableLayout.DimensionsProblem.self) { try TableLayout.parseDimensions("arousal").get() }
    #expect(throws: TableLayout.DimensionsProblem.self) { try TableLayout.parseDimensions("a=x,a=y").get() }
    #expect(try TableLayout.parseScale("1:7").get() == [1, 7])
    #expect(throws: TableLayout.DimensionsProblem.self) { try TableLayout.parseScale("1-7").get() }
  }
}
