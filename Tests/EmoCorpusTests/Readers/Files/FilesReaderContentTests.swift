import EmoSupport
import Foundation
import Readers
import TestSupport
import Testing

@testable import EmoCorpus

/// Sentence codes from file names, same-named copies nested in a corpus, and CREMA-D's older `_X`.
@Suite struct FilesReaderContentTests {
  static func read(_ folder: TemporaryDirectory, preset: String) throws -> Corpus {
    try FilesReader(layout: FileReaderOptions(preset: preset).layout()).read(root: folder.path)
  }

  /// The most downloaded TESS copy holds the whole corpus twice: once at the top, once inside a
  /// lower-case folder. The files are byte-identical: read under their path, no abort.
  @Test func tessNestedCopyReadsAsOneCorpusWithDuplicates() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let outer = "TESS Toronto emotional speech set data"
    let inner = "tess toronto emotional speech set data/TESS Toronto emotional speech set data"
    let files = ["OAF_angry/OAF_back_angry.wav", "OAF_Sad/OAF_bath_sad.wav", "YAF_fear/YAF_back_fear.wav"]
    for (index, file) in files.enumerated() {
      try folder.write("\(outer)/\(file)", "audio \(index)")
      try folder.write("\(inner)/\(file)", "audio \(index)")
    }
    let corpus = try Self.read(folder, preset: "tess")
    #expect(corpus.segments.count == 6)
    #expect(corpus.segments.prefix(3).map(\.id) == ["OAF_bath_sad", "OAF_back_angry", "YAF_back_fear"])
    #expect(
      corpus.segments[3].id
        == "tess toronto emotional speech set data_TESS Toronto emotional speech set data_OAF_Sad_OAF_bath_sad")
    #expect(corpus.readerCounts["same_file_at_two_paths"] == 3)
    #expect(
      corpus.notes.contains { $0.hasPrefix("3 audio files have the name and the bytes of a file at another path") })
    // The word is the sentence: both copies say it.
    #expect(corpus.segments.map { $0.extra["sentence"]! } == ["bath", "back", "back", "bath", "back", "back"])
    let hashes = Dictionary(
      uniqueKeysWithValues: try corpus.segments.map { ($0.id, try AudioFileHash.of(fileAt: $0.audio!.path)) })
    #expect(DuplicateAudio.groups(hashes, order: corpus.segments.map(\.id)).count == 3)
  }

  /// Two different files with one id cannot be told apart: still an error naming both.
  @Test func differentFilesWithOneIDStayAnError() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try folder.write("a/OAF_angry/OAF_back_angry.wav", "one take")
    try folder.write("b/OAF_angry/OAF_back_angry.wav", "another take")
    #expect(throws: LocatedError.self) { try Self.read(folder, preset: "tess") }
  }

  /// Older CREMA-D copies name one file with level X (`1040_ITH_SAD_X.wav`, later `_XX`).
  @Test func cremaDOlderLevelX() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    for name in ["1040_ITH_SAD_X.wav", "1001_DFA_ANG_XX.wav", "1001_IEO_HAP_HI.wav"] {
      try folder.write("AudioWAV/\(name)", name)
    }
    let corpus = try Self.read(folder, preset: "crema-d")
    #expect(corpus.segments.map(\.id) == ["1001_DFA_ANG_XX", "1001_IEO_HAP_HI", "1040_ITH_SAD_X"])
    #expect(corpus.segments.map { $0.extra["sentence"]! } == ["DFA", "IEO", "ITH"])
    #expect(corpus.segments[2].extra["level"] == "X")
    #expect(corpus.segments[2].corpusConsensus == "sadness")
    #expect(corpus.fileScan?.unmatched == [])
  }

  /// Every preset whose names carry a sentence captures it as `sentence`; SAVEE's numbers are not sentences.
  @Test(arguments: [
    ("emodb", "wav/03a01Fa.wav", "a01"),
    ("ravdess", "Actor_01/03-01-05-01-02-01-01.wav", "02"),
    ("tess", "OAF_angry/OAF_back_angry.wav", "back"),
    ("ased", "05Angry/a5-07-02-02-65.wav", "07"),
    ("turev", "Sound Source/Angry/1157_kz_acik.wav", "acik"),
    ("crema-d", "AudioWAV/1001_DFA_ANG_XX.wav", "DFA"),
  ])
  func presetSentenceGroups(preset: String, path: String, sentence: String) throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try folder.write(path, "x")
    let corpus = try Self.read(folder, preset: preset)
    #expect(corpus.segments.first?.extra["sentence"] == sentence)
  }

  @Test func saveeNumbersAreNoSentence() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try folder.write("AudioData/DC/a01.wav", "x")
    let corpus = try Self.read(folder, preset: "savee")
    #expect(corpus.segments.first?.extra["sentence"] == nil)
    #expect(corpus.segments.first?.extra["number"] == "01")
  }
}
