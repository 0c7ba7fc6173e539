import EmoSupport
import Foundation
import TestSupport
import Testing

@testable import EmoCorpus
@testable import Folds
@testable import Readers

@Suite struct CatalogTests {
  /// The fixture corpus (10 IEMOCAP-shaped turns) read from a fresh tree.
  private func fixtureCorpus(_ folder: TemporaryDirectory) throws -> Corpus {
    try IEMOCAPFixture.write(to: folder.path + "/tree")
    return try IEMOCAPReader().read(root: folder.path + "/tree")
  }

  private func labeled(_ corpus: Corpus) -> [LabeledSegment] {
    corpus.segments.map { segment in
      let notes = segment.annotations.map {
        NormalizedAnnotation(
          coder: $0.coder, kind: $0.kind, rawMajor: $0.major, rawMinor: $0.minor, major: $0.major?.lowercased(),
          minor: nil)
      }
      let code = segment.corpusConsensus!
      return LabeledSegment(
        segment: segment, annotations: notes, consensus: code == "xxx" ? nil : code,
        label: ["neu", "ang", "sad", "hap"].contains(code) ? code : nil, drop: nil)
    }
  }

  @Test func schemaFileMatchesEmbeddedSchema() throws {
    let root = repositoryFile(".")
    let file = try String(contentsOf: root.appendingPathComponent("schemas/catalog.sql"), encoding: .utf8)
    #expect(file == CatalogSchema.sql + "\n", "run scripts/dev/embed-schemas.py after editing schemas/catalog.sql")
  }

