import EmoCorpus
import EmoSupport
import Foundation

/// Reads a corpus that has no table: speaker and emotion are in its audio files' paths
/// (`wav/03a01Fa.wav`, `Actor_01/03-01-05-01-02-01-01.wav`, `Angry/SM1_F10_A010.wav`).
///
/// Every audio file under ROOT whose relative path the layout's pattern matches is one segment,
/// the whole file (span resolved from the audio header later), labelled with the label the corpus
/// gives it (its own consensus, no coder). Files the pattern does not match are not segments:
/// they are listed in `Corpus.fileScan`. Segment id: the `id` group (`/` made `_`), else the file
/// name without extension; two files with one id are an error. Dialog: the `dialog` group, else
/// the segment id. Other named groups are kept in the segment's `extra`.
public struct FilesReader: CorpusReader {
  public let layout: FileLayout

  public init(layout: FileLayout) { self.layout = layout }

  public func read(root: String) throws -> Corpus {
    let folder = ReaderPaths.absolute(root)
    let tree = try AudioFileTree(root: folder)
    var scan = FileScan()
    scan.audioFiles = tree.files.count
    scan.hidden = tree.hidden
    scan.outsideLinks = tree.outsideLinks

    var segments: [Segment] = []
    var firstFileOfID: [String: String] = [:]
    var speakerOrder: [String] = []
    var speakerFirstFile: [String: String] = [:]
    var speakerCode: [String: String] = [:]
    var capturedGenders: [String: [(file: String, gender: Gender)]] = [:]
    var caseMismatched: [String] = []
    var listing = SHA256()
    var sameBytesAtTwoPaths: [String] = []

    for relative in tree.files {
      guard let match = layout.pattern.match(relative) else {
        scan.unmatched.append(relative)
        continue
      }
      if !match.exactCase { caseMismatched.append(relative) }
      let path = folder + "/" + relative
      let groups = match.groups
      let code = groups["speaker"]!
      let speaker = layout.speakerPrefix + code
      let stem = ReaderPaths.stem(relative)
      var id = groups["id"].map { $0.replacingOccurrences(of: "/", with: "_") } ?? stem
      if let first = firstFileOfID[id] {
        // The same file at two paths (a copy nested in the corpus) is read under its path and
        // dropped later as duplicate audio; two different files with one id cannot be told apart.
        let pathID = (relative as NSString).deletingPathExtension.replacingOccurrences(of: "/", with: "_")
        guard Self.sameBytes(folder + "/" + first, path), firstFileOfID[pathID] == nil else {
          throw LocatedError(
            file: path, "segment id \(id) is already the id of \(first)",
            expected: "one file per id: an (?<id>…) group that tells such files apart, e.g. with their folder")
        }
        sameBytesAtTwoPaths.append(relative)
        id = pathID
      }
      firstFileOfID[id] = relative
      if speakerFirstFile[speaker] == nil {
        speakerOrder.append(speaker)
        speakerFirstFile[speaker] = path
        speakerCode[speaker] = code
      }
      if let captured = groups["gender"] {
        capturedGenders[speaker, default: []].append((relative, layout.gender(ofCode: captured)))
      } else if let mapped = layout.genders.value(for: code) {
        // Without a gender group, the gender map may name speakers (`03=male,08=female`).
        capturedGenders[speaker, default: []].append((relative, Gender.parse(mapped) ?? .unknown))
      }
      let rawLabel = groups["label"]!
      var extra: [String: String] = [:]
      for (name, value) in groups where !FileNamePattern.knownGroups.contains(name) { extra[name] = value }
      segments.append(
        Segment(
          id: id, dialog: groups["dialog"] ?? id, speaker: speaker, audio: AudioRef(path: path),
          corpusConsensus: layout.labels.value(for: rawLabel) ?? rawLabel, origin: Origin(file: path), extra: extra))
      listing.update("\(relative)\t\(Self.size(of: path))\n")
    }
    guard !segments.isEmpty else {
      guard let first = tree.files.first else {
        throw LocatedError(
          file: folder, "no audio file in this folder or below",
          expected: "audio files (\(AudioFileTree.describedExtensions)) under ROOT")
      }
      throw LocatedError(
        file: folder, "none of the \(tree.files.count) audio files matches the pattern (first file: \(first))",
        expected: "a pattern for paths relative to ROOT, e.g. '(?<label>[A-Za-z]+)/(?<speaker>[^_/]+)_[^/]*\\.wav'")
    }
    // Case differences are worth a look only where most names follow the pattern's spelling.
    if caseMismatched.count * 2 < segments.count { scan.caseMismatched = caseMismatched }

    var speakers: [Speaker] = []
    for id in speakerOrder {
      let captured = capturedGenders[id] ?? []
      let gender = layout.speakerGenders[speakerCode[id]!] ?? Self.mostFrequent(captured.map(\.gender))
      let disagreeing = captured.filter { $0.gender != gender }.map(\.file)
      if !disagreeing.isEmpty {
        scan.genderConflicts.append(FileScan.GenderConflict(speaker: id, gender: gender, files: disagreeing))
      }
      speakers.append(Speaker(id: id, gender: gender, role: .speaker, origin: Origin(file: speakerFirstFile[id]!)))
    }

    var corpus = Corpus(
      name: layout.name ?? (folder as NSString).lastPathComponent, source: .files, root: folder, speakers: speakers,
      dialogs: Self.dialogs(of: segments), segments: segments,
      inputFiles: [InputFile(path: folder + "/", sha256: listing.finalizeHex())])
    corpus.readerCounts["unknown_gender_speakers"] = speakers.filter { $0.gender == .unknown }.count
    if !sameBytesAtTwoPaths.isEmpty {
      corpus.readerCounts["same_file_at_two_paths"] = sameBytesAtTwoPaths.count
    }
    scan.presetCounts = layout.preset?.counts(of: corpus)
    corpus.fileScan = scan
    corpus.notes = scan.messages(limit: 20)
    if let first = sameBytesAtTwoPaths.first {
      corpus.notes.append(
        "\(sameBytesAtTwoPaths.count) audio files have the name and the bytes of a file at another path "
          + "(first: \(first)); read under their path, dropped as duplicate audio")
    }
    return corpus
  }

