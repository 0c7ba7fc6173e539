import EmoCorpus
import Foundation
import Readers
import TestSupport
import Testing

@testable import Synth

/// Every layout read back through its product reader and the label normalizer gives the counts
/// the generator reports.
@Suite struct ReadBackTests {
  struct ReadBack {
    var corpus: Corpus
    var labeled: [LabeledSegment]
  }

  func read(_ options: SynthOptions, reader: any CorpusReader, task: String) throws -> (SynthReport, ReadBack) {
    let report = try CorpusSynthesizer.generate(options)
    let corpus = try reader.read(root: report.root)
    let labeled = try Normalizer(task: TaskDefinition.load(task)).normalize(corpus)
    return (report, ReadBack(corpus: corpus, labeled: labeled))
  }

  /// Compares everything the report counts with what was read, the task view chosen by `inTask`.
  func expectMatches(
    _ report: SynthReport, _ back: ReadBack, inTask: (Segment) -> Bool,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let corpus = back.corpus
    #expect(corpus.segments.count == report.segments, sourceLocation: sourceLocation)
    #expect(corpus.speakers.count == report.speakers, sourceLocation: sourceLocation)
    #expect(corpus.dialogs.count == report.dialogs, sourceLocation: sourceLocation)
    // A CEMO coder's ratings are a rating annotation beside their labels; the report counts the
    // coders' annotation elements.
    let written = corpus.segments.reduce(0) { total, segment in
      total + segment.annotations.filter { !(corpus.source == .cemo && $0.kind == .dimensional) }.count
    }
    #expect(written == report.annotations, sourceLocation: sourceLocation)
    #expect(
      back.labeled.filter { $0.drop?.reason == .noConsensus }.count == report.noConsensus,
      sourceLocation: sourceLocation)
    var counts: [String: Int] = [:]
    var classesBySpeaker: [String: Set<String>] = [:]
    for item in back.labeled where inTask(item.segment) {
      guard let label = item.label else { continue }
      counts[label, default: 0] += 1
      classesBySpeaker[item.segment.speaker, default: []].insert(label)
    }
    #expect(counts == report.taskClassCounts, sourceLocation: sourceLocation)
    #expect(classesBySpeaker.count == report.taskSpeakers, sourceLocation: sourceLocation)
    let neutral = report.layout == .cemo ? "Neutral" : "neutral"
    #expect(
      classesBySpeaker.values.filter { $0 == [neutral] }.count == report.taskSpeakersOnlyNeutral,
      sourceLocation: sourceLocation)
  }

  /// Every segment's audio exists and is long enough for the segment's span.
  func expectAudio(_ corpus: Corpus, rate: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
    var lengths: [String: Double] = [:]
    for segment in corpus.segments {
      guard let audio = segment.audio else {
        Issue.record("segment \(segment.id) has no audio", sourceLocation: sourceLocation)
        continue
      }
      if lengths[audio.path] == nil {
        let wav = try TestWAV(path: audio.path)
        #expect(wav.sampleRate == rate, sourceLocation: sourceLocation)
        lengths[audio.path] = wav.seconds
      }
      let end = audio.end ?? segment.span.map { audio.start + $0.duration } ?? 0
      #expect(end <= lengths[audio.path]! + 1e-4, sourceLocation: sourceLocation)
    }
  }

  @Test func cemoReadsBackThroughTheXMLReader() throws {
    let dir = try TemporaryDirectory("synth-readback")
    defer { dir.remove() }
    let (report, back) = try read(
      SynthOptions(layout: .cemo, outputDirectory: dir.path + "/c", speakers: 14, dialogs: 10),
      reader: CEMOXMLReader(), task: "cemo-4")
    let roles = back.corpus.speakersByID.mapValues(\.role)
    expectMatches(report, back) { roles[$0.speaker] == .caller }
    #expect(back.corpus.speakers.filter { $0.role == .agent }.count == report.agents)
    try expectAudio(back.corpus, rate: 8000)
  }

  @Test func cemoPaperPresetReadsBackWithThePapersCounts() throws {
    let dir = try TemporaryDirectory("synth-readback")
    defer { dir.remove() }
    let (report, back) = try read(
      SynthOptions(layout: .cemo, outputDirectory: dir.path + "/c", writeAudio: false, preset: .cemoPaper),
      reader: CEMOXMLReader(), task: "cemo-4")
    let roles = back.corpus.speakersByID.mapValues(\.role)
    expectMatches(report, back) { roles[$0.speaker] == .caller }
    #expect(report.taskSpeakers == 807 && report.taskSpeakersOnlyNeutral == 322)
    #expect(report.taskClassCounts == ["Anger": 672, "Fear": 312, "Positive": 459, "Neutral": 5488])
    #expect(report.taskSegmentsAfterNeutralExclusion == 4825 && report.taskDialogsAfterNeutralExclusion == 440)
    #expect(abs(report.taskNonNeutralShare - 0.208) < 0.01)
    #expect(report.noConsensus > 0 && report.agents > 1 && report.callers > 807)
    // Fig. 3: 778 of the 807 callers have at least one Neutral segment.
    let withNeutral = Set(
      back.labeled.filter { $0.label == "Neutral" && roles[$0.segment.speaker] == .caller }.map(\.segment.speaker))
    #expect(withNeutral.count == 778)
  }

  @Test func iemocapReadsBackThroughTheIEMOCAPReader() throws {
    let dir = try TemporaryDirectory("synth-readback")
    defer { dir.remove() }
    let (report, back) = try read(
      SynthOptions(layout: .iemocap, outputDirectory: dir.path + "/i", speakers: 4, dialogs: 4),
      reader: IEMOCAPReader(), task: "iemocap-4")
    expectMatches(report, back) { $0.extra["subset"] == "improvised" }
    // The speaker comes from the turn name's last field: one female and one male per session.
    #expect(Set(back.corpus.speakers.map(\.id)) == ["Ses01F", "Ses01M", "Ses02F", "Ses02M"])
    try expectAudio(back.corpus, rate: 16000)
  }

  @Test func iemocapPaperPresetReadsBackWithTheReleasesCounts() throws {
    let dir = try TemporaryDirectory("synth-readback")
    defer { dir.remove() }
    let (report, back) = try read(
      SynthOptions(layout: .iemocap, outputDirectory: dir.path + "/i", writeAudio: false, preset: .iemocapPaper),
      reader: IEMOCAPReader(), task: "iemocap-4")
    expectMatches(report, back) { $0.extra["subset"] == "improvised" }
    #expect(report.segments == 10039 && report.dialogs == 150 && report.noConsensus == 2507)
    #expect(report.taskClassCounts == ["neutral": 1099, "sadness": 608, "anger": 289, "happiness": 284])
    // iemocap-4-exc over all turns (exc merged into happiness): 5531 in the release.
    #expect(["neu", "sad", "ang", "hap", "exc"].reduce(0) { $0 + (report.classCounts[$1] ?? 0) } == 5531)
  }

  @Test func tableReadsBackThroughTheTableReader() throws {
    let dir = try TemporaryDirectory("synth-readback")
    defer { dir.remove() }
    let (report, back) = try read(
      SynthOptions(layout: .table, outputDirectory: dir.path + "/t", speakers: 4, dialogs: 3),
      reader: TableReader(), task: "iemocap-4")
    expectMatches(report, back) { _ in true }
    #expect(back.corpus.dialogs.contains { $0.id == "studio, take 2" })
    try expectAudio(back.corpus, rate: 16000)
  }
}
