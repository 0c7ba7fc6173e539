import EmoSupport
import Foundation

/// EmoBox's published partitions (github.com/emo-box/EmoBox, `data/<corpus>/`).
///
/// `fold_K/<corpus>_{train,valid,test}_fold_K.jsonl`: one JSON object per line, `key` (the
/// corpus name, `-`, the file stem: `iemocap-Ses01F_impro04_F000`), `wav`, `emo`, … and no speaker.
/// Speakers are in `data.seg.wrd.stm`, one segment per line: id, channel, speaker, start, end, a tag
/// `<id=…,lang=…,spk=…,emotion=…>` and the label. Some ids and speakers hold spaces (RESD, JL-Corpus,
/// M3ED), so the tag is read when present and the whitespace columns only without it. The older
/// files beside them (`*_fold1.jsonl` with `audio`/`label`, the `.json` copies) are not read.
extension ExternalSplit {
  static func readEmoBox(_ dir: String, needSpeakers: Bool) throws -> ExternalSplit {
    let corpus = (dir as NSString).lastPathComponent
    let folders = try FoldFolders.list(in: dir)
    if folders.isEmpty {
      let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
      let corpora = names.filter { !((try? FoldFolders.list(in: dir + "/" + $0)) ?? []).isEmpty }
      if !corpora.isEmpty {
        throw LocatedError(
          file: dir, "holds EmoBox corpus folders (\(corpora.prefix(3).joined(separator: ", "))…), not folds",
          expected: "one corpus folder, such as \(dir)/\(corpora[0])")
      }
      throw LocatedError(file: dir, "no fold_K folder", expected: layout(.emobox))
    }
    var folds: [ExternalFold] = []
    for (k, folder) in folders {
      var splits: [Split: [ExternalItem]] = [:]
      for (name, split) in [("train", Split.train), ("valid", .val), ("test", .test)] {
        guard let file = try emoBoxFile(in: folder, corpus: corpus, split: name, fold: k) else {
          if split == .val { continue }
          throw LocatedError(
            file: "\(folder)/\(corpus)_\(name)_fold_\(k).jsonl", "missing",
            expected: "train and test files in every fold_K folder")
        }
        splits[split] = try readEmoBoxLines(file)
      }
      folds.append(ExternalFold(index: k, splits: splits))
    }
    let stm = dir + "/data.seg.wrd.stm"
    if needSpeakers {
      let speakers = try readSTM(stm)
      for f in folds.indices {
        for (split, items) in folds[f].splits {
          folds[f].splits[split] = try items.map { item in
            var item = item
            guard let speaker = speakers[item.id] else {
              throw LocatedError(
                file: item.file, line: item.line, "key \(item.id) is not in \(stm)",
                expected: "every key of the split in data.seg.wrd.stm")
            }
            item.speaker = speaker
            return item
          }
        }
      }
    }
    return ExternalSplit(
      source: ExternalSplitSource(format: .emobox, path: dir), folds: folds, speakerOrigin: "data.seg.wrd.stm")
  }

  /// `<corpus>_<split>_fold_K.jsonl` in `folder`, or the one `*_<split>_fold_K.jsonl` there; nil when none.
  private static func emoBoxFile(in folder: String, corpus: String, split: String, fold k: Int) throws -> String? {
    let suffix = "_\(split)_fold_\(k).jsonl"
    let exact = "\(folder)/\(corpus)\(suffix)"
    if FileManager.default.fileExists(atPath: exact) { return exact }
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(suffix) }
    guard names.count <= 1 else {
      throw LocatedError(
        file: folder, "holds several *\(suffix) files (\(names.sorted().joined(separator: ", ")))",
        expected: "one \(corpus)\(suffix)")
    }
    return names.first.map { "\(folder)/\($0)" }
  }

  private static func readEmoBoxLines(_ file: String) throws -> [ExternalItem] {
    guard let data = FileManager.default.contents(atPath: file) else {
      throw LocatedError(file: file, "cannot read file", expected: "a readable JSON-lines file")
    }
    let expected = "one JSON object per line with a \"key\""
    var items: [ExternalItem] = []
    try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
      let bytes = raw.bindMemory(to: UInt8.self)
      var start = 0
      var number = 0
      while start < bytes.count {
        let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
        number += 1
        defer { start = end + 1 }
        let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
        let members: [(key: String, value: JSONValue)]
        do throws(JSONScanner.Failure) {
          members = try JSONScanner.object(line)
        } catch {
          throw LocatedError(
            file: file, line: number, "not valid JSON at column \(error.column): \(error.what)", expected: expected)
        }
        func string(_ names: String...) -> String? {
          for name in names {
            if let member = members.first(where: { $0.key == name }), case .string(let s) = member.value { return s }
          }
          return nil
        }
        guard let key = string("key"), !key.isEmpty else {
          throw LocatedError(file: file, line: number, "no \"key\" string", expected: expected)
        }
        var aliases: [String] = []
        if let dataset = string("dataset"), key.hasPrefix(dataset + "-") {
          aliases.append(String(key.dropFirst(dataset.count + 1)))
        }
        items.append(
          ExternalItem(
            id: key, label: string("emo", "label"), path: string("wav", "audio"), aliases: aliases, file: file,
            line: number))
      }
    }
    return items
  }

  /// Speaker of each segment id in an STM file (`;;` comments and blank lines skipped).
  static func readSTM(_ path: String) throws -> [String: String] {
    let text = try TextFile(path: path)
    let expected = "'<id> <channel> <speaker> <start> <end> [<id=…,spk=…>] <label>' per line"
    var speakers: [String: String] = [:]
    for (i, raw) in text.lines.enumerated() {
      let line = raw.trimmedBlanks
      if line.isEmpty || line.hasPrefix(";;") { continue }
      var id: String?
      var speaker: String?
      if let open = line.range(of: "<id="), let close = line[open.upperBound...].firstIndex(of: ">") {
        let fields = stmTag(line[line.index(after: open.lowerBound)..<close])
        id = fields["id"]
        speaker = fields["spk"]
      }
      if id == nil || speaker == nil {
        let columns = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard columns.count >= 5 else {
          throw LocatedError(file: path, line: i + 1, "\(columns.count) columns", expected: expected)
        }
        id = id ?? String(columns[0])
        speaker = speaker ?? String(columns[2])
      }
      if let known = speakers[id!], known != speaker! {
        throw LocatedError(
          file: path, line: i + 1, "segment \(id!) has speaker \(speaker!) here and \(known) earlier",
          expected: "one speaker per segment")
      }
      speakers[id!] = speaker!
    }
    return speakers
  }

  /// `key=value` pairs of an STM tag body; a piece without `=` belongs to the previous value.
  private static func stmTag(_ body: Substring) -> [String: String] {
    var fields: [String: String] = [:]
    var last: String?
    for piece in body.split(separator: ",", omittingEmptySubsequences: false) {
      if let eq = piece.firstIndex(of: "="), !piece[..<eq].contains(" ") {
        let key = String(piece[..<eq])
        fields[key] = String(piece[piece.index(after: eq)...])
        last = key
      } else if let key = last {
        fields[key]! += "," + piece
      }
    }
    return fields
  }
}
