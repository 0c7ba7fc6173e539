import EmoSupport
import Foundation
import TestSupport
import Testing

@testable import EmoCorpus
@testable import Folds

/// Each format read from files written the way its toolkit writes them, audited, and compared with
/// the fixtures' hand counts.
@Suite struct ExternalSplitTests {
  static func audit(_ format: ExternalSplitFormat, _ path: String, rule: SpeakerRule = .split) throws
    -> LeakageReport
  {
    try SplitLeakage.audit(ExternalSplitSource(format: format, path: path), speakerRule: rule).report
  }

  /// (test speakers, shared with train, shared with val, shared speakers, test segments affected).
  static func counts(_ fold: FoldLeakage) -> [String] {
    [
      "\(fold.testSpeakers)", "\(fold.sharedWithTrain)", "\(fold.sharedWithVal)",
      fold.sharedSpeakers.joined(separator: "|"), "\(fold.testSegmentsAffected)",
    ]
  }

  @Test func emoBoxSpeakersComeFromTheSTMTagEvenWithSpaces() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let path = try ExternalSplitFixtures.emoBox(in: tmp)
    let split = try ExternalSplit.read(ExternalSplitSource(format: .emobox, path: path))
    #expect(split.folds.map(\.index) == [1, 2])
    let train = split.folds[0][.train]
    #expect(train.map(\.id) == ["emodb-03a01Wa", "emodb-08a01Na", "emodb-10 b05 La"])
    #expect(train.map(\.speaker) == ["male_03", "female_08", "male 10 x"])
    #expect(train[2].aliases == ["10 b05 La"])
    #expect(train[2].pathStem == "10 b05 La")
    #expect(train[0].location == path + "/fold_1/emodb_train_fold_1.jsonl:1")
    #expect(split.folds[1][.val].map(\.id) == ["emodb-10 b05 La"])
    // The older emodb_test_fold1.jsonl (which would leak 03a01Wa) is not part of the split.
    #expect(split.folds[0][.test].map(\.id) == ["emodb-03a02Wb", "emodb-10a04Fb"])

