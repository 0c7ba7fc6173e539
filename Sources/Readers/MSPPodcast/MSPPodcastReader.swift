import EmoCorpus
import EmoSupport
import Foundation

/// Reads an MSP-Podcast release tree into a `Corpus`.
///
/// Labels come from `Labels/labels_consensus.csv` (older releases spell it `labels_concensus.csv`:
/// one row per file with its class letter, consensus arousal/valence/dominance on 1–7, speaker,
/// gender and `Split_Set`), `Labels/labels_detailed.csv` (one row per rater and file: primary and
/// secondary classes, the rater's three ratings), or, in 1.x releases, the single
/// `Labels/labels.txt` (a file line followed by its raters' lines). Audio is `Audios/<FileName>`,
/// flat or one subfolder down; `Transcripts/<stem>.txt`, when present, gives each file its text
/// (for the content checks; never printed).
///
/// A file is its own dialog. Speaker `Unknown` (or none) is a speaker of its own per file, never
/// pooled, counted as `unknown_speaker_files`. The class letter `X` (no agreement) and `O` (other)
/// are kept as the corpus's consensus and mark the segment for the drops `no_agreement` and
/// `other_class`. A row that cannot be a segment (no file name, a file named twice, a rater row of
/// a file the consensus table lacks, a rater twice for one file) is an item fault; a rating that is
/// not a number or lies outside 1–7 is left out and counted (the row keeps its other values), and
/// with `strict` either is fatal.
public struct MSPPodcastReader: CorpusReader {
  /// The scale of every MSP-Podcast rating.
  public static let scale: (min: Double, max: Double) = (1, 7)
  /// The dimension names and the columns (and 1.x tags) that carry them.
  static let dimensions: [(name: String, column: String, tag: String)] = [
    ("arousal", "arousal", "A"), ("valence", "valence", "V"), ("dominance", "dominance", "D"),
  ]
  /// Label files looked for under `Labels/`, in order of preference.
  public static let consensusNames = ["labels_consensus.csv", "labels_concensus.csv"]
  public static let detailedName = "labels_detailed.csv"
  public static let textName = "labels.txt"

  /// `--columns`: EmoCorpus name → the release's header (see `MSPPodcastColumns`).
  public var columns: [String: String]
  /// Stop at the first faulty item or rating instead of leaving it out.
  public var strict: Bool

  public init(columns: [String: String] = [:], strict: Bool = false) {
    self.columns = columns
    self.strict = strict
  }

  public func read(root: String) throws -> Corpus {
    let root = ReaderPaths.absolute(root)
    let labels = root + "/Labels"
    let expected =
      "an MSP-Podcast release: Labels/labels_consensus.csv (or labels_concensus.csv), Labels/labels_detailed.csv or Labels/labels.txt"
    guard ReaderPaths.isFolder(root) else {
      throw LocatedError(file: root, "not a folder", expected: expected)
    }
    let consensus = Self.consensusNames.map { labels + "/" + $0 }.first(where: ReaderPaths.exists)
    let detailed = ReaderPaths.exists(labels + "/" + Self.detailedName) ? labels + "/" + Self.detailedName : nil
    let text = ReaderPaths.exists(labels + "/" + Self.textName) ? labels + "/" + Self.textName : nil
    guard consensus != nil || detailed != nil || text != nil else {
      throw LocatedError(
        file: labels,
        "no labels file (looked for \(labels)/labels_consensus.csv, labels_concensus.csv, "
          + "labels_detailed.csv and labels.txt)", expected: expected)
    }
    var builder = MSPPodcastBuilder(
      root: root, audio: AudioFolder(root + "/Audios"), columns: columns, strict: strict)
    var faults = ItemFaults(strict: strict)
    var corpus = Corpus(name: (root as NSString).lastPathComponent, source: .mspPodcast, root: root)
    if consensus != nil || detailed != nil {
      if let consensus { try builder.readConsensus(consensus, faults: &faults, inputs: &corpus.inputFiles) }
      if let detailed { try builder.readDetailed(detailed, faults: &faults, inputs: &corpus.inputFiles) }
      if let text { corpus.notes.append("\(text): not read (the CSV label tables are read instead)") }
    } else if let text {
      try builder.readLabelsText(text, faults: &faults, inputs: &corpus.inputFiles)
    }
    builder.finish(into: &corpus)
    corpus.faults = faults.resolved(apartFrom: corpus.segments.lazy.map(\.id))
    let transcripts = root + "/Transcripts"
    if ReaderPaths.isFolder(transcripts) { try TranscriptFolder.attach(folder: transcripts, to: &corpus) }
    return corpus
  }
}

/// The audio files of `Audios/`: flat, or one level of subfolders, by file name.
struct AudioFolder {
  let path: String
  private(set) var byName: [String: String] = [:]
  /// Names found in two subfolders (the first, by sorted path, is used).
  private(set) var duplicates: [String] = []

  init(_ path: String) {
    self.path = path
    let fm = FileManager.default
    for name in ((try? fm.contentsOfDirectory(atPath: path)) ?? []).sorted() where !name.hasPrefix(".") {
      let full = path + "/" + name
      if ReaderPaths.isFolder(full) {
        for inner in ((try? fm.contentsOfDirectory(atPath: full)) ?? []).sorted() where !inner.hasPrefix(".") {
          add(inner, full + "/" + inner)
        }
      } else {
        add(name, full)
      }
    }
  }

  private mutating func add(_ name: String, _ full: String) {
    if byName[name] == nil { byName[name] = full } else { duplicates.append(name) }
  }

  /// The audio file of `fileName` (a bare name, as the label tables give it): the one found, else
  /// where it should be (`Audios/<name>`, reported missing later); nil when the name would leave
  /// the folder.
  func file(_ fileName: String) -> Result<String, CorpusPath.Problem> {
    if let found = byName[fileName] { return .success(found) }
    return CorpusPath.resolve(fileName, root: path)
  }
}
