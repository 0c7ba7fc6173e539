import EmoSupport
import Foundation
import Readers
import TestSupport
import Testing

@testable import EmoCorpus

/// The comparison key of what a segment says, and the readers that attach transcripts and codes.
@Suite struct ContentKeyTests {
  /// Inputs → normalized forms, worked by hand from the rule: lower case, only letters, digits and
  /// white space kept, white space collapsed to one space, trimmed.
  @Test(arguments: [
    ("Excuse me.", "excuse me"),
    ("  Do you have your   forms?\t", "do you have your forms"),
    ("[LAUGHTER] Yeah, right!", "laughter yeah right"),
    ("It's 9 o'clock", "its 9 oclock"),
    ("Größe ÜBER alles", "größe über alles"),
    ("---", ""),
    ("a\nb\r\nc", "a b c"),
  ])
  func normalization(input: String, expected: String) {
    #expect(ContentKey.normalize(input) == expected)
  }

  @Test func minWordsAndSentenceCodes() {
    #expect(ContentKey.words("") == 0)
    #expect(ContentKey.words("do you have") == 3)
    #expect(ContentKey.key(sentence: nil, text: "Yeah.") == nil)
    #expect(ContentKey.key(sentence: nil, text: "Okay, okay.") == nil)
    #expect(ContentKey.key(sentence: nil, text: "Okay, okay, okay.") == "t:okay okay okay")
    #expect(ContentKey.key(sentence: nil, text: "Okay, okay.", minWords: 2) == "t:okay okay")
    // A sentence code always counts, whatever its length, and wins over a text.
    #expect(ContentKey.key(sentence: "a01", text: "yeah") == "s:a01")
    #expect(ContentKey.key(sentence: nil, text: nil) == nil)
    let segment = Segment(
      id: "x", dialog: "d", speaker: "s", origin: Origin(file: "f"), extra: ["text": "Where are you going?"])
    #expect(ContentKey.key(of: segment) == "t:where are you going")
  }

  @Test func iemocapTranscriptionLines() {
    let parsed = IEMOCAPTranscriptions.parse("Ses01F_script01_1_F000 [006.2901-008.2357]: Excuse me.")
    #expect(parsed?.turn == "Ses01F_script01_1_F000")
    #expect(parsed?.text == "Excuse me.")
    #expect(IEMOCAPTranscriptions.parse("M: breathing") == nil)
    #expect(IEMOCAPTranscriptions.parse("Ses01F_script01_1_MXX0 [GARBAGE]") == nil)
    #expect(IEMOCAPTranscriptions.parse("Ses01M_impro01_F001 [010.1-011.2]:")?.text == "")
  }

  /// An IEMOCAP tree with one dialog, its evaluation file and its transcription file.
  @Test func iemocapReaderAttachesTranscriptions() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    try tmp.write(
      "Session1/dialog/EmoEvaluation/Ses01F_script01_1.txt",
      """
      % [START_TIME - END_TIME] TURN_NAME EMOTION [V, A, D]

      [6.2901 - 8.2357]\tSes01F_script01_1_F000\tneu\t[2.5000, 2.5000, 2.5000]
      C-E2:\tNeutral;\t()
      C-E3:\tNeutral;\t()

      [8.9000 - 10.1000]\tSes01F_script01_1_M000\tang\t[2.0000, 3.5000, 3.5000]
      C-E2:\tAnger;\t()
      C-E3:\tAnger;\t()

      """)
    try tmp.write(
      "Session1/dialog/transcriptions/Ses01F_script01_1.txt",
      """
      Ses01F_script01_1_F000 [006.2901-008.2357]: Excuse me.
      Ses01F_script01_1_M000 [008.9000-010.1000]: Do you have your forms?
      Ses01F_script01_1_MXX0 [010.2000-011.0000]: Yeah.
      """)
    let corpus = try IEMOCAPReader().read(root: tmp.path)
    #expect(corpus.segments.map { $0.extra["text"] } == ["Excuse me.", "Do you have your forms?"])
    #expect(corpus.readerCounts["transcribed_turns"] == 2)
    #expect(corpus.inputFiles.contains { $0.path.hasSuffix("transcriptions/Ses01F_script01_1.txt") })
    #expect(corpus.segments.map { ContentKey.key(of: $0) } == [nil, "t:do you have your forms"])
  }

  @Test func tableTextAndSentenceColumns() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let path = try tmp.write(
      "t.csv",
      """
      file,speaker,label,utterance,code
      a.wav,s1,anger,"Kids are talking, by the door",01
      b.wav,s2,neutral,,02
      """)
    let layout = TableLayout(columns: ["path": "file", "text": "utterance", "sentence": "code"])
    let corpus = try TableReader(layout: layout).read(root: path)
    #expect(corpus.segments.map { $0.extra["text"] } == ["Kids are talking, by the door", nil])
    #expect(corpus.segments.map { $0.extra["sentence"] } == ["01", "02"])
    #expect(corpus.segments.allSatisfy { $0.extra["utterance"] == nil })
  }

  @Test func transcriptsFolderOnePerAudioStem() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    try tmp.write("Transcripts/MSP-PODCAST_0001_0008.txt", "Well I think\nthat is right\n")
    try tmp.write("Transcripts/._MSP-PODCAST_0001_0009.txt", "hidden")
    var corpus = Corpus(
      name: "c", source: .table, root: tmp.path,
      segments: ["MSP-PODCAST_0001_0008", "MSP-PODCAST_0001_0009"].map {
        Segment(
          id: $0, dialog: $0, speaker: "s", audio: AudioRef(path: tmp.path + "/Audios/\($0).wav"),
          origin: Origin(file: "x"))
      })
    let result = try TranscriptFolder.attach(folder: tmp.path + "/Transcripts", to: &corpus)
    #expect(result.attached == 1)
    #expect(result.missing == 1)
    #expect(corpus.segments[0].extra["text"] == "Well I think that is right")
    #expect(corpus.segments[1].extra["text"] == nil)
    #expect(corpus.inputFiles.count == 1)
    #expect(throws: LocatedError.self) { try TranscriptFolder.attach(folder: tmp.path + "/none", to: &corpus) }
  }
}
