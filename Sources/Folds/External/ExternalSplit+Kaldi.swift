import EmoSupport
import Foundation

/// Kaldi data directories: `utt2spk` (`<utt> <spk>` per line) gives the items and speakers,
/// `utt2emo` (as `emocorpus export --format kaldi` writes it) the labels when present, and
/// `wav.scp` the audio file of utterances that are whole recordings (no `segments` file).
/// PATH holds `train/`, `test/` and optionally `val/`, `valid/` or `dev/` (one fold), or `fold-K/`
/// folders of them (the layout of `emocorpus export --format kaldi`).
extension ExternalSplit {
  static func readKaldi(_ dir: String) throws -> ExternalSplit {
    let folds = try FoldFolders.read(
      dir, what: "data directories", once: "one of val, valid, dev", missing: "no train/utt2spk and test/utt2spk",
      expected: layout(.kaldi),
      part: { folder, name in
        guard let split = Split(externalName: name), FileManager.default.fileExists(atPath: "\(folder)/\(name)/utt2spk")
        else { return nil }
        return split
      }, items: kaldiItems)
    return ExternalSplit(
      source: ExternalSplitSource(format: .kaldi, path: dir), folds: folds, speakerOrigin: "utt2spk")
  }

  private static func kaldiItems(_ dir: String) throws -> [ExternalItem] {
    let pairs = try kaldiTable(dir + "/utt2spk", required: true)!
    let labels = try kaldiTable(dir + "/utt2emo", required: false)
    var audio: [String: String] = [:]
    if !FileManager.default.fileExists(atPath: dir + "/segments"),
      let scp = try kaldiTable(dir + "/wav.scp", required: false)
    {
      for row in scp { audio[row.key] = audioPath(inScpValue: row.value) }
    }
    let labelOf = Dictionary(labels?.map { ($0.key, $0.value) } ?? [], uniquingKeysWith: { a, _ in a })
    return pairs.map { row in
      var aliases: [String] = []
      if row.key.hasPrefix(row.value + "-") { aliases.append(String(row.key.dropFirst(row.value.count + 1))) }
      return ExternalItem(
        id: row.key, speaker: row.value, label: labelOf[row.key], path: audio[row.key], aliases: aliases,
        file: dir + "/utt2spk", line: row.line)
    }
  }

  /// `<key> <value>` lines (value = the rest of the line); nil when an optional file is absent.
  private static func kaldiTable(_ path: String, required: Bool) throws -> [(key: String, value: String, line: Int)]? {
    guard FileManager.default.fileExists(atPath: path) else {
      if required { throw LocatedError(file: path, "missing", expected: "a Kaldi data directory file") }
      return nil
    }
    let text = try TextFile(path: path)
    var rows: [(key: String, value: String, line: Int)] = []
    var firstLine: [String: Int] = [:]
    for (i, raw) in text.lines.enumerated() {
      let line = raw.trimmedBlanks
      if line.isEmpty { continue }
      guard let space = line.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
        throw LocatedError(file: path, line: i + 1, "one field", expected: "'<key> <value>' per line")
      }
      let key = String(line[..<space])
      let value = String(line[space...].trimmedBlanks)
      if let first = firstLine[key] {
        throw LocatedError(file: path, line: i + 1, "\(key) already at line \(first)", expected: "each key once")
      }
      firstLine[key] = i + 1
      rows.append((key, value, i + 1))
    }
    return rows
  }

  /// The audio file of a `wav.scp` value: the value itself, or the file a pipe command reads.
  private static func audioPath(inScpValue value: String) -> String? {
    guard value.hasSuffix("|") else { return value }
    let extensions = ["wav", "flac", "sph", "mp3", "ogg", "opus", "m4a"]
    return value.split(separator: " ").map(String.init).first { token in
      extensions.contains((token as NSString).pathExtension.lowercased())
    }
  }
}
