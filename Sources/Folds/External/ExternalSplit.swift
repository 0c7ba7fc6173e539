import EmoSupport
import Foundation
import Readers

/// One segment as another toolkit's split lists it, with where it was read.
public struct ExternalItem: Sendable, Hashable {
  /// The split's own id (EmoBox key, SpeechBrain key, Kaldi utterance id, Lhotse cut id, …).
  public var id: String
  /// The split's speaker, when it gives one.
  public var speaker: String?
  /// The split's class label, when it gives one.
  public var label: String?
  /// The audio file as written in the split (relative paths kept as they are), when given.
  public var path: String?
  /// Further names the same segment goes by (e.g. the key without EmoBox's `<corpus>-` prefix).
  public var aliases: [String]
  public var file: String
  public var line: Int

  public init(
    id: String, speaker: String? = nil, label: String? = nil, path: String? = nil, aliases: [String] = [],
    file: String, line: Int
  ) {
    self.id = id
    self.speaker = speaker
    self.label = label
    self.path = path
    self.aliases = aliases
    self.file = file
    self.line = line
  }

  /// `file:line` (or the file alone when the line is unknown).
  public var location: String { line > 0 ? "\(file):\(line)" : file }

  /// The audio file name without folder and extension.
  public var pathStem: String? {
    guard let path, !path.isEmpty else { return nil }
    return ReaderPaths.stem(path)
  }

  /// Names to match against a corpus, most specific first: id, aliases, audio file stem.
  public var candidateNames: [String] {
    var names = [id] + aliases
    if let stem = pathStem { names.append(stem) }
    var seen = Set<String>()
    return names.filter { !$0.isEmpty && seen.insert($0).inserted }
  }
}

/// One fold of an external split: the items of each part (validation may be empty).
public struct ExternalFold: Sendable, Hashable {
  /// 1-based, as the split numbers it (`fold_3`, `Session3`, `fold-3`, CSV `fold` 3).
  public var index: Int
  public var splits: [Split: [ExternalItem]]

  public init(index: Int, splits: [Split: [ExternalItem]]) {
    self.index = index
    self.splits = splits
  }

  /// Items of one part (empty when the split has none).
  public subscript(split: Split) -> [ExternalItem] { splits[split] ?? [] }

  /// Whether the split gives a validation part for this fold.
  public var hasValidation: Bool { !self[.val].isEmpty }
}

/// A split made by another toolkit, read as it is (nothing matched, nothing fixed).
public struct ExternalSplit: Sendable, Hashable {
  public var source: ExternalSplitSource
  public var folds: [ExternalFold]
  /// Where the speakers come from, in words ("data.seg.wrd.stm", "the split's speaker field").
  public var speakerOrigin: String

  public init(source: ExternalSplitSource, folds: [ExternalFold], speakerOrigin: String) {
    self.source = source
    self.folds = folds
    self.speakerOrigin = speakerOrigin
  }

  /// Reads the split at `source` (files named with file:line when they cannot be trusted).
  /// `needSpeakers` false skips speaker files that matching alone does not use (EmoBox's stm).
  public static func read(_ source: ExternalSplitSource, needSpeakers: Bool = true) throws -> ExternalSplit {
    let path = source.path
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
      throw LocatedError(file: path, "no such file or folder", expected: layout(source.format))
    }
    let split: ExternalSplit
    switch source.format {
    case .emobox: split = try readEmoBox(path, needSpeakers: needSpeakers)
    case .speechbrain: split = try readSpeechBrain(path)
    case .s3prl: split = try readS3PRL(path)
    case .kaldi: split = try readKaldi(path)
    case .lhotse: split = try readLhotse(path)
    case .csv: split = try readCSV(path)
    case .mspPodcast: split = try readMSPPodcast(path)
    }
    guard !split.folds.isEmpty else { throw LocatedError(file: path, "no fold found", expected: layout(source.format)) }
    for fold in split.folds where fold[.train].isEmpty || fold[.test].isEmpty {
      throw LocatedError(
        file: path, "fold \(fold.index) has no \(fold[.train].isEmpty ? "training" : "test") part",
        expected: "train and test parts in every fold")
    }
    for fold in split.folds {
      for part in Split.allCases {
        var first: [String: ExternalItem] = [:]
        for item in fold[part] {
          if let earlier = first[item.id] {
            throw LocatedError(
              file: item.file, line: item.line,
              "segment \(item.id) is listed twice in the \(part.rawValue) part of fold \(fold.index) (first at \(earlier.location))",
              expected: "each segment once per part")
          }
          first[item.id] = item
        }
      }
    }
    return split
  }

  /// What PATH should look like for `format`, for error messages.
  public static func layout(_ format: ExternalSplitFormat) -> String {
    switch format {
    case .emobox: "an EmoBox corpus folder such as data/iemocap, with fold_K/<corpus>_{train,test}_fold_K.jsonl"
    case .speechbrain: "a folder with train.json, valid.json, test.json, or fold-K/ folders holding them"
    case .s3prl: "s3prl's meta_data folder with SessionN/train_meta_data.json and test_meta_data.json"
    case .kaldi: "a folder with train/, test/ (and val/ or dev/) Kaldi data directories, or fold-K/ folders of them"
    case .lhotse: "a folder with cuts_train.jsonl.gz and cuts_test.jsonl.gz, or fold-K/ folders of them"
    case .csv: "a CSV file with the header id,speaker,fold,split"
    case .mspPodcast: "an MSP-Podcast release folder (Labels/labels_consensus.csv with Split_Set), or that table"
    }
  }

  /// Every item gets a speaker by `rule`; throws at the first item without one.
  public func withSpeakers(_ rule: SpeakerRule) throws -> ExternalSplit {
    var copy = self
    if rule == .iemocap { copy.speakerOrigin = "IEMOCAP turn names" }
    for f in copy.folds.indices {
      for split in Split.allCases {
        guard var items = copy.folds[f].splits[split] else { continue }
        for i in items.indices {
          switch rule {
          case .split:
            guard let speaker = items[i].speaker, !speaker.isEmpty else {
              throw LocatedError(
                file: items[i].file, line: items[i].line, "no speaker for segment \(items[i].id)",
                expected: "a speaker for every segment; for IEMOCAP turns use --speaker-rule iemocap")
            }
          case .iemocap:
            let names = [items[i].id] + items[i].aliases + [items[i].path].compactMap { $0 }
            guard let speaker = names.lazy.compactMap(IEMOCAPTurnName.speaker(in:)).first else {
              throw LocatedError(
                file: items[i].file, line: items[i].line, "segment \(items[i].id) has no IEMOCAP turn name",
                expected: "ids or paths such as Ses01F_impro01_M003 with --speaker-rule iemocap")
            }
            items[i].speaker = speaker
          }
        }
        copy.folds[f].splits[split] = items
      }
    }
    return copy
  }
}

