import EmoCorpus
import EmoSupport
import Foundation

/// Small splits written the way other toolkits write them (key order, separators, indentation,
/// gzip), with hand-counted leakage (numbers in each function's comment; tests check them exactly).
public enum ExternalSplitFixtures {
  // MARK: EmoBox

  /// One EmoBox line, fields in the order of EmoBox's published `data/<corpus>/fold_K/*.jsonl`.
  public static func emoBoxLine(_ stem: String, emo: String, length: Double = 1.5) -> String {
    "{\"key\": \"emodb-\(stem)\", \"dataset\": \"emodb\", \"wav\": \"downloads/emodb/wav/\(stem).wav\", "
      + "\"type\": \"raw\", \"sample_rate\": 16000, \"num_frame\": \(length * 16000), \"task\": \"category\", "
      + "\"length\": \(length), \"emo\": \"\(emo)\", \"channel\": 1}"
  }

  /// The `data.seg.wrd.stm` line EmoBox writes for a segment.
  public static func stmLine(_ stem: String, speaker: String, emo: String, length: Double = 1.5) -> String {
    "emodb-\(stem) 1 \(speaker) 0 \(length) <id=emodb-\(stem),lang=en,spk=\(speaker),emotion=\(emo)> \(emo)"
  }

  /// `dir/emodb`, an EmoBox corpus folder with two folds and a speaker holding spaces (as RESD's
  /// and M3ED's lines do). Fold 1: train 03a01Wa (male_03, anger), 08a01Na (female_08, neutral),
  /// `10 b05 La` ("male 10 x", boredem); test 03a02Wb (male_03, anger), 10a04Fb (male_10, happy)
  /// → 2 test speakers, male_03 shared with train, 1 test segment affected. Fold 2: train 03a01Wa,
  /// 03a02Wb, 10a04Fb; valid `10 b05 La`; test 08a01Na, 08b02Tb (female_08) → clean. The older
  /// `emodb_test_fold1.jsonl` beside fold 1's files (EmoBox keeps both) would leak: it is not read.
  @discardableResult
  public static func emoBox(in dir: TemporaryDirectory) throws -> String {
    let root = "emodb"
    try dir.write(
      "\(root)/data.seg.wrd.stm",
      [
        stmLine("03a01Wa", speaker: "male_03", emo: "anger"), stmLine("03a02Wb", speaker: "male_03", emo: "anger"),
        stmLine("08a01Na", speaker: "female_08", emo: "neutral"), stmLine("08b02Tb", speaker: "female_08", emo: "sad"),
        stmLine("10a04Fb", speaker: "male_10", emo: "happy"),
        stmLine("10 b05 La", speaker: "male 10 x", emo: "boredem"),
      ].joined(separator: "\n") + "\n")
    func file(_ lines: [String]) -> String { lines.joined(separator: "\n") + "\n" }
    try dir.write(
      "\(root)/fold_1/emodb_train_fold_1.jsonl",
      file([
        emoBoxLine("03a01Wa", emo: "anger"), emoBoxLine("08a01Na", emo: "neutral"),
        emoBoxLine("10 b05 La", emo: "boredem"),
      ]))
    try dir.write(
      "\(root)/fold_1/emodb_test_fold_1.jsonl",
      file([emoBoxLine("03a02Wb", emo: "anger"), emoBoxLine("10a04Fb", emo: "happy")]))
    try dir.write(
      "\(root)/fold_1/emodb_test_fold1.jsonl",
      "{\"key\": \"emodb-03a01Wa\", \"dataset\": \"emodb\", \"audio\": \"downloads/emodb/wav/03a01Wa.wav\", "
        + "\"type\": \"raw\", \"sample_rate\": 16000, \"num_frame\": 24000.0, \"task\": \"category\", \"label\": \"anger\"}\n"
    )
    try dir.write(
      "\(root)/fold_2/emodb_train_fold_2.jsonl",
      file([
        emoBoxLine("03a01Wa", emo: "anger"), emoBoxLine("03a02Wb", emo: "anger"), emoBoxLine("10a04Fb", emo: "happy"),
      ]))
    try dir.write("\(root)/fold_2/emodb_valid_fold_2.jsonl", file([emoBoxLine("10 b05 La", emo: "boredem")]))
    try dir.write(
      "\(root)/fold_2/emodb_test_fold_2.jsonl",
      file([emoBoxLine("08a01Na", emo: "neutral"), emoBoxLine("08b02Tb", emo: "sad")]))
    try dir.write("\(root)/label_map.json", "{\n    \"anger\": \"Angry\",\n    \"sad\": \"Sad\"\n}")
    return dir.path + "/" + root
  }

  // MARK: SpeechBrain

