import EmoSupport
import Foundation

/// SpeechBrain data manifests, as its IEMOCAP recipe (`iemocap_prepare.py`) writes them:
/// `train.json`, `valid.json`, `test.json`, each one object keyed by utterance id,
/// `{"Ses01F_impro01_F000": {"wav": "…/Ses01F_impro01_F000.wav", "length": 1.9, "emo": "neu"}}`,
/// indented by 2. The recipe writes no speaker; other recipes use `spk_id`. PATH is one such folder
/// (one fold) or a folder of fold folders (`fold-K`, `fold_K`).
extension ExternalSplit {
  static func readSpeechBrain(_ dir: String) throws -> ExternalSplit {
    let layout = layout(.speechbrain)
    var folders = try FoldFolders.list(in: dir)
    if folders.isEmpty { folders = [(1, dir)] }
    var folds: [ExternalFold] = []
    for (k, folder) in folders {
      var splits: [Split: [ExternalItem]] = [:]
      for (names, split) in [(["train"], Split.train), (["valid", "val", "dev"], .val), (["test"], .test)] {
        guard let name = names.first(where: { FileManager.default.fileExists(atPath: "\(folder)/\($0).json") }) else {
          continue
        }
        splits[split] = try speechBrainItems("\(folder)/\(name).json")
      }
      guard splits[.train] != nil, splits[.test] != nil else {
        throw LocatedError(file: folder, "no train.json and test.json", expected: layout)
      }
      folds.append(ExternalFold(index: k, splits: splits))
    }
    return ExternalSplit(
      source: ExternalSplitSource(format: .speechbrain, path: dir), folds: folds,
      speakerOrigin: "the spk_id field")
  }

  private static func speechBrainItems(_ file: String) throws -> [ExternalItem] {
    let expected = "one JSON object keyed by utterance id, each value an object with \"wav\""
    let document = try JSONDocument(file: file, expected: expected)
    guard let object = document.root as? [String: Any] else {
      throw LocatedError(file: file, "is not a JSON object", expected: expected)
    }
    // Items in file order (Foundation's dictionary has none): by line, then id.
    let ids = object.keys.sorted { (document.keyLines[$0] ?? 0, $0) < (document.keyLines[$1] ?? 0, $1) }
    return try ids.map { id in
      let line = document.keyLines[id] ?? 0
      guard let fields = object[id] as? [String: Any] else {
        throw LocatedError(file: file, line: line, "utterance \(id) is not an object", expected: expected)
      }
      return ExternalItem(
        id: id, speaker: fields["spk_id"].flatMap(Self.text), label: fields["emo"].flatMap(Self.text),
        path: fields["wav"] as? String, file: file, line: line)
    }
  }

  /// A string field, or a number written as its text (speaker ids are sometimes numbers).
  static func text(_ value: Any) -> String? {
    if let s = value as? String { return s }
    if let n = value as? NSNumber, !(value is Bool) { return n.stringValue }
    return nil
  }
}
