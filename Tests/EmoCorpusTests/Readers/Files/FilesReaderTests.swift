import EmoSupport
import Foundation
import TestSupport
import Testing

@testable import EmoCorpus
@testable import Readers

/// The files reader on trees laid out exactly as each public corpus is distributed (empty files:
/// the reader reads names only), odd cases of real copies included.
@Suite struct FilesReaderTests {
  /// Creates empty files at `paths` under `folder`.
  static func tree(_ folder: TemporaryDirectory, _ paths: [String]) throws {
    for path in paths { try folder.write(path, "") }
  }

  static func read(_ folder: TemporaryDirectory, preset: String) throws -> Corpus {
    try FilesReader(layout: FileReaderOptions(preset: preset).layout()).read(root: folder.path)
  }

  static func labels(_ corpus: Corpus) -> [String: String] {
    Dictionary(uniqueKeysWithValues: corpus.segments.map { ($0.id, $0.corpusConsensus ?? "") })
  }

  static func genders(_ corpus: Corpus) -> [String: Gender] {
    Dictionary(uniqueKeysWithValues: corpus.speakers.map { ($0.id, $0.gender) })
  }

  @Test func emodbTreeWithHiddenFilesUpperCaseExtensionsAndExtraFolders() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try Self.tree(
      folder,
      [
        "wav/03a01Fa.wav", "wav/08b02Tb.wav", "wav/16a07Lc.WAV", "wav/._03a01Fa.wav", "wav/.DS_Store",
        "wav/notes.txt", "copies/deeper/10a04Wa.wav", "wav/readme.wav", ".hidden-folder/03a02Na.wav",
      ])
    let corpus = try Self.read(folder, preset: "emodb")
    #expect(corpus.source == .files)
    #expect(corpus.name == "emodb")
    #expect(corpus.root == folder.path)
    // Sorted by path: copies/ before wav/.
    #expect(corpus.segments.map(\.id) == ["10a04Wa", "03a01Fa", "08b02Tb", "16a07Lc"])
    #expect(
      Self.labels(corpus) == ["10a04Wa": "anger", "03a01Fa": "happiness", "08b02Tb": "sadness", "16a07Lc": "boredom"])
    #expect(
      Self.genders(corpus) == ["emodb-10": .male, "emodb-03": .male, "emodb-08": .female, "emodb-16": .female])
    let segment = corpus.segments[1]
    #expect(segment.speaker == "emodb-03")
    #expect(segment.dialog == "03a01Fa")
    #expect(segment.audio == AudioRef(path: folder.path + "/wav/03a01Fa.wav", start: 0, end: nil))
    #expect(segment.span == nil)
    #expect(segment.annotations.isEmpty)
    #expect(segment.extra == ["sentence": "a01", "version": "a"])
    #expect(segment.origin == Origin(file: folder.path + "/wav/03a01Fa.wav"))
    let scan = try #require(corpus.fileScan)
    #expect(scan.audioFiles == 5)
    #expect(scan.unmatched == ["wav/readme.wav"])
    #expect(scan.hidden == ["wav/._03a01Fa.wav"])
    #expect(scan.caseMismatched.isEmpty)
    #expect(scan.presetCounts?.found == FilePreset.Expected(files: 4, speakers: 4, labels: 4))
    #expect(scan.presetCounts?.complete == false)
    #expect(corpus.dialogs.map(\.id) == corpus.segments.map(\.id))
    #expect(corpus.inputFiles.count == 1)
  }

  @Test func ravdessSpeechFilesOddActorsMaleSongFilesUnmatched() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try Self.tree(
      folder,
      [
        "Actor_01/03-01-05-01-02-01-01.wav", "Actor_02/03-01-02-02-01-02-02.wav", "Actor_24/03-01-08-02-02-02-24.wav",
        "Actor_01/03-02-03-01-01-01-01.wav", "Actor_01/02-01-05-01-02-01-01.mp4",
      ])
    let corpus = try Self.read(folder, preset: "ravdess")
    #expect(corpus.segments.map(\.id) == ["03-01-05-01-02-01-01", "03-01-02-02-01-02-02", "03-01-08-02-02-02-24"])
    #expect(corpus.segments.map(\.corpusConsensus) == ["anger", "calm", "surprise"])
    #expect(Self.genders(corpus) == ["ravdess-01": .male, "ravdess-02": .female, "ravdess-24": .female])
    #expect(corpus.segments[1].extra["intensity"] == "02")
    #expect(corpus.segments[1].extra["sentence"] == "01")
    #expect(corpus.fileScan?.unmatched == ["Actor_01/03-02-03-01-01-01-01.wav"])
  }

  @Test func cremaDGendersFromTheDemographicsTable() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try Self.tree(
      folder,
      [
        "AudioWAV/1001_DFA_ANG_XX.wav", "AudioWAV/1002_IEO_HAP_HI.wav", "AudioWAV/1091_WSI_NEU_XX.wav",
        "AudioWAV/1064_TIE_SAD_XX.wav", "AudioMP3/1001_DFA_ANG_XX.mp3",
      ])
    let corpus = try Self.read(folder, preset: "crema-d")
    #expect(
      Self.labels(corpus) == [
        "1001_DFA_ANG_XX": "anger", "1002_IEO_HAP_HI": "happiness", "1091_WSI_NEU_XX": "neutral",
        "1064_TIE_SAD_XX": "sadness",
      ])
    #expect(
      Self.genders(corpus) == [
        "crema-d-1001": .male, "crema-d-1002": .female, "crema-d-1091": .female, "crema-d-1064": .male,
      ])
    #expect(corpus.segments[0].extra == ["sentence": "DFA", "level": "XX"])
    #expect(corpus.fileScan?.unmatched == ["AudioMP3/1001_DFA_ANG_XX.mp3"])
  }

  @Test func tessSpeakerFromTheFolderSoTheMisnamedFileCounts() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try Self.tree(
      folder,
      [
        "TESS Toronto emotional speech set data/OAF_angry/OAF_back_angry.wav",
        "TESS Toronto emotional speech set data/OAF_neutral/OA_bite_neutral.wav",
        "TESS Toronto emotional speech set data/OAF_Sad/OAF_bean_sad.wav",
        "TESS Toronto emotional speech set data/YAF_pleasant_surprised/YAF_dog_ps.wav",
      ])
    let corpus = try Self.read(folder, preset: "tess")
    #expect(
      Self.labels(corpus) == [
        "OAF_back_angry": "anger", "OA_bite_neutral": "neutral", "OAF_bean_sad": "sadness", "YAF_dog_ps": "surprise",
      ])
    #expect(corpus.segments.first { $0.id == "OA_bite_neutral" }?.speaker == "tess-OAF")
    #expect(Self.genders(corpus) == ["tess-OAF": .female, "tess-YAF": .female])
    #expect(corpus.fileScan?.unmatched == [])
  }

  @Test func saveeIdsTellSpeakersApartInFoldersAndFlatCopies() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try Self.tree(
      folder,
      [
        "AudioData/DC/a01.wav", "AudioData/JE/a01.wav", "AudioData/KL/sa03.wav", "AudioData/JK/su15.wav",
        "AudioData/Info.txt",
      ])
    let corpus = try Self.read(folder, preset: "savee")
    #expect(
      Self.labels(corpus) == ["DC_a01": "anger", "JE_a01": "anger", "KL_sa03": "sadness", "JK_su15": "surprise"])
    #expect(corpus.speakers.allSatisfy { $0.gender == .male })
    #expect(corpus.speakers.map(\.id) == ["savee-DC", "savee-JE", "savee-JK", "savee-KL"])

    let flat = try TemporaryDirectory()
    defer { flat.remove() }
    try Self.tree(flat, ["ALL/DC_n05.wav", "ALL/JK_h11.wav"])
    #expect(Self.labels(try Self.read(flat, preset: "savee")) == ["DC_n05": "neutral", "JK_h11": "happiness"])
  }

  @Test func urduSpeakerAndGenderFromTheFirstField() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try Self.tree(folder, ["Angry/SM1_F10_A010.wav", "Happy/SF3_F2_H052.wav", "Sad/SM1_F3_S012.wav", "README.md"])
    let corpus = try Self.read(folder, preset: "urdu")
    #expect(Self.labels(corpus) == ["SM1_F10_A010": "anger", "SF3_F2_H052": "happiness", "SM1_F3_S012": "sadness"])
    #expect(Self.genders(corpus) == ["urdu-SM1": .male, "urdu-SF3": .female])
    #expect(corpus.fileScan?.genderConflicts == [])
  }

  @Test func asedMisnamedFileIsKeptAndReportedGenderConflictsTakeTheMajority() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try Self.tree(
      folder,
      [
        "04Sad/s4-04-02-01-28.wav", "04Sad/S4-04-02-01-29.wav", "04Sad/s4-01-01-01-29.wav",
        "05Angry/a5-07-02-02-65.wav",
        "01Neutral/n1-01-01-01-09.wav", "02Fearful/f2-01-01-01-09.wav", "04Sad/s4-01-02-02-09.wav",
      ])
    let corpus = try Self.read(folder, preset: "ased")
    #expect(corpus.segments.count == 7)
    #expect(Self.labels(corpus)["S4-04-02-01-29"] == "sadness")
    let scan = try #require(corpus.fileScan)
    #expect(scan.caseMismatched == ["04Sad/S4-04-02-01-29.wav"])
    #expect(Self.genders(corpus)["ased-09"] == .female)
    #expect(Self.genders(corpus)["ased-65"] == .male)
    #expect(
      scan.genderConflicts == [
        FileScan.GenderConflict(speaker: "ased-09", gender: .female, files: ["04Sad/s4-01-02-02-09.wav"])
      ])
    #expect(scan.messages().contains { $0.contains("matched only with case ignored") && $0.contains("S4-04-02-01-29") })
  }

  @Test func turevCopiesOutsideSoundSourceAreUnmatched() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try Self.tree(
      folder,
      [
        "Sound Source/Angry/1157_kz_acik.wav", "Sound Source/Calm/1234_sk_algi.wav",
        "Model Output for Test Data/testEmotions500HighPass/sound/Angry/1157_kz_beste.wav",
      ])
    let corpus = try Self.read(folder, preset: "turev")
    #expect(Self.labels(corpus) == ["1157_kz_acik": "anger", "1234_sk_algi": "calm"])
    #expect(Self.genders(corpus) == ["turev-1157": .unknown, "turev-1234": .unknown])
    #expect(
      corpus.fileScan?.unmatched == ["Model Output for Test Data/testEmotions500HighPass/sound/Angry/1157_kz_beste.wav"]
    )
    // The same files with ROOT at the Sound Source folder.
    let inner = try FilesReader(layout: FileReaderOptions(preset: "turev").layout()).read(
      root: folder.path + "/Sound Source")
    #expect(inner.segments.count == 2)
  }

  @Test func ownPatternWithMapsAndPrefix() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try Self.tree(
      folder,
      [
        "Angry/spk1_f_001.wav", "calm/spk2_m_002.flac", "Angry/spk2_x_003.wav", "calm/spk3_f_004.wav",
        "calm/spk3_m_005.wav",
      ])
    let options = FileReaderOptions(
      pattern: #"(?<label>[a-z]+)/(?<speaker>spk\d)_(?<gender>[a-z])_(?<n>\d+)\.(wav|flac)"#,
      labelMap: try CodeMap(parsing: "ANGRY=anger", option: "--label-map"),
      genderMap: try CodeMap(parsing: "f=female,m=male", option: "--gender-map"), speakerPrefix: "mine-")
    let corpus = try FilesReader(layout: options.layout()).read(root: folder.path)
    // A code without an entry is the label itself (`calm`); map keys ignore case.
    #expect(corpus.segments.map(\.corpusConsensus) == ["anger", "anger", "calm", "calm", "calm"])
    #expect(corpus.segments.map { $0.extra["n"] } == ["001", "003", "002", "004", "005"])
    // spk2: x names no gender, m does: male, and the x file is reported. spk3: one f, one m: unknown.
    #expect(Self.genders(corpus) == ["mine-spk1": .female, "mine-spk2": .male, "mine-spk3": .unknown])
    #expect(
      corpus.fileScan?.genderConflicts == [
        FileScan.GenderConflict(speaker: "mine-spk2", gender: .male, files: ["Angry/spk2_x_003.wav"]),
        FileScan.GenderConflict(
          speaker: "mine-spk3", gender: .unknown, files: ["calm/spk3_f_004.wav", "calm/spk3_m_005.wav"]),
      ])
    #expect(corpus.name == (folder.path as NSString).lastPathComponent)
  }

  @Test func idAndDialogGroups() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try Self.tree(folder, ["call7/agent/a_neu_1.wav", "call7/caller/c_ang_1.wav"])
    let corpus = try FilesReader(
      layout: FileReaderOptions(
        pattern: #"(?<id>(?<dialog>call\d+)/[a-z]+/(?<speaker>[a-z])_(?<label>[a-z]+)_\d)\.wav"#
      )
      .layout()
    ).read(root: folder.path)
    #expect(corpus.segments.map(\.id) == ["call7_agent_a_neu_1", "call7_caller_c_ang_1"])
    #expect(corpus.segments.map(\.dialog) == ["call7", "call7"])
    #expect(corpus.dialogs.map(\.id) == ["call7"])
    #expect(corpus.dialogs[0].audioPath == nil)
  }

  @Test func twoFilesWithOneIdAreAnErrorNamingBoth() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    // Different bytes: two recordings (the same bytes are one recording at two paths, read under its path).
    try folder.write("DC/a01.wav", "DC's take")
    try folder.write("JE/a01.wav", "JE's take")
    let layout = try FileReaderOptions(pattern: #"(?<speaker>[A-Z]{2})/(?<label>[a-z])\d\d\.wav"#).layout()
    let error = try #require(throws: LocatedError.self) { try FilesReader(layout: layout).read(root: folder.path) }
    #expect(error.file == folder.path + "/JE/a01.wav")
    #expect(error.what.contains("a01") && error.what.contains("DC/a01.wav"))
    #expect(error.expected?.contains("(?<id>") == true)
  }

  @Test func noMatchAndNoAudioAreErrorsThatSayWhatWasFound() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try Self.tree(folder, ["x/readme.txt"])
    let layout = try FileReaderOptions(pattern: #"(?<speaker>\d+)_(?<label>[a-z]+)\.wav"#).layout()
    let none = try #require(throws: LocatedError.self) { try FilesReader(layout: layout).read(root: folder.path) }
    #expect(none.what.contains("no audio file"))
    try Self.tree(folder, ["x/Angry.wav"])
    let unmatched = try #require(throws: LocatedError.self) { try FilesReader(layout: layout).read(root: folder.path) }
    #expect(unmatched.what.contains("none of the 1 audio files") && unmatched.what.contains("x/Angry.wav"))
    let notFolder = try #require(throws: LocatedError.self) {
      try FilesReader(layout: layout).read(root: folder.path + "/x/readme.txt")
    }
    #expect(notFolder.what.contains("not a folder"))
  }

  @Test func linksOutsideTheRootAreListedNotFollowedLinksInsideAreWalkedOnce() throws {
    let outside = try TemporaryDirectory()
    let folder = try TemporaryDirectory()
    defer {
      outside.remove()
      folder.remove()
    }
    try Self.tree(outside, ["9_ang.wav"])
    try Self.tree(folder, ["real/1_ang.wav"])
    let fm = FileManager.default
    try fm.createSymbolicLink(atPath: folder.path + "/elsewhere", withDestinationPath: outside.path)
    try fm.createSymbolicLink(atPath: folder.path + "/stolen.wav", withDestinationPath: outside.path + "/9_ang.wav")
    try fm.createSymbolicLink(atPath: folder.path + "/real/loop", withDestinationPath: folder.path + "/real")
    try fm.createSymbolicLink(atPath: folder.path + "/alias", withDestinationPath: "real")
    let layout = try FileReaderOptions(pattern: #"(?<speaker>\d)_(?<label>[a-z]+)\.wav"#).layout()
    let corpus = try FilesReader(layout: layout).read(root: folder.path)
    // `alias` and `real/loop` lead to a folder walked once, by its own path.
    #expect(corpus.segments.map(\.audio?.path) == [folder.path + "/real/1_ang.wav"])
    #expect(corpus.fileScan?.outsideLinks == ["elsewhere", "stolen.wav"])
  }
}

