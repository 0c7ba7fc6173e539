import EmoSupport
import Foundation
import TestSupport
import Testing

@testable import EmoCorpus
@testable import Folds

/// Input that cannot be trusted, word for word: one line naming the file (and line) and the shape expected.
@Suite struct ExternalSplitErrorTests {
  struct Case: Sendable, CustomStringConvertible {
    var name: String
    var files: [String: String]
    var format: ExternalSplitFormat
    var path: String
    var rule: SpeakerRule = .split
    /// With `$` for the temporary folder.
    var message: String
    var description: String { name }
  }

  static let train = ExternalSplitFixtures.emoBoxLine("03a01Wa", emo: "anger")
  static let test = ExternalSplitFixtures.emoBoxLine("03a02Wb", emo: "anger")
  static let stm =
    ExternalSplitFixtures.stmLine("03a01Wa", speaker: "male_03", emo: "anger") + "\n"
    + ExternalSplitFixtures.stmLine("03a02Wb", speaker: "male_03", emo: "anger") + "\n"

  static let cases: [Case] = [
    Case(
      name: "EmoBox line cut short",
      files: [
        "emodb/data.seg.wrd.stm": stm, "emodb/fold_1/emodb_train_fold_1.jsonl": train + "\n{\"key\": \"emodb-x\", \n",
        "emodb/fold_1/emodb_test_fold_1.jsonl": test + "\n",
      ], format: .emobox, path: "emodb",
      message: "$/emodb/fold_1/emodb_train_fold_1.jsonl:2: not valid JSON at column 20: expected a quoted field name "
        + "(expected one JSON object per line with a \"key\")"),
    Case(
      name: "EmoBox key without speaker",
      files: [
        "emodb/data.seg.wrd.stm": ExternalSplitFixtures.stmLine("03a01Wa", speaker: "male_03", emo: "anger") + "\n",
        "emodb/fold_1/emodb_train_fold_1.jsonl": train + "\n", "emodb/fold_1/emodb_test_fold_1.jsonl": test + "\n",
      ], format: .emobox, path: "emodb",
      message: "$/emodb/fold_1/emodb_test_fold_1.jsonl:1: key emodb-03a02Wb is not in $/emodb/data.seg.wrd.stm "
        + "(expected every key of the split in data.seg.wrd.stm)"),
    Case(
      name: "EmoBox stm line without tag or columns",
      files: [
        "emodb/data.seg.wrd.stm": stm + "emodb-x 1 male_03\n", "emodb/fold_1/emodb_train_fold_1.jsonl": train + "\n",
        "emodb/fold_1/emodb_test_fold_1.jsonl": test + "\n",
      ], format: .emobox, path: "emodb",
      message: "$/emodb/data.seg.wrd.stm:3: 3 columns (expected '<id> <channel> <speaker> <start> <end> "
        + "[<id=…,spk=…>] <label>' per line)"),
    Case(
      name: "EmoBox fold without test file",
      files: ["emodb/data.seg.wrd.stm": stm, "emodb/fold_1/emodb_train_fold_1.jsonl": train + "\n"],
      format: .emobox, path: "emodb",
      message: "$/emodb/fold_1/emodb_test_fold_1.jsonl: missing (expected train and test files in every fold_K folder)"),
    Case(
      name: "key twice in one part",
      files: [
        "emodb/data.seg.wrd.stm": stm, "emodb/fold_1/emodb_train_fold_1.jsonl": train + "\n" + train + "\n",
        "emodb/fold_1/emodb_test_fold_1.jsonl": test + "\n",
      ], format: .emobox, path: "emodb",
      message: "$/emodb/fold_1/emodb_train_fold_1.jsonl:2: segment emodb-03a01Wa is listed twice in the train part "
        + "of fold 1 (first at $/emodb/fold_1/emodb_train_fold_1.jsonl:1) (expected each segment once per part)"),
    Case(
      name: "SpeechBrain without speakers",
      files: [
        "sb/train.json": ExternalSplitFixtures.speechBrainJSON([("Ses01F_impro01_F000", "neu")]),
        "sb/test.json": ExternalSplitFixtures.speechBrainJSON([("Ses01F_impro01_M000", "ang")]),
      ], format: .speechbrain, path: "sb",
      message: "$/sb/train.json:2: no speaker for segment Ses01F_impro01_F000 (expected a speaker for every segment; "
        + "for IEMOCAP turns use --speaker-rule iemocap)"),
    Case(
      name: "SpeechBrain not JSON",
      files: ["sb/train.json": "{\"a\": ", "sb/test.json": "{}"], format: .speechbrain, path: "sb",
      message: "$/sb/train.json: not valid JSON"),
    Case(
      name: "IEMOCAP rule on names that are not turns",
      files: ["split.csv": "id,speaker,fold,split\nSes01F_impro01_F000,x,1,train\nclip7,y,1,test\n"],
      format: .csv, path: "split.csv", rule: .iemocap,
      message: "$/split.csv:3: segment clip7 has no IEMOCAP turn name (expected ids or paths such as "
        + "Ses01F_impro01_M003 with --speaker-rule iemocap)"),
    Case(
      name: "s3prl item without path",
      files: [
        "meta_data/Session1/train_meta_data.json": "{\"labels\": {\"neu\": 0}, \"meta_data\": [{\"label\": \"neu\"}]}",
        "meta_data/Session1/test_meta_data.json": ExternalSplitFixtures.s3prlJSON([
          ("Ses01F_impro01_F000", "neu", "Ses01F")
        ]),
      ], format: .s3prl, path: "meta_data",
      message: "$/meta_data/Session1/train_meta_data.json:1: meta_data item 1 has no \"path\" (expected {\"labels\": "
        + "{…}, \"meta_data\": [{\"path\": …, \"label\": …, \"speaker\": …}, …]})"),
    Case(
      name: "Kaldi utt2spk line with one field",
      files: ["k/train/utt2spk": "u1 s1\nu2\n", "k/test/utt2spk": "u3 s3\n"], format: .kaldi, path: "k",
      message: "$/k/train/utt2spk:2: one field (expected '<key> <value>' per line)"),
    Case(
      name: "Kaldi folder without test",
      files: ["k/train/utt2spk": "u1 s1\n"], format: .kaldi, path: "k",
      message: "$/k: no train/utt2spk and test/utt2spk (expected a folder with train/, test/ (and val/ or dev/) "
        + "Kaldi data directories, or fold-K/ folders of them)"),
    Case(
      name: "Kaldi folder with two validation parts",
      files: [
        "k/train/utt2spk": "u1 s1\n", "k/test/utt2spk": "u3 s3\n", "k/dev/utt2spk": "u4 s4\n",
        "k/valid/utt2spk": "u5 s5\n",
      ],
      format: .kaldi, path: "k",
      message: "$/k: holds two data directories for the val part (expected one of val, valid, dev)"),
    Case(
      name: "Lhotse folder with two test manifests",
      files: ["l/cuts_train.jsonl": "", "l/cuts_test.jsonl": "", "l/cuts_test.jsonl.gz": ""], format: .lhotse,
      path: "l", message: "$/l: holds two cut manifests for the test part (expected one per part)"),
    Case(
      name: "Lhotse line that is not JSON",
      files: ["l/cuts_train.jsonl": "{\"id\": \"a\"}\nnot json\n", "l/cuts_test.jsonl": "{\"id\": \"b\"}\n"],
      format: .lhotse, path: "l",
      message: "$/l/cuts_train.jsonl:2: not a JSON object (expected one Lhotse cut (JSON object with \"id\" and "
        + "\"supervisions\") per line)"),
    Case(
      name: "CSV header",
      files: ["split.csv": "id,spk,fold,split\na,s,1,train\n"], format: .csv, path: "split.csv",
      message:
        "$/split.csv:1: header is id,spk,fold,split (expected a header id,speaker,fold,split (optional label, path))"),
    Case(
      name: "CSV split value",
      files: ["split.csv": "id,speaker,fold,split\na,s,1,training\nb,t,1,holdout\n"], format: .csv, path: "split.csv",
      message: "$/split.csv:3: split 'holdout' (expected train, val or test)"),
    Case(
      name: "CSV fold value",
      files: ["split.csv": "id,speaker,fold,split\na,s,0,train\n"], format: .csv, path: "split.csv",
      message: "$/split.csv:2: fold '0' (expected a fold number 1, 2, …)"),
    Case(
      name: "CSV without test rows",
      files: ["split.csv": "id,speaker,fold,split\na,s,1,train\n"], format: .csv, path: "split.csv",
      message: "$/split.csv: fold 1 has no test part (expected train and test parts in every fold)"),
    Case(
      name: "missing path", files: [:], format: .lhotse, path: "nothing",
      message: "$/nothing: no such file or folder (expected a folder with cuts_train.jsonl.gz and cuts_test.jsonl.gz, "
        + "or fold-K/ folders of them)"),
  ]

  @Test(arguments: cases) func messages(_ c: Case) throws {
    let tmp = try TemporaryDirectory()
    defer { tmp.remove() }
    for (path, text) in c.files { try tmp.write(path, text) }
    let source = ExternalSplitSource(format: c.format, path: tmp.path + "/" + c.path)
    let expected = c.message.replacingOccurrences(of: "$", with: tmp.path)
    #expect {
      _ = try SplitLeakage.audit(source, speakerRule: c.rule)
    } throws: { error in
      let text = "\(error)"
      return c.name == "SpeechBrain not JSON" ? text.hasPrefix(expected) : text == expected
    }
  }
}