    let report = try Self.audit(.emobox, path)
    #expect(report.leak)
    #expect(Self.counts(report.folds[0]) == ["2", "1", "0", "male_03", "1"])
    #expect(Self.counts(report.folds[1]) == ["1", "0", "0", "", "0"])
    #expect(report.folds[0].classes["train"] == ["anger": 1, "neutral": 1, "boredem": 1])
    #expect(report.folds[0].classes["test"] == ["anger": 1, "happy": 1])
    #expect(report.folds[0].classes["val"] == [:])
    #expect(report.folds[1].classes["val"] == ["boredem": 1])
  }

  @Test func speechBrainNeedsTheIEMOCAPRuleForSpeakers() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let path = try ExternalSplitFixtures.speechBrain(in: tmp)
    let split = try ExternalSplit.read(ExternalSplitSource(format: .speechbrain, path: path))
    #expect(split.folds[0][.train].map(\.id) == ["Ses01F_impro01_F000", "Ses01M_impro02_M000", "Ses02F_impro01_M000"])
    // Each utterance key sits on its own line of the indent-2 file: 2, 7, 12.
    #expect(split.folds[0][.train].map(\.line) == [2, 7, 12])
    #expect(split.folds[0][.val].map(\.label) == ["ang"])
    #expect(throws: LocatedError.self) { try Self.audit(.speechbrain, path) }
    let report = try Self.audit(.speechbrain, path, rule: .iemocap)
    #expect(Self.counts(report.folds[0]) == ["2", "1", "1", "Ses01M|Ses02F", "2"])
  }

  @Test func s3prlDialogPrefixSpeakersHideALeakThatTurnNamesShow() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let path = try ExternalSplitFixtures.s3prl(in: tmp)
    let bySplitField = try Self.audit(.s3prl, path)
    #expect(!bySplitField.leak)
    #expect(bySplitField.folds.map(Self.counts) == [["1", "0", "0", "", "0"], ["1", "0", "0", "", "0"]])
    let byTurn = try Self.audit(.s3prl, path, rule: .iemocap)
    #expect(byTurn.leak)
    #expect(byTurn.folds.map(Self.counts) == [["2", "2", "0", "Ses01F|Ses01M", "2"], ["2", "0", "0", "", "0"]])
    // PATH may also be the folder holding meta_data/.
    #expect(try Self.audit(.s3prl, tmp.path, rule: .iemocap) == byTurn)
    #expect(byTurn.folds[0].classes["test"] == ["ang": 1, "neu": 1])
  }

  @Test func kaldiDirectoriesWithDevAndAPipedWavScp() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let path = try ExternalSplitFixtures.kaldi(in: tmp)
    let split = try ExternalSplit.read(ExternalSplitSource(format: .kaldi, path: path))
    let test = split.folds[0][.test]
    #expect(test.map(\.aliases) == [["Ses01M_impro02_M000"], ["Ses02F_impro01_M000"]])
    #expect(test[0].path == "/data/IEMOCAP/Session1/sentences/wav/Ses01M_impro02/Ses01M_impro02_M000.wav")
    #expect(test[1].path == nil)
    #expect(test.map(\.label) == ["hap", "neu"])
    let report = try Self.audit(.kaldi, path)
    #expect(Self.counts(report.folds[0]) == ["2", "1", "0", "Ses01M", "1"])
    #expect(report.folds[0].classes["train"] == [:])
  }

  @Test func lhotseGzippedCutsWithRecipePrefix() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let path = try ExternalSplitFixtures.lhotse(in: tmp)
    let split = try ExternalSplit.read(ExternalSplitSource(format: .lhotse, path: path))
    let test = split.folds[0][.test]
    #expect(test.map(\.id) == ["Ses01F_impro02_F000-0", "Ses01F_impro02_M000-0"])
    #expect(test.map(\.aliases) == [["Ses01F_impro02_F000"], ["Ses01F_impro02_M000"]])
    #expect(test.map(\.label) == ["sad", "hap"])
    let report = try Self.audit(.lhotse, path)
    #expect(Self.counts(report.folds[0]) == ["2", "1", "0", "Ses01F", "1"])
  }

  @Test func lhotseFileNamesMapToParts() {
    #expect(ExternalSplit.lhotseSplit(fileName: "cuts_train.jsonl.gz") == .train)
    #expect(ExternalSplit.lhotseSplit(fileName: "iemocap_cuts_dev.jsonl") == .val)
    #expect(ExternalSplit.lhotseSplit(fileName: "cuts_test.jsonl.gz") == .test)
    #expect(ExternalSplit.lhotseSplit(fileName: "iemocap_recordings.jsonl.gz") == nil)
    #expect(ExternalSplit.lhotseSplit(fileName: "mycuts_train.jsonl.gz") == nil)
    #expect(ExternalSplit.lhotseSplit(fileName: "cuts_train.json") == nil)
  }

  @Test func csvTableOfTheContract() throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    let report = try Self.audit(.csv, try ExternalSplitFixtures.csv(in: tmp))
    #expect(report.leak)
    #expect(report.folds.map(Self.counts) == [["1", "1", "0", "spk0", "3"]])
  }

  /// The round trip with EmoCorpus's own exports: a prep output written as Kaldi directories and
  /// Lhotse cuts audits exactly like its manifests (speakers, labels, per fold).
  @Test func ownKaldiAndLhotseExportsAuditLikeTheirManifests() throws {
    let (dir, _) = try ManifestWriterTests.written(seed: 2, callers: 30)
    defer { dir.remove() }
    let folds = FoldManifests.load(foldsDir: dir.path + "/folds").folds
    let splits = folds.flatMap { fold in
      Split.allCases.map { ExportSplit(fold: fold.index, split: $0.rawValue, entries: fold[$0].map(\.entry)) }
    }
    var input = ExportInput(splits: splits, coderLabels: [:], recordings: [:])
    for path in Set(input.uniqueEntries.map(\.path)) {
      input.recordings[path] = RecordingInfo(path: path, sampleRate: 8000, numSamples: 8000 * 600, channels: 1)
    }
    try KaldiExport.write(input, to: dir.path + "/kaldi")
    try LhotseExport.write(input, to: dir.path + "/lhotse")
    let expected = SplitLeakage.audit(folds)
    #expect(try Self.audit(.kaldi, dir.path + "/kaldi") == expected)
    #expect(try Self.audit(.lhotse, dir.path + "/lhotse") == expected)
    #expect(!expected.leak)
    #expect(expected.folds.count == 5)
  }
}
