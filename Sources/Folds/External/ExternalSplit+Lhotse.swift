import EmoSupport
import Foundation

/// Lhotse cut manifests, as `CutSet.to_file` and `emocorpus export --format lhotse` write them:
/// JSON lines, usually gzipped, one `MonoCut` per line,
/// `{"id": …, "start": …, "duration": …, "channel": 0, "supervisions": [{"id": …, "speaker": …,
/// "custom": {"emotion": …}, …}], "recording": {"id": …, "sources": [{"source": …}], …}, "type": "MonoCut"}`.
/// The speaker and label are the first supervision's (`speaker`, `custom.emotion`). Cut ids made by
/// `CutSet.from_manifests` carry a suffix (`<recording>-0`), so the supervision id and the audio file
/// stem are matched too. PATH holds `[<prefix>_]cuts_<split>.jsonl[.gz]` (one fold) or `fold-K/`
/// folders of them.
extension ExternalSplit {
  static func readLhotse(_ dir: String) throws -> ExternalSplit {
    let folds = try FoldFolders.read(
      dir, what: "cut manifests", once: "one per part", missing: "no cuts_train and cuts_test manifests",
      expected: layout(.lhotse),
      part: { _, name in lhotseSplit(fileName: name) }, items: lhotseItems)
    return ExternalSplit(
      source: ExternalSplitSource(format: .lhotse, path: dir), folds: folds,
      speakerOrigin: "the supervisions' speaker field")
  }

  /// The part of `cuts_<split>.jsonl[.gz]` or `<prefix>_cuts_<split>.jsonl[.gz]`; nil for other files.
  static func lhotseSplit(fileName name: String) -> Split? {
    var stem = Substring(name)
    if stem.hasSuffix(".gz") { stem = stem.dropLast(3) }
    guard stem.hasSuffix(".jsonl") else { return nil }
    stem = stem.dropLast(6)
    guard let range = stem.range(of: "cuts_", options: .backwards),
      range.lowerBound == stem.startIndex || stem[stem.index(before: range.lowerBound)] == "_"
    else { return nil }
    return Split(externalName: String(stem[range.upperBound...]))
  }

  private static func lhotseItems(_ file: String) throws -> [ExternalItem] {
    let content: String
    do {
      content = try GzipWriter.read(file)
    } catch {
      throw LocatedError(file: file, "cannot be read as gzip or text", expected: "a Lhotse cut manifest")
    }
    let expected = "one Lhotse cut (JSON object with \"id\" and \"supervisions\") per line"
    var items: [ExternalItem] = []
    for (i, line) in TextFile.splitLines(content).enumerated() where !line.trimmedBlanks.isEmpty {
      guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
        throw LocatedError(file: file, line: i + 1, "not a JSON object", expected: expected)
      }
      guard let id = object["id"] as? String, !id.isEmpty else {
        throw LocatedError(file: file, line: i + 1, "no \"id\"", expected: expected)
      }
      let supervision = (object["supervisions"] as? [[String: Any]])?.first
      let custom = supervision?["custom"] as? [String: Any]
      let recording = object["recording"] as? [String: Any]
      let source = ((recording?["sources"] as? [[String: Any]])?.first)?["source"] as? String
      var aliases: [String] = []
      if let supervisionID = supervision?["id"] as? String { aliases.append(supervisionID) }
      items.append(
        ExternalItem(
          id: id, speaker: supervision?["speaker"].flatMap(text), label: custom?["emotion"].flatMap(text),
          path: source, aliases: aliases, file: file, line: i + 1))
    }
    return items
  }
}
