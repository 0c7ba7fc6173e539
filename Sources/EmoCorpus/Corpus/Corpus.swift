import EmoSupport

/// Which reader produced a corpus (the CLI's SOURCE argument).
public enum SourceKind: String, Sendable, Hashable, Codable, CaseIterable {
  case iemocap, cemo, table, trs
  /// Audio files whose paths carry speaker and label (`FilesReader`).
  case files
  /// MSP-Podcast release trees (`Labels/`, `Audios/`, `Transcripts/`).
  case mspPodcast = "msp-podcast"
}

/// Everything a reader found: the one in-memory model every later stage works on.
public struct Corpus: Sendable, Codable {
  public var name: String
  public var source: SourceKind
  /// Absolute, standardized corpus root.
  public var root: String
  public var coders: [String]
  /// Speakers in first-seen order; ids unique.
  public var speakers: [Speaker]
  public var dialogs: [Dialog]
  /// Segments in file order.
  public var segments: [Segment]
  public var inputFiles: [InputFile]
  /// Remarks of the reader (a hidden file skipped, stretches without label), never corpus content.
  public var notes: [String]
  /// Items read that could not become segments (dropped as `malformed`); ids distinct from the
  /// segments' ids.
  public var faults: [ItemFault]
  /// Counts a reader reports (`clamped_boundaries`, `unknown_gender_speakers`, …), written under
  /// `notes` in summary.json.
  public var readerCounts: [String: Int]
  /// What the files reader saw besides its segments (unmatched files, …); nil for other readers.
  public var fileScan: FileScan?
  /// The rating dimensions the corpus carries, in order (empty: a categorical corpus).
  public var dimensionScales: [DimensionScale] = []
  /// Rating values that are not ratings (empty, outside the scale, not a number), located; the rest
  /// of their line or row is kept.
  public var ratingExclusions: [RatingExclusion] = []

  public init(
    name: String, source: SourceKind, root: String, coders: [String] = [], speakers: [Speaker] = [],
    dialogs: [Dialog] = [], segments: [Segment] = [], inputFiles: [InputFile] = [], notes: [String] = [],
    faults: [ItemFault] = [], readerCounts: [String: Int] = [:]
  ) {
    self.name = name
    self.source = source
    self.root = root
    self.coders = coders
    self.speakers = speakers
    self.dialogs = dialogs
    self.segments = segments
    self.inputFiles = inputFiles
    self.notes = notes
    self.faults = faults
    self.readerCounts = readerCounts
  }

  /// Every item read: its segments, then its faulty items (kept + dropped = this count).
  public var itemsRead: Int { segments.count + faults.count }

  /// The ids of every item read (segments, then faulty items), for the accounting check.
  public var itemIDs: [String] { segments.map(\.id) + faults.map(\.id) }

  /// Speaker by id.
  public func speaker(_ id: String) -> Speaker? { speakers.first { $0.id == id } }

  /// Speakers keyed by id (build once where lookups are hot).
  public var speakersByID: [String: Speaker] {
    Dictionary(speakers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
  }
}