  /// SpeechBrain's `json.dump(…, indent=2)` of `{uttid: {"wav", "length", "emo"}}`.
  public static func speechBrainJSON(_ items: [(id: String, emo: String)], root: String = "/data/IEMOCAP") -> String {
    guard !items.isEmpty else { return "{}" }
    let entries = items.map { item in
      let session = "Session\(item.id.dropFirst(4).prefix(1))"
      let dialog = item.id[..<item.id.lastIndex(of: "_")!]
      return """
          "\(item.id)": {
            "wav": "\(root)/\(session)/sentences/wav/\(dialog)/\(item.id).wav",
            "length": 2.5,
            "emo": "\(item.emo)"
          }
        """
    }
    return "{\n" + entries.joined(separator: ",\n") + "\n}"
  }

  /// `dir/sb` with train.json, valid.json, test.json: SpeechBrain's IEMOCAP recipe with its random
  /// split (no speaker field). By turn speakers: train Ses01F, Ses01M, Ses02M; valid Ses02F; test
  /// Ses01M (Ses01F_impro01_M000) and Ses02F → 2 test speakers, 1 shared with train, 1 with val,
  /// both test segments affected.
  @discardableResult
  public static func speechBrain(in dir: TemporaryDirectory) throws -> String {
    try dir.write(
      "sb/train.json",
      speechBrainJSON([
        ("Ses01F_impro01_F000", "neu"), ("Ses01M_impro02_M000", "hap"), ("Ses02F_impro01_M000", "neu"),
      ]))
    try dir.write("sb/valid.json", speechBrainJSON([("Ses02M_script01_1_F000", "ang")]))
    try dir.write("sb/test.json", speechBrainJSON([("Ses01F_impro01_M000", "ang"), ("Ses02F_impro01_F000", "neu")]))
    return dir.path + "/sb"
  }

  // MARK: s3prl

  /// s3prl's `json.dump` (default separators, one line) of `{"labels", "meta_data"}`.
  public static func s3prlJSON(_ items: [(turn: String, label: String, speaker: String)]) -> String {
    let meta = items.map { item in
      let dialog = item.turn[..<item.turn.lastIndex(of: "_")!]
      let session = "Session\(item.turn.dropFirst(4).prefix(1))"
      return "{\"path\": \"\(session)/sentences/wav/\(dialog)/\(item.turn).wav\", \"label\": \"\(item.label)\", "
        + "\"speaker\": \"\(item.speaker)\"}"
    }
    return "{\"labels\": {\"neu\": 0, \"hap\": 1, \"ang\": 2, \"sad\": 3}, \"meta_data\": ["
      + meta.joined(separator: ", ")
      + "]}"
  }

  /// `dir/meta_data` with Session1 and Session2. Its `speaker` field is the dialog prefix, as s3prl's.
  /// Session1 (fold 1) hides a leak: by the field, train is Ses01M and test Ses01F (clean); by turn
  /// names both parts hold Ses01F and Ses01M → 2 test speakers shared, 2 test segments affected.
  /// Session2 (fold 2) is a clean session split either way: test Ses02F_impro01_F000 and
  /// Ses02F_impro01_M000 (field: 1 speaker Ses02F; turns: 2 speakers), train Ses01M_impro02_M000.
  @discardableResult
  public static func s3prl(in dir: TemporaryDirectory) throws -> String {
    try dir.write(
      "meta_data/Session1/train_meta_data.json",
      s3prlJSON([("Ses01M_impro02_M000", "hap", "Ses01M"), ("Ses01M_impro02_F000", "sad", "Ses01M")]))
    try dir.write(
      "meta_data/Session1/test_meta_data.json",
      s3prlJSON([("Ses01F_impro01_M000", "ang", "Ses01F"), ("Ses01F_impro01_F001", "neu", "Ses01F")]))
    try dir.write("meta_data/Session2/train_meta_data.json", s3prlJSON([("Ses01M_impro02_M000", "hap", "Ses01M")]))
    try dir.write(
      "meta_data/Session2/test_meta_data.json",
      s3prlJSON([("Ses02F_impro01_F000", "neu", "Ses02F"), ("Ses02F_impro01_M000", "neu", "Ses02F")]))
    return dir.path + "/meta_data"
  }

  // MARK: Kaldi

