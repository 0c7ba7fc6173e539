import Agreement
import EmoSupport
import Foundation
import Readers
import TestSupport
import Testing

@testable import EmoCorpus

/// MSP-Podcast trees in the three label forms: the consensus table (both spellings), the per-rater
/// table, the 1.x `labels.txt`.
@Suite struct MSPPodcastReaderTests {
  /// The golden per-rater table (scripts/dev/golden_msp_podcast.py) and its alpha values.
  static func golden() throws -> [String: Any] {
    let url = try #require(
      Bundle.module.url(forResource: "msp_podcast", withExtension: "json", subdirectory: "Fixtures/golden"))
    return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
  }

  static func tree(
    consensusName: String? = "labels_consensus.csv", consensus: String = MSPPodcastFixture.consensus,
    detailed: String? = nil, labelsText: String? = nil
  ) throws -> TemporaryDirectory {
    let folder = try TemporaryDirectory()
    try MSPPodcastFixture.write(
      to: folder.path, consensusName: consensusName, consensus: consensus, detailed: detailed, labelsText: labelsText)
    return folder
  }

  @Test(arguments: ["labels_consensus.csv", "labels_concensus.csv"])
  func readsTheConsensusTable(_ name: String) throws {
    let folder = try Self.tree(consensusName: name)
    defer { folder.remove() }
    let corpus = try MSPPodcastReader().read(root: folder.path)
    #expect(corpus.source == .mspPodcast)
    #expect(corpus.segments.count == 12)
    #expect(corpus.faults.isEmpty)
    let first = corpus.segments[0]
    #expect(first.id == "MSP-PODCAST_0001_0001")
    #expect(first.speaker == "127")
    #expect(first.corpusConsensus == "N")
    #expect(first.dimensions == ["arousal": 4.8, "valence": 4.4, "dominance": 2.6])
    #expect(first.extra["split_set"] == "Train")
    #expect(first.audio?.path == folder.path + "/Audios/MSP-PODCAST_0001_0001.wav")
    // One level of subfolders is searched for the audio.
    #expect(corpus.segments[8].audio?.path == folder.path + "/Audios/part3/MSP-PODCAST_0003_0001.wav")
    #expect(corpus.dimensionScales.map(\.name) == ["arousal", "valence", "dominance"])
    #expect(corpus.dimensionScales.allSatisfy { $0.min == 1 && $0.max == 7 })
    // X and O are kept as the corpus says them, marked for their drops.
    #expect(corpus.segments[4].corpusDrop == .noAgreement)
    #expect(corpus.segments[6].corpusDrop == .otherClass)
    #expect(corpus.segments.filter { $0.corpusDrop != nil }.count == 2)
    // Unknown speakers: one per file, never pooled.
    let unknown = corpus.segments.filter { $0.speaker.hasPrefix("Unknown_") }.map(\.speaker)
    #expect(
      unknown == ["Unknown_MSP-PODCAST_0001_0004", "Unknown_MSP-PODCAST_0002_0003", "Unknown_MSP-PODCAST_0003_0002"])
    #expect(corpus.readerCounts["unknown_speaker_files"] == 3)
    #expect(corpus.speakers.count == 6 + 3)
    #expect(corpus.speaker("128")?.gender == .female)
    #expect(corpus.speaker("Unknown_MSP-PODCAST_0003_0002")?.gender == .male)
    // Each file is its own dialog; transcripts of Podcast 1 attached (never printed).
    #expect(Set(corpus.dialogs.map(\.id)) == Set(corpus.segments.map(\.id)))
    #expect(corpus.readerCounts["transcripts_attached"] == 4)
    #expect(corpus.segments[0].extra[ContentKey.textField] == "words of file 1 here")
  }

  @Test func joinsThePerRaterTableAndMatchesTheKrippendorffPackage() throws {
    let golden = try Self.golden()
    let folder = try Self.tree(detailed: golden["labels_detailed_csv"] as? String)
    defer { folder.remove() }
    let corpus = try MSPPodcastReader().read(root: folder.path)
    #expect(corpus.segments.count == 12)
    #expect(corpus.faults.isEmpty)
    // The rater rows: a categorical and a dimensional annotation each.
    let rows = (golden["labels_detailed_csv"] as! String).split(separator: "\n").count - 1
    #expect(corpus.segments.flatMap(\.annotations).filter { $0.kind == .categorical }.count == rows)
    #expect(corpus.segments.flatMap(\.annotations).filter { $0.kind == .dimensional }.count == rows)
    #expect(corpus.readerCounts["out_of_scale_ratings"] == 1)
    #expect(corpus.readerCounts["unreadable_ratings"] == 1)
    // `Other-bored` is the label Other, its text a note; a list of secondary classes: the first is Minor.
    let other = try #require(corpus.segments[0].annotations.first { $0.major == "Other" })
    #expect(other.note == "other: bored")
    let listed = try #require(
      corpus.segments[1].annotations.first { $0.coder == "WORKER00103" && $0.kind == .categorical })
    #expect(listed.major == "Angry" && listed.minor == "Sad" && listed.note == "secondary: Sad, Neutral")
    let agreement = try #require(corpus.dimensionAgreement(corpus.segments))
    let reference = golden["dimensions"] as! [String: [String: Any]]
    for name in ["arousal", "valence", "dominance"] {
      let mine = try #require(agreement[name])
      let ref = try #require(reference[name])
      #expect(mine.ratings == (ref["ratings"] as! NSNumber).intValue, "\(name) ratings")
      #expect(close(mine.alphaInterval.value, goldenDouble(ref["alpha_interval"]), 1e-9), "\(name) interval")
      #expect(close(mine.alphaOrdinal.value, goldenDouble(ref["alpha_ordinal"]), 1e-9), "\(name) ordinal")
    }
  }

  @Test func readsThePerRaterTableAlone() throws {
    let golden = try Self.golden()
    let folder = try Self.tree(consensusName: nil, detailed: golden["labels_detailed_csv"] as? String)
    defer { folder.remove() }
    let corpus = try MSPPodcastReader().read(root: folder.path)
    #expect(corpus.segments.count == 12)
    #expect(corpus.segments.allSatisfy { $0.corpusConsensus == nil && $0.dimensions.isEmpty })
    // No speaker column: every file is a speaker of its own.
    #expect(corpus.readerCounts["unknown_speaker_files"] == 12)
    #expect(Set(corpus.segments.map(\.speaker)).count == 12)
    // The consensus value is the raters' mean.
    let first = corpus.segments[0]
    let arousal = first.annotations.compactMap { $0.dimensions?["arousal"] }
    #expect(close(corpus.consensusDimensions(first)["arousal"], arousal.reduce(0, +) / Double(arousal.count), 1e-12))
  }

  @Test func aRenamedRaterColumnIsReadThroughColumns() throws {
    let detailed = """
      FileName,Annotator,EmoClass_Major,EmoClass_Second,EmoAct,EmoVal,EmoDom
      MSP-PODCAST_0001_0001.wav,w1,Neutral,,4,4,4
      MSP-PODCAST_0001_0001.wav,w2,Neutral,,5,4,3

      """
    let folder = try Self.tree(detailed: detailed)
    defer { folder.remove() }
    // "Annotator" is among the rater headers known without --columns; a header of another name needs it.
    #expect(try MSPPodcastReader().read(root: folder.path).coders == ["w1", "w2"])
    try Data(detailed.replacingOccurrences(of: "Annotator", with: "Judge").utf8).write(
      to: URL(fileURLWithPath: folder.path + "/Labels/labels_detailed.csv"))
    let missing = #expect(throws: LocatedError.self) { try MSPPodcastReader().read(root: folder.path) }
    #expect(missing?.description.contains("labels_detailed.csv:1: missing column a rater id (WorkerID)") == true)
    let corpus = try MSPPodcastReader(columns: ["worker": "Judge"]).read(root: folder.path)
    #expect(corpus.coders == ["w1", "w2"])
  }

  @Test func readsThe1xLabelsText() throws {
    let folder = try Self.tree(consensusName: nil, labelsText: MSPPodcastFixture.labelsText)
    defer { folder.remove() }
    let corpus = try MSPPodcastReader().read(root: folder.path)
    #expect(corpus.segments.map(\.id) == ["MSP-PODCAST_0001_0001", "MSP-PODCAST_0001_0002", "MSP-PODCAST_0001_0003"])
    #expect(corpus.faults.isEmpty)
    let first = corpus.segments[0]
    #expect(first.corpusConsensus == "N")
    #expect(first.dimensions == ["arousal": 2.2, "valence": 4, "dominance": 2.6])
    let raters = first.annotations.filter { $0.kind == .categorical }
    #expect(raters.map(\.coder) == ["WORKER00014566", "WORKER00014567", "WORKER00014568"])
    #expect(
      raters[0].major == "Neutral" && raters[0].minor == "Neutral"
        && raters[0].note == "other: calm; secondary: Neutral, Other")
    #expect(raters[1].minor == nil)
    let ratings = first.annotations.filter { $0.kind == .dimensional }
    #expect(ratings[0].dimensions == Dimensions(["arousal": 2, "valence": 4, "dominance": 3]))
    // V:9 is outside 1-7: left out, the rater's other ratings kept.
    #expect(ratings[2].dimensions == Dimensions(["arousal": 1, "dominance": 3]))
    #expect(corpus.readerCounts["out_of_scale_ratings"] == 1)
    let outside = try #require(corpus.ratingExclusions.first)
    #expect(outside.origin.line == 4 && outside.coder == "WORKER00014568" && outside.text == "9.000000")
    #expect(corpus.segments[1].corpusDrop == .noAgreement)
    // A file line without D: has no dominance consensus; a rater line without ratings rates nothing.
    #expect(corpus.segments[2].dimensions == ["arousal": 6, "valence": 2])
    #expect(corpus.readerCounts["unknown_speaker_files"] == 3)
  }

  @Test func aFaultyItemIsDroppedWithItsLocation() throws {
    let consensus =
      MSPPodcastFixture.consensus
      + "MSP-PODCAST_0001_0001.wav,N,4,4,4,127,Male,Train\n,N,4,4,4,127,Male,Train\n"
    let detailed = """
      FileName,WorkerID,EmoClass_Major,EmoClass_Second,EmoAct,EmoVal,EmoDom
      MSP-PODCAST_0001_0001.wav,w1,Neutral,,4,4,4
      MSP-PODCAST_0009_0009.wav,w1,Neutral,,4,4,4
      MSP-PODCAST_0001_0001.wav,w1,Happy,,5,5,5

      """
    let text = MSPPodcastFixture.labelsText + "MSP-PODCAST_0001_0004.wav\nWORKER1; Sad; ; A:1;\n"
    let folder = try Self.tree(consensus: consensus, detailed: detailed)
    defer { folder.remove() }
    let corpus = try MSPPodcastReader().read(root: folder.path)
    #expect(corpus.segments.count == 12)
    let labels = folder.path + "/Labels/"
    #expect(
      corpus.faults.map(\.description) == [
        "\(labels)labels_consensus.csv:14: MSP-PODCAST_0001_0001.wav is listed twice (first at line 2) (expected each file once)",
        "\(labels)labels_consensus.csv:15: empty FileName (expected a file name in every row)",
        "\(labels)labels_detailed.csv:3: rater row of MSP-PODCAST_0009_0009.wav, which the consensus table does not list (expected rater rows of the files in labels_consensus.csv)",
        "\(labels)labels_detailed.csv:4: rater w1 rates MSP-PODCAST_0001_0001 twice (first at line 2) (expected one row per rater and file)",
      ])
    #expect(Set(corpus.itemIDs).count == corpus.itemIDs.count)
    let textFolder = try Self.tree(consensusName: nil, labelsText: text)
    defer { textFolder.remove() }
    let fromText = try MSPPodcastReader().read(root: textFolder.path)
    #expect(fromText.segments.count == 3)
    #expect(
      fromText.faults.map(\.description) == [
        "\(textFolder.path)/Labels/labels.txt:13: file line without a class (expected NAME.wav; CLASS; A:value; V:value; D:value;)"
      ])
  }

  /// Found by the msp-podcast fuzz target: a labels.txt line of a lone `;` crashed the reader.
  @Test func aLineOfSeparatorsOnlyIsAFaultyItem() throws {
    let folder = try Self.tree(
      consensusName: nil, labelsText: ";\n" + MSPPodcastFixture.labelsText + "MSP-PODCAST_0001_0004.wav; N;\n;\n")
    defer { folder.remove() }
    let corpus = try MSPPodcastReader().read(root: folder.path)
    #expect(corpus.segments.count == 3)
    let text = folder.path + "/Labels/labels.txt"
    #expect(
      corpus.faults.map(\.description) == [
        "\(text):1: rater line before any file line (expected a file line such as MSP-PODCAST_0001_0008.wav; N; A:2.2; V:4.0; D:2.6; first)",
        "\(text):15: rater line without a rater id and a primary class (expected WORKER_ID; Primary; Secondary,…; A:value; V:value; D:value;)",
      ])
  }

  @Test func strictStopsAtARatingOutsideTheScale() throws {
    let consensus = MSPPodcastFixture.consensus.replacingOccurrences(of: "N,4.8,4.4", with: "N,8.8,4.4")
    let folder = try Self.tree(consensus: consensus)
    defer { folder.remove() }
    let kept = try MSPPodcastReader().read(root: folder.path)
    #expect(kept.segments[0].dimensions == ["valence": 4.4, "dominance": 2.6])
    #expect(kept.readerCounts["out_of_scale_ratings"] == 1)
    let error = #expect(throws: LocatedError.self) { try MSPPodcastReader(strict: true).read(root: folder.path) }
    #expect(
      error?.description
        == "\(folder.path)/Labels/labels_consensus.csv:2: rating arousal 8.8 is outside the scale 1:7 (expected ratings from 1 to 7)"
    )
    let text = MSPPodcastFixture.labelsText
    let textFolder = try Self.tree(
      consensusName: nil, labelsText: text.replacingOccurrences(of: "V:4.000000; D:3", with: "V:high; D:3"))
    defer { textFolder.remove() }
    let notANumber = #expect(throws: LocatedError.self) {
      try MSPPodcastReader(strict: true).read(root: textFolder.path)
    }
    #expect(
      notANumber?.description
        == "\(textFolder.path)/Labels/labels.txt:2: rating valence 'high' is not a number (expected a number from 1 to 7, or an empty value)"
    )
  }

  @Test func aTreeWithoutLabelsIsAOneLineError() throws {
    let folder = try Self.tree(consensusName: nil)
    defer { folder.remove() }
    let error = #expect(throws: LocatedError.self) { try MSPPodcastReader().read(root: folder.path) }
    let labels = folder.path + "/Labels"
    #expect(
      error?.description
        == "\(labels): no labels file (looked for \(labels)/labels_consensus.csv, labels_concensus.csv, labels_detailed.csv and labels.txt) (expected an MSP-Podcast release: Labels/labels_consensus.csv (or labels_concensus.csv), Labels/labels_detailed.csv or Labels/labels.txt)"
    )
    #expect(error?.description.contains("\n") == false)
  }

  @Test func noAgreementAndOtherAreDropsOfTheirOwnUnlessRatersDecide() throws {
    let golden = try Self.golden()
    let folder = try Self.tree(detailed: golden["labels_detailed_csv"] as? String)
    defer { folder.remove() }
    let corpus = try MSPPodcastReader().read(root: folder.path)
    let task = try TaskDefinition.load("msp-podcast-8")
    let hard = try Normalizer(task: task).normalize(corpus)
    #expect(hard[4].drop?.reason == .noAgreement && hard[4].drop?.detail == "corpus consensus 'X'")
    #expect(hard[6].drop?.reason == .otherClass)
    #expect(hard.filter { $0.drop == nil }.count == 10)
    // With the raters' distribution kept, their labels decide by the soft rule (Major 2, Minor 1).
    let soft = try Normalizer(task: task, keepRaterDistribution: true).normalize(corpus)
    let expected = Normalizer.softConsensus(soft[4].annotations)
    switch expected {
    case .agreed(let canonical): #expect(soft[4].consensus == canonical)
    case .none: #expect(soft[4].drop?.reason == .noConsensus)
    }
    #expect(soft[4].drop?.reason != .noAgreement)
  }
}