@Suite struct FileNamePatternTests {
  @Test func matchesTheWholePathOrATrailingPartAfterASlash() throws {
    let pattern = try FileNamePattern(#"(?<speaker>\d\d)_(?<label>[a-z]+)\.wav"#)
    #expect(pattern.match("03_ang.wav")?.groups == ["speaker": "03", "label": "ang"])
    #expect(pattern.match("a/b/03_ang.wav")?.groups["speaker"] == "03")
    #expect(pattern.match("x03_ang.wav") == nil)
    #expect(pattern.match("03_ang.wav.bak") == nil)
    // An anchored pattern matches from the root only.
    let anchored = try FileNamePattern(#"^wav/(?<speaker>\d\d)_(?<label>[a-z]+)\.wav"#)
    #expect(anchored.match("wav/03_ang.wav") != nil)
    #expect(anchored.match("copy/wav/03_ang.wav") == nil)
  }

  @Test func caseIsIgnoredAndReportedUnlessTheExtensionAloneDiffers() throws {
    let pattern = try FileNamePattern(#"(?<speaker>s\d)-(?<label>[a-z]+)\.wav"#)
    #expect(pattern.match("s1-ang.wav")?.exactCase == true)
    #expect(pattern.match("s1-ang.WAV")?.exactCase == true)
    #expect(pattern.match("S1-ang.wav")?.exactCase == false)
    #expect(pattern.match("S1-ang.wav")?.groups["speaker"] == "S1")
    // `(?-i)` makes the pattern case-sensitive.
    let strict = try FileNamePattern(#"(?-i)(?<speaker>s\d)-(?<label>[a-z]+)\.wav"#)
    #expect(strict.match("S1-ang.wav") == nil)
  }

  @Test func emptyRequiredGroupIsNoMatchEmptyOptionalGroupIsAbsent() throws {
    let pattern = try FileNamePattern(#"(?<speaker>\d*)_(?<label>[a-z]*)(?<gender>[mf]?)\.wav"#)
    #expect(pattern.match("_ang.wav") == nil)
    #expect(pattern.match("3_.wav") == nil)
    #expect(pattern.match("3_ang.wav")?.groups == ["speaker": "3", "label": "ang"])
  }

  @Test func missingGroupsAndBadSyntaxAreNamed() {
    #expect(throws: FileNamePattern.Problem.missingGroup("label")) { try FileNamePattern(#"(?<speaker>\d+)\.wav"#) }
    #expect(throws: FileNamePattern.Problem.missingGroup("speaker")) { try FileNamePattern(#"(?<label>\w+)\.wav"#) }
    #expect(FileNamePattern.Problem.missingGroup("label").description.contains("(?<label>…)"))
    do {
      _ = try FileNamePattern("(?<speaker>a(?<label>b)")
      Issue.record("an unbalanced pattern was accepted")
    } catch {
      guard case .invalid(let why) = error else {
        Issue.record("expected .invalid, got \(error)")
        return
      }
      #expect(!why.isEmpty)
    }
  }
}

@Suite struct CodeMapTests {
  @Test func parsesInOrderAndLooksUpIgnoringCase() throws {
    let map = try CodeMap(parsing: " W = anger ,L=boredom", option: "--label-map")
    #expect(map.description == "W=anger,L=boredom")
    #expect(map.value(for: "w") == "anger")
    #expect(map.value(for: "X") == nil)
    let merged = map.overridden(by: try CodeMap(parsing: "l=neutral,T=sadness", option: "--label-map"))
    #expect(merged.description == "W=anger,l=neutral,T=sadness")
  }

  @Test func malformedEntriesAndCaseTwinsAreRefused() {
    #expect(throws: CodeMapError.self) { try CodeMap(parsing: "a=b,c", option: "--label-map") }
    #expect(throws: CodeMapError.self) { try CodeMap(parsing: "=b", option: "--label-map") }
    #expect(throws: CodeMapError.self) { try CodeMap(parsing: "a=", option: "--label-map") }
    do {
      _ = try CodeMap(parsing: "a=x,A=y", option: "--label-map")
      Issue.record("codes differing only by case were accepted")
    } catch {
      #expect(
        error.description == "--label-map: codes 'a' and 'A' differ only by case (expected code=value,code=value)")
    }
  }
}