  /// `dir/kaldi`, one fold of Kaldi data directories `train/`, `dev/`, `test/` (utterance ids
  /// prefixed by their speaker, sorted; wav.scp with a sox pipe; utt2emo in test only). Train
  /// Ses01F, Ses01M; dev Ses02F; test Ses01M, Ses02M → 2 test speakers, Ses01M shared with train,
  /// 1 test segment affected.
  @discardableResult
  public static func kaldi(in dir: TemporaryDirectory) throws -> String {
    let wav = "/data/IEMOCAP/Session1/sentences/wav"
    try dir.write(
      "kaldi/train/utt2spk", "Ses01F-Ses01F_impro01_F000 Ses01F\nSes01M-Ses01F_impro01_M000 Ses01M\n")
    try dir.write(
      "kaldi/train/spk2utt", "Ses01F Ses01F-Ses01F_impro01_F000\nSes01M Ses01M-Ses01F_impro01_M000\n")
    try dir.write(
      "kaldi/train/wav.scp",
      "Ses01F-Ses01F_impro01_F000 \(wav)/Ses01F_impro01/Ses01F_impro01_F000.wav\n"
        + "Ses01M-Ses01F_impro01_M000 \(wav)/Ses01F_impro01/Ses01F_impro01_M000.wav\n")
    try dir.write("kaldi/dev/utt2spk", "Ses02F-Ses02F_impro01_F000 Ses02F\n")
    try dir.write("kaldi/dev/spk2utt", "Ses02F Ses02F-Ses02F_impro01_F000\n")
    try dir.write(
      "kaldi/test/utt2spk", "Ses01M-Ses01M_impro02_M000 Ses01M\nSes02M-Ses02F_impro01_M000 Ses02M\n")
    try dir.write(
      "kaldi/test/spk2utt", "Ses01M Ses01M-Ses01M_impro02_M000\nSes02M Ses02M-Ses02F_impro01_M000\n")
    try dir.write(
      "kaldi/test/wav.scp",
      "Ses01M-Ses01M_impro02_M000 sox \(wav)/Ses01M_impro02/Ses01M_impro02_M000.wav -t wav - |\n")
    try dir.write("kaldi/test/utt2emo", "Ses01M-Ses01M_impro02_M000 hap\nSes02M-Ses02F_impro01_M000 neu\n")
    return dir.path + "/kaldi"
  }

  // MARK: Lhotse

  /// One cut line as `CutSet.to_file` writes it for a cut made by `CutSet.from_manifests` (id
  /// `<recording>-0`, one supervision with `speaker`, `gender` and `custom.emotion`).
  public static func lhotseCut(_ turn: String, speaker: String, emotion: String) -> String {
    let source = "/data/IEMOCAP/Session1/sentences/wav/\(turn[..<turn.lastIndex(of: "_")!])/\(turn).wav"
    return "{\"id\": \"\(turn)-0\", \"start\": 0, \"duration\": 2.0, \"channel\": 0, \"supervisions\": [{\"id\": "
      + "\"\(turn)\", \"recording_id\": \"\(turn)\", \"start\": 0.0, \"duration\": 2.0, \"channel\": 0, \"speaker\": "
      + "\"\(speaker)\", \"gender\": \"\(speaker.hasSuffix("F") ? "f" : "m")\", \"custom\": {\"emotion\": \"\(emotion)\"}}], "
      + "\"recording\": {\"id\": \"\(turn)\", \"sources\": [{\"type\": \"file\", \"channels\": [0], \"source\": "
      + "\"\(source)\"}], \"sampling_rate\": 16000, \"num_samples\": 32000, \"duration\": 2.0, \"channel_ids\": [0]}, "
      + "\"type\": \"MonoCut\"}"
  }

  /// `dir/lhotse`, one fold as a recipe writes it: `iemocap_cuts_train.jsonl.gz`,
  /// `iemocap_cuts_test.jsonl.gz` (gzipped) and the recordings manifest beside them (not a part).
  /// Train Ses01F ×2 (neu, ang); test Ses01F (sad) and Ses01M (hap) → 2 test speakers, Ses01F
  /// shared with train, 1 test segment affected.
  @discardableResult
  public static func lhotse(in dir: TemporaryDirectory) throws -> String {
    let root = dir.path + "/lhotse"
    try GzipWriter.write(
      lhotseCut("Ses01F_impro01_F000", speaker: "Ses01F", emotion: "neu") + "\n"
        + lhotseCut("Ses01F_impro01_F001", speaker: "Ses01F", emotion: "ang") + "\n",
      to: root + "/iemocap_cuts_train.jsonl.gz")
    try GzipWriter.write(
      lhotseCut("Ses01F_impro02_F000", speaker: "Ses01F", emotion: "sad") + "\n"
        + lhotseCut("Ses01F_impro02_M000", speaker: "Ses01M", emotion: "hap") + "\n",
      to: root + "/iemocap_cuts_test.jsonl.gz")
    try GzipWriter.write("{}\n", to: root + "/iemocap_recordings.jsonl.gz")
    return root
  }

  // MARK: CSV

  /// The table of `check-folds --external csv`: s0…s11 with speaker spk(i mod 4), fold 1, test when
  /// i mod 4 = 0, plus s99 (spk0) in training → 1 test speaker (spk0), shared with train, its 3 test
  /// segments affected.
  @discardableResult
  public static func csv(in dir: TemporaryDirectory) throws -> String {
    var text = "id,speaker,fold,split\n"
    for i in 0..<12 { text += "s\(i),spk\(i % 4),1,\(i % 4 == 0 ? "test" : "train")\n" }
    text += "s99,spk0,1,train\n"
    return try dir.write("split.csv", text)
  }
}
