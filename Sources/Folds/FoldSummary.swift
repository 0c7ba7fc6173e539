/// Segments and sub-segments (3 s windows) of one class.
public struct ClassCount: Sendable, Hashable, Codable {
  public var segments: Int
  public var windows: Int

  public init(segments: Int = 0, windows: Int = 0) {
    self.segments = segments
    self.windows = windows
  }
}

/// Counts of one split (or of all kept segments).
public struct SplitSummary: Sendable, Hashable, Codable {
  public var segments: Int
  public var windows: Int
  public var speakers: Int
  public var dialogs: Int
  /// Per task class; every class of the run is present (zero counts included).
  public var classes: [String: ClassCount]
  /// Segments whose duration is unknown (null `end`, `duration` and `windows`: a labels-only run
  /// on whole files whose audio is not there); their windows are not in `windows`. Absent when 0.
  public var unknownDurations: Int?

  public init(
    segments: Int, windows: Int, speakers: Int, dialogs: Int, classes: [String: ClassCount],
    unknownDurations: Int? = nil
  ) {
    self.segments = segments
    self.windows = windows
    self.speakers = speakers
    self.dialogs = dialogs
    self.classes = classes
    self.unknownDurations = unknownDurations.flatMap { $0 > 0 ? $0 : nil }
  }

  enum CodingKeys: String, CodingKey {
    case segments, windows, speakers, dialogs, classes
    case unknownDurations = "unknown_durations"
  }

  /// `init(entries, classes:)` of the lines' entries, each read in place (not copied whole).
  init(lines: [ManifestLine], classes: [String]) {
    self.init(
      fields: lines.indices.lazy.map {
        (lines[$0].entry.windows, lines[$0].entry.speaker, lines[$0].entry.dialog, lines[$0].entry.label)
      }, classes: classes)
  }

  /// Counts of entries given as their (windows, speaker, dialog, label); nil windows: unknown
  /// duration, counted apart.
  private init<S: Sequence<(Int?, String, String, String)>>(fields: S, classes: [String]) {
    var counter = Counter()
    for (windows, speaker, dialog, label) in fields {
      counter.add(windows: windows, speaker: speaker, dialog: dialog, label: label)
    }
    self = counter.summary(classes: classes)
  }

  /// Counts of `entries`, with a zero entry for every class of `classes` they lack.
  public init<S: Sequence<ManifestEntry>>(_ entries: S, classes: [String]) {
    self.init(fields: entries.lazy.map { ($0.windows, $0.speaker, $0.dialog, $0.label) }, classes: classes)
  }
}

extension SplitSummary {
  /// Counts of manifest entries added one at a time: a split's lines, or the kept segments of
  /// every fold as `check-folds` streams them.
  struct Counter {
    private var segments = 0
    private var windows = 0
    private var unknown = 0
    private var speakers = Set<String>()
    private var dialogs = Set<String>()
    private var lastSpeaker: String?
    private var lastDialog: String?
    /// Labels are few: counted in a short list, added to the classes at the end.
    private var labels: [(label: String, count: ClassCount)] = []

    /// One entry; nil windows: its duration is unknown (counted apart, no windows).
    mutating func add(windows known: Int?, speaker: String, dialog: String, label: String) {
      segments += 1
      let w = known ?? 0
      if known == nil { unknown += 1 }
      windows += w
      // Lines of one speaker and dialog follow each other: a value equal to the one before is
      // already in its set.
      if speaker != lastSpeaker {
        speakers.insert(speaker)
        lastSpeaker = speaker
      }
      if dialog != lastDialog {
        dialogs.insert(dialog)
        lastDialog = dialog
      }
      let c: Int
      if let known = labels.firstIndex(where: { $0.label == label }) {
        c = known
      } else {
        c = labels.count
        labels.append((label, ClassCount()))
      }
      labels[c].count.segments += 1
      labels[c].count.windows += w
    }

    /// The counts, with a zero entry for every class of `classes` the entries lack.
    func summary(classes: [String]) -> SplitSummary {
      var perClass = Dictionary(uniqueKeysWithValues: classes.map { ($0, ClassCount()) })
      for (label, count) in labels {
        perClass[label, default: ClassCount()].segments += count.segments
        perClass[label, default: ClassCount()].windows += count.windows
      }
      return SplitSummary(
        segments: segments, windows: windows, speakers: speakers.count, dialogs: dialogs.count, classes: perClass,
        unknownDurations: unknown)
    }
  }
}

/// What training will oversample its split to (training splits only, at training time).
public struct OversamplingTarget: Sendable, Hashable, Codable {
  /// Every class present in training is oversampled to this many segments (the largest class).
  public var segmentsPerClass: Int
  /// Segments oversampling adds in total.
  public var addedSegments: Int

  public init(segmentsPerClass: Int, addedSegments: Int) {
    self.segmentsPerClass = segmentsPerClass
    self.addedSegments = addedSegments
  }

  /// The target for a training split: equal segment counts per class, the largest class as is.
  public init(training: SplitSummary) {
    let present = training.classes.values.map(\.segments).filter { $0 > 0 }
    let top = present.max() ?? 0
    self.init(segmentsPerClass: top, addedSegments: present.reduce(0) { $0 + top - $1 })
  }

  enum CodingKeys: String, CodingKey {
    case segmentsPerClass = "segments_per_class"
    case addedSegments = "added_segments"
  }
}

/// Counts of one fold.
public struct FoldCounts: Sendable, Hashable, Codable {
  public var fold: Int
  public var train: SplitSummary
  public var val: SplitSummary
  public var test: SplitSummary
  public var oversampling: OversamplingTarget
  /// Kept segments this fold leaves unused because their speaker and their sentence fall in
  /// different parts (text-independent folds only; nil otherwise).
  public var crossFold: Int?

  enum CodingKeys: String, CodingKey {
    case fold, train, val, test, oversampling
    case crossFold = "cross_fold"
  }

  public init(fold: Int, train: SplitSummary, val: SplitSummary, test: SplitSummary) {
    self.fold = fold
    self.train = train
    self.val = val
    self.test = test
    self.oversampling = OversamplingTarget(training: train)
  }

  /// Counts of one split.
  public subscript(split: Split) -> SplitSummary {
    switch split {
    case .train: train
    case .val: val
    case .test: test
    }
  }
}

/// `folds/summary.json`: how the folds were made and what each split holds.
public struct FoldSummary: Sendable, Hashable, Codable {
  /// Number of folds (`fold-1` … `fold-<folds>`).
  public var folds: Int
  public var strategy: FoldStrategy
  public var seed: UInt64
  /// Task classes in table order.
  public var classes: [String]
  /// All kept segments.
  public var kept: SplitSummary
  public var perFold: [FoldCounts]
  /// The corpus's rating dimensions and their scales (absent for a categorical corpus): manifests'
  /// `dimensions` values are in these units.
  public var dimensions: [String: DimensionScaleEntry]?

  public init(
    folds: Int, strategy: FoldStrategy, seed: UInt64, classes: [String], kept: SplitSummary, perFold: [FoldCounts]
  ) {
    self.folds = folds
    self.strategy = strategy
    self.seed = seed
    self.classes = classes
    self.kept = kept
    self.perFold = perFold
  }

  enum CodingKeys: String, CodingKey {
    case folds, strategy, seed, classes, kept
    case perFold = "per_fold"
    case dimensions
  }
}

/// `folds/summary.json` `dimensions.<name>`.
public struct DimensionScaleEntry: Sendable, Hashable, Codable {
  /// [min, max].
  public var scale: [Double]

  public init(scale: [Double]) { self.scale = scale }
}