/// Fold folders shared by the layouts: `fold-K`, `fold_K` or `foldK` (K ≥ 1).
enum FoldFolders {
  /// `(K, path)` of every fold folder directly under `dir`, by K; a K given twice is an error.
  static func list(in dir: String) throws -> [(index: Int, path: String)] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
    var found: [Int: String] = [:]
    for name in names {
      guard let k = index(of: name, prefix: "fold") else { continue }
      var isDir: ObjCBool = false
      guard FileManager.default.fileExists(atPath: dir + "/" + name, isDirectory: &isDir), isDir.boolValue else {
        continue
      }
      if let other = found[k] {
        throw LocatedError(
          file: dir, "holds two folders for fold \(k) (\(other) and \(name))", expected: "one folder per fold")
      }
      found[k] = name
    }
    return found.keys.sorted().map { ($0, dir + "/" + found[$0]!) }
  }

  /// The folds of a toolkit that writes one entry per part (Kaldi data directories, Lhotse cut
  /// manifests) in `fold-K/` folders, or directly in `dir` for one fold. `part` names the part an
  /// entry of a folder holds (nil: not one); `items` reads it. Two entries for one part (`once`
  /// says what is expected), or a fold without train and test (`missing`, `expected`), are errors
  /// naming the folder; `what` words the entries.
  static func read(
    _ dir: String, what: String, once: String, missing: String, expected: String, part: (String, String) -> Split?,
    items: (String) throws -> [ExternalItem]
  ) throws -> [ExternalFold] {
    var folders = try list(in: dir)
    if folders.isEmpty { folders = [(1, dir)] }
    var folds: [ExternalFold] = []
    for (k, folder) in folders {
      var splits: [Split: [ExternalItem]] = [:]
      for name in ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted() {
        guard let split = part(folder, name) else { continue }
        if splits[split] != nil {
          throw LocatedError(
            file: folder, "holds two \(what) for the \(split.rawValue) part",
            expected: once)
        }
        splits[split] = try items("\(folder)/\(name)")
      }
      guard splits[.train] != nil, splits[.test] != nil else {
        throw LocatedError(file: folder, missing, expected: expected)
      }
      folds.append(ExternalFold(index: k, splits: splits))
    }
    return folds
  }

  /// K of `<prefix>K`, `<prefix>-K` or `<prefix>_K`; nil otherwise.
  static func index(of name: String, prefix: String) -> Int? {
    guard name.hasPrefix(prefix) else { return nil }
    var rest = name.dropFirst(prefix.count)
    if rest.first == "-" || rest.first == "_" { rest = rest.dropFirst() }
    guard !rest.isEmpty, rest.allSatisfy({ $0.isASCII && $0.isNumber }), let k = Int(rest), k >= 1 else { return nil }
    return k
  }
}

extension Split {
  /// The part a toolkit's split name stands for: `train`; `val`, `valid`, `validation`, `dev`, `cv`; `test`.
  public init?(externalName name: String) {
    switch name.lowercased() {
    case "train", "training": self = .train
    case "val", "valid", "validation", "dev", "cv": self = .val
    case "test": self = .test
    default: return nil
    }
  }
}