  @Test func exampleQueriesOfTheSchemaRun() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let corpus = try fixtureCorpus(folder)
    let catalog = try Catalog(buildingIn: folder.path + "/out")
    try catalog.stage("read") { try $0.insert(corpus: corpus) }
    try catalog.stage("normalize") { try $0.insert(labels: labeled(corpus)) }
    try catalog.stage("select") { try $0.insert(drops: [Drop(segmentID: "Ses01F_impro01_F001", reason: .noConsensus)]) }
    // Each example is the indented comment block after its title in schemas/catalog.sql.
    let examples = CatalogSchema.sql.components(separatedBy: "-- Example queries")[1]
      .components(separatedBy: "\n--\n").compactMap { block -> String? in
        let sql = block.split(separator: "\n").filter { $0.hasPrefix("--   ") }.map { $0.dropFirst(5) }
          .joined(separator: " ")
        return sql.isEmpty ? nil : sql
      }
    #expect(examples.count == 8)
    for sql in examples { _ = try catalog.rows(sql) }
    #expect(try catalog.rows(examples[0]) == [[.text("no_consensus"), .integer(1)]])
  }

  @Test func refusesAMissingCatalog() throws {
    let error = #expect(throws: LocatedError.self) { try Catalog(opening: "/nonexistent/catalog.sqlite") }
    #expect(
      error?.description
        == "/nonexistent/catalog.sqlite: catalog not found (expected a catalog.sqlite written by emocorpus prep)")
  }

  @Test func roundTripsACorpus() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let corpus = try fixtureCorpus(folder)
    let out = folder.path + "/out"
    let catalog = try Catalog(buildingIn: out)
    try catalog.setMeta(key: "seed", value: "1")
    try catalog.stage("read") { try $0.insert(corpus: corpus) }
    try catalog.finish(to: out + "/" + Catalog.fileName)

    let read = try Catalog(opening: out + "/catalog.sqlite")
    #expect(try read.completedStages() == ["read"])
    #expect(try read.rows("SELECT value FROM meta WHERE key = 'seed'") == [[.text("1")]])
    #expect(
      try read.rows("SELECT name, source, root FROM corpora") == [
        [.text("iemocap"), .text("iemocap"), .text(corpus.root)]
      ])
    #expect(try read.count("SELECT COUNT(*) FROM corpus_notes") == 2)
    #expect(try read.count("SELECT COUNT(*) FROM input_files") == 4)
    #expect(try read.count("SELECT COUNT(*) FROM dialogs") == 4)
    #expect(try read.count("SELECT COUNT(*) FROM speakers") == 6)
    #expect(try read.count("SELECT COUNT(*) FROM segments") == 10)
    #expect(try read.count("SELECT COUNT(*) FROM annotations") == 27)
    // Rating values by dimension name, consensus values, scales and exclusions, as the corpus holds them.
    let ratings = corpus.segments.flatMap(\.annotations).filter { $0.kind == .dimensional }
      .reduce(0) { $0 + ($1.dimensions?.values.count ?? 0) }
    let consensus = corpus.segments.reduce(0) { $0 + corpus.consensusDimensions($1).count }
    #expect(ratings > 0 && consensus > 0)
    #expect(try read.count("SELECT COUNT(*) FROM ratings") == ratings)
    #expect(try read.count("SELECT COUNT(*) FROM segment_dimensions") == consensus)
    #expect(try read.count("SELECT COUNT(*) FROM dimension_scales") == 3)
    #expect(try read.count("SELECT COUNT(*) FROM rating_exclusions") == corpus.ratingExclusions.count)
    #expect(
      try read.count("SELECT changes FROM stages WHERE name = 'read'")
        == 1 + 2 + 4 + 4 + 6 + 10 + 27 + 3 + ratings + consensus + corpus.ratingExclusions.count)
    #expect(
      try read.rows(
        "SELECT speaker, json_extract(extra, '$.session'), start, end FROM segments WHERE id = ?",
        [.text("Ses03M_impro05a_F000")])
        == [[.text("Ses03F"), .text("3"), .real(0.5), .real(1.75)]])
    #expect(
      try read.rows(
        "SELECT valence, activation, dominance FROM annotations WHERE kind = 'dimensional' AND dominance IS NULL")
        == [[.real(2), .real(3), .null]])
    #expect(
      try read.rows(
        "SELECT major, additional, note, origin_line FROM annotations WHERE segment_id = ? AND seq = 1",
        [.text("Ses01F_impro01_M000")])
        == [[.text("Anger"), .text("[\"Frustration\",\"Other\"]"), .text("shouting"), .integer(20)]])
    let segmentHashes = try read.rows("SELECT sha256 FROM input_files ORDER BY path").map { $0[0].string! }
    #expect(segmentHashes == corpus.inputFiles.sorted { $0.path < $1.path }.map(\.sha256))
  }

  @Test func storesLabelsDropsFoldsAndFeatureEntries() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let corpus = try fixtureCorpus(folder)
    let catalog = try Catalog(buildingIn: folder.path + "/out")
    try catalog.stage("read") { try $0.insert(corpus: corpus) }
    try catalog.stage("normalize") { try $0.insert(labels: labeled(corpus)) }
    // One drop of each reason: the fixture's 10 segments, and items the reader could not make
    // segments of (not in `segments`: the drop names their place).
    let place = Origin(file: "/c/Ses01F_impro01.txt", line: 40)
    let ids =
      ["Ses01F_impro01.txt:40"] + corpus.segments.map(\.id)
      + (41..<(41 + DropReason.allCases.count - 11)).map { "Ses01F_impro01.txt:\($0)" }
    #expect(ids.count == DropReason.allCases.count)
    let drops = zip(ids, DropReason.allCases).map { id, reason in
      Drop(segmentID: id, reason: reason, detail: "d", origin: id.hasSuffix(":40") ? place : nil)
    }
    try catalog.stage("select") { try $0.insert(drops: drops) }
    try catalog.stage("folds") {
      try $0.insert(folds: [
        Fold(
          index: 1, train: ["Ses01F_impro01_F000"], val: [], test: ["Ses01F_impro01_M001"], trainSpeakers: [],
          valSpeakers: [], testSpeakers: [])
      ])
      try $0.insert(featureEntries: [("Ses01F_impro01_F000", "k1", 195, 1)])
    }
    #expect(try catalog.completedStages() == ["read", "normalize", "select", "folds"])
    #expect(try catalog.count("SELECT COUNT(*) FROM labels WHERE label IS NOT NULL") == 6)
    #expect(try catalog.count("SELECT COUNT(*) FROM labels WHERE consensus IS NULL") == 1)
    #expect(try catalog.count("SELECT COUNT(*) FROM normalized_annotations") == 27)
    #expect(
      try catalog.count("SELECT COUNT(DISTINCT reason) FROM drops WHERE stage = 'select'") == DropReason.allCases.count)
    #expect(
      try catalog.rows("SELECT origin_file, origin_line FROM drops WHERE segment_id = 'Ses01F_impro01.txt:40'")
        == [[.text("/c/Ses01F_impro01.txt"), .integer(40)]])
    #expect(drops[0].reason == .malformed)
    #expect(try catalog.drops(.malformed, limit: nil) == [drops[0]])
    #expect(
      try catalog.rows("SELECT split FROM folds WHERE fold = 1 ORDER BY split") == [[.text("test")], [.text("train")]])
    #expect(try catalog.rows("SELECT frames, windows FROM feature_entries") == [[.integer(195), .integer(1)]])
  }

  @Test func failedStageLeavesNoRowsOfThatStage() throws {
    struct Interrupted: Error {}
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let corpus = try fixtureCorpus(folder)
    let catalog = try Catalog(buildingIn: folder.path + "/out")
    try catalog.stage("read") { try $0.insert(corpus: corpus) }
    #expect(throws: Interrupted.self) {
      try catalog.stage("normalize") {
        try $0.insert(labels: labeled(corpus))
        try $0.insert(drops: [Drop(segmentID: "Ses01F_impro01_F001", reason: .noConsensus)])
        throw Interrupted()
      }
    }
    #expect(try catalog.count("SELECT COUNT(*) FROM labels") == 0)
    #expect(try catalog.count("SELECT COUNT(*) FROM normalized_annotations") == 0)
    #expect(try catalog.count("SELECT COUNT(*) FROM drops") == 0)
    #expect(try catalog.count("SELECT COUNT(*) FROM segments") == 10)
    #expect(try catalog.completedStages() == ["read"])
    // The stage can run again after the failure.
    try catalog.stage("normalize") { try $0.insert(labels: labeled(corpus)) }
    #expect(try catalog.completedStages() == ["read", "normalize"])
  }

  @Test func unfinishedCatalogNeverAppearsUnderFinalName() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let out = folder.path + "/out"
    let final = out + "/" + Catalog.fileName
    let partial = out + "/" + Catalog.partialName
    do {
      let catalog = try Catalog(buildingIn: out)
      try catalog.stage("read") { try $0.insert(corpus: try fixtureCorpus(folder)) }
      // Abandoned without finish(to:): the run was interrupted.
    }
    #expect(!FileManager.default.fileExists(atPath: final))
    #expect(FileManager.default.fileExists(atPath: partial))

    // A later run never trusts the partial file: it starts from an empty catalog.
    try Data("not a database".utf8).write(to: URL(fileURLWithPath: partial))
    let next = try Catalog(buildingIn: out)
    #expect(try next.count("SELECT COUNT(*) FROM segments") == 0)
    #expect(try next.completedStages() == [])
    try next.stage("read") { _ in }
    try next.finish(to: final)
    #expect(FileManager.default.fileExists(atPath: final))
    #expect(!FileManager.default.fileExists(atPath: partial))
    #expect(try Catalog(opening: final).completedStages() == ["read"])
  }

  @Test func reportsConstraintViolationsWithTheSQLAndRollsBackTheInserter() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let catalog = try Catalog(buildingIn: folder.path + "/out")
    try catalog.insert(corpus: try fixtureCorpus(folder))
    let twice = #expect(throws: LocatedError.self) {
      try catalog.insert(drops: [
        Drop(segmentID: "Ses01F_impro01_F000", reason: .subset),
        Drop(segmentID: "Ses01F_impro01_F000", reason: .role),
      ])
    }
    #expect(
      twice?.description
        == "\(catalog.path): SQLite error 1555 (UNIQUE constraint failed: drops.segment_id) in \"INSERT INTO drops (segment_id, reason, detail, stage, origin_file, origin_lin...\""
    )
    #expect(try catalog.count("SELECT COUNT(*) FROM drops") == 0)
    let unknown = #expect(throws: LocatedError.self) {
      try catalog.insert(folds: [
        Fold(
          index: 1, train: [], val: [], test: ["no-such-segment"], trainSpeakers: [], valSpeakers: [], testSpeakers: [])
      ])
    }
    #expect(unknown?.description.contains("SQLite error 787 (FOREIGN KEY constraint failed)") == true)
    #expect(throws: LocatedError.self) {
      try catalog.stage("read") { _ in }
      try catalog.stage("read") { _ in }
    }
    #expect(try catalog.completedStages() == ["read"])
  }

  @Test func refusesUseAfterFinish() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let catalog = try Catalog(buildingIn: folder.path)
    try catalog.finish(to: folder.path + "/catalog.sqlite")
    let error = #expect(throws: LocatedError.self) { try catalog.setMeta(key: "a", value: "b") }
    #expect(error?.description == "\(catalog.path): catalog already finished or closed")
  }
}