  /// One dialog per distinct dialog id, in first-seen order; its audio is the file when it has one.
  static func dialogs(of segments: [Segment]) -> [Dialog] {
    var order: [String] = []
    var paths: [String: Set<String>] = [:]
    var origins: [String: Origin] = [:]
    for segment in segments {
      if paths[segment.dialog] == nil {
        order.append(segment.dialog)
        origins[segment.dialog] = segment.origin
      }
      paths[segment.dialog, default: []].insert(segment.audio!.path)
    }
    return order.map { id in
      Dialog(id: id, audioPath: paths[id]!.count == 1 ? paths[id]!.first : nil, origin: origins[id]!)
    }
  }

  /// The gender most names give (codes that name none do not vote); `unknown` when none does or
  /// on a tie.
  static func mostFrequent(_ genders: [Gender]) -> Gender {
    let male = genders.filter { $0 == .male }.count
    let female = genders.filter { $0 == .female }.count
    return male > female ? .male : female > male ? .female : .unknown
  }

  /// Whether two files hold the same bytes (sizes first, then content hashes).
  static func sameBytes(_ a: String, _ b: String) -> Bool {
    guard size(of: a) == size(of: b), size(of: a) >= 0 else { return false }
    guard let x = try? AudioFileHash.of(fileAt: a), let y = try? AudioFileHash.of(fileAt: b) else { return false }
    return x == y
  }

  private static func size(of path: String) -> Int64 {
    var info = stat()
    return stat(path, &info) == 0 ? Int64(info.st_size) : -1
  }
}
