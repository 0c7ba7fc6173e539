import EmoSupport
import Foundation

/// s3prl's emotion downstream (`s3prl/downstream/emotion/meta_data/`): one folder per test
/// session, `SessionN/{train,test}_meta_data.json`, each one JSON line
/// `{"labels": {"neu": 0, …}, "meta_data": [{"path": "Session1/sentences/wav/…/<turn>.wav", "label": "neu", "speaker": "Ses01F"}, …]}`.
/// Fold N tests session N; validation is drawn at random from training at run time, so the files
/// have none. Its `speaker` is the dialog prefix (the M turns of `Ses01F_…` dialogs say `Ses01F`):
/// use `--speaker-rule iemocap` for the turn's own speaker. PATH is `meta_data/` or its parent.
extension ExternalSplit {
  static func readS3PRL(_ path: String) throws -> ExternalSplit {
    var dir = path
    if FileManager.default.fileExists(atPath: path + "/meta_data") { dir = path + "/meta_data" }
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
    let sessions = names.compactMap { name in FoldFolders.index(of: name, prefix: "Session").map { ($0, name) } }
      .sorted { $0.0 < $1.0 }
    guard !sessions.isEmpty else { throw LocatedError(file: dir, "no SessionN folder", expected: layout(.s3prl)) }
    var folds: [ExternalFold] = []
    for (k, name) in sessions {
      var splits: [Split: [ExternalItem]] = [:]
      for (file, split) in [("train", Split.train), ("dev", .val), ("test", .test)] {
        let path = "\(dir)/\(name)/\(file)_meta_data.json"
        guard FileManager.default.fileExists(atPath: path) else { continue }
        splits[split] = try s3prlItems(path)
      }
      folds.append(ExternalFold(index: k, splits: splits))
    }
    return ExternalSplit(
      source: ExternalSplitSource(format: .s3prl, path: path), folds: folds, speakerOrigin: "the speaker field")
  }

  private static func s3prlItems(_ file: String) throws -> [ExternalItem] {
    let expected = "{\"labels\": {…}, \"meta_data\": [{\"path\": …, \"label\": …, \"speaker\": …}, …]}"
    let document = try JSONDocument(file: file, expected: expected)
    guard let root = document.root as? [String: Any], let items = root["meta_data"] as? [Any] else {
      throw LocatedError(file: file, "no \"meta_data\" list", expected: expected)
    }
    return try items.enumerated().map { n, value in
      let line = n < document.elementLines.count ? document.elementLines[n] : 0
      guard let fields = value as? [String: Any], let path = fields["path"] as? String, !path.isEmpty else {
        throw LocatedError(file: file, line: line, "meta_data item \(n + 1) has no \"path\"", expected: expected)
      }
      let stem = ReaderPaths.stem(path)
      return ExternalItem(
        id: stem, speaker: fields["speaker"].flatMap(text), label: fields["label"].flatMap(text), path: path,
        file: file, line: line)
    }
  }
}
