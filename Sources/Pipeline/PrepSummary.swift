import EmoCorpus
import EmoSupport
import Folds
import Foundation

/// What `prep` did, as `summary.json` and as the table printed on stdout.
///
/// Invariant (checked before writing): `kept + dropped == read`.
public struct PrepSummary: Codable, Sendable, Equatable {
  public var toolVersion = EmoCorpusModule.version
  public var source: String
  public var task: String
  public var classes: [String]
  public var seed: UInt64
  public var segmentsRead: Int
  public var kept: Int
  public var dropped: Int
  public var keptPerClass: [String: Int]
  /// Keyed by the closed list of reasons (`DropReason` raw values); every reason present, 0 included.
  public var droppedPerReason: [String: Int]
  public var speakersRead: Int
  public var speakersKept: Int
  public var dialogsKept: Int
  public var labelsOnly: Bool
  /// Why the run is labels-only, when it is.
  public var labelsOnlyReason: String?
  public var folds: Int
  /// What became of an external split (`--folds-from`): matching, carved validation, leaking folds.
  public var foldsFrom: ExternalSplitReport?
  /// Segments with cached features (nil when no audio was read).
  public var featuresReady: Int?
  /// Source files per sample rate, files below the target rate (nil when no audio was read).
  public var audio: AudioFilesSummary?
  public var outputs: [String]
  /// Counts the reader reports (`clamped_boundaries`, `unknown_gender_speakers`,
  /// `unlabeled_stretches`, …) and, for SOURCE files, the audio files set aside; optional so that
  /// older summaries still read.
  public var notes: SummaryNotes?
  /// Per rating dimension over the kept segments (nil for a corpus without dimensions).
  public var dimensions: [String: DimensionStatistics]?

  enum CodingKeys: String, CodingKey {
    case toolVersion = "tool_version", source, task, classes, seed
    case segmentsRead = "segments_read", kept, dropped
    case keptPerClass = "kept_per_class", droppedPerReason = "dropped_per_reason"
    case speakersRead = "speakers_read", speakersKept = "speakers_kept", dialogsKept = "dialogs_kept"
    case labelsOnly = "labels_only", labelsOnlyReason = "labels_only_reason", folds, foldsFrom = "folds_from"
    case featuresReady = "features_ready", audio, outputs, notes, dimensions
  }

  /// Pretty JSON with sorted keys (stable bytes).
  public func jsonData() throws -> Data {
    try JSONEncoder.stable.encode(self) + Data("\n".utf8)
  }

  /// The table printed at the end of `prep`: read, kept per class, dropped per reason, sum check.
  public func table() -> String {
    var rows: [(String, String)] = [("segments read", "\(segmentsRead)"), ("kept", "\(kept)")]
    for name in classes { rows.append(("  \(name)", "\(keptPerClass[name] ?? 0)")) }
    rows.append(("dropped", "\(dropped)"))
    for reason in DropReason.allCases {
      let n = droppedPerReason[reason.rawValue] ?? 0
      if n > 0 { rows.append(("  \(reason.words)", "\(n)")) }
    }
    rows.append(("speakers kept", "\(speakersKept) of \(speakersRead)"))
    if let audio, !audio.sampleRates.isEmpty {
      let rates = audio.sampleRates.sorted { (Int($0.key) ?? 0) < (Int($1.key) ?? 0) }
        .map { "\($0.value) at \($0.key) Hz" }.joined(separator: ", ")
      rows.append(("audio files", "\(rates) → \(audio.targetRate) Hz (\(audio.resampler))"))
    }
    let width = rows.map(\.0.count).max() ?? 0
    var text = "task \(task) (\(source))\n"
    for (name, value) in rows {
      text += name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + value + "\n"
    }
    let ok = kept + dropped == segmentsRead
    text += "check: kept \(kept) + dropped \(dropped) = \(kept + dropped) \(ok ? "=" : "≠") read \(segmentsRead)"
    text += ok ? " ok" : " MISMATCH"
    if let clamped = notes?["clamped_boundaries"], clamped > 0 {
      text += "\nboundaries clamped within --time-tolerance: \(clamped)"
    }
    if let unknown = notes?["unknown_gender_speakers"], unknown > 0 {
      text += "\nspeakers of unknown gender: \(unknown)"
    }
    if let unlabeled = notes?["unlabeled_stretches"], unlabeled > 0 {
      text += "\nspeech stretches without emotion label (not read): \(unlabeled)"
    }
    if labelsOnly { text += "\nlabels only: \(labelsOnlyReason ?? "no audio")" }
    if let unknown = notes?[Self.unknownDurationsKey], unknown > 0 {
      text +=
        "\ndurations unknown: \(unknown) kept segments (no start/end, audio not there; null in the manifests, "
        + "left out of duration figures)"
    }
    if let external = foldsFrom { text += "\n" + external.lines(shown: 5).joined(separator: "\n") }
    return text
  }
}

extension PrepSummary {
  /// `notes` key: kept segments whose duration is unknown (labels-only, no start/end and the audio
  /// not there to tell it); absent when there are none.
  public static let unknownDurationsKey = "unknown_durations"

  /// The summary of a run from its stages' results.
  static func make(
    config: PrepConfig, task: TaskDefinition, corpus: Corpus, selection: SelectionResult, audio: AudioStage,
    folds: Int, foldsFrom: ExternalSplitReport? = nil, outputs: [String]
  ) throws -> PrepSummary {
    var keptPerClass: [String: Int] = [:]
    for name in task.classNames { keptPerClass[name] = 0 }
    for item in selection.kept { keptPerClass[item.label ?? "", default: 0] += 1 }
    var perReason: [String: Int] = [:]
    for reason in DropReason.allCases { perReason[reason.rawValue] = 0 }
    for drop in selection.drops { perReason[drop.reason.rawValue, default: 0] += 1 }
    var notes = SummaryNotes(counts: corpus.readerCounts, scan: corpus.fileScan)
    let unknown = selection.kept.reduce(0) { $0 + ($1.segment.duration == nil ? 1 : 0) }
    if audio.labelsOnly, unknown > 0 { notes.counts[unknownDurationsKey] = unknown }
    var computed: Int?
    if !audio.outcomes.isEmpty {
      computed = audio.outcomes.values.filter { if case .ready = $0 { true } else { false } }.count
    }
    return PrepSummary(
      source: config.source.rawValue, task: task.name, classes: task.classNames, seed: config.seed,
      segmentsRead: corpus.itemsRead, kept: selection.kept.count, dropped: selection.drops.count,
      keptPerClass: keptPerClass, droppedPerReason: perReason, speakersRead: corpus.speakers.count,
      speakersKept: Set(selection.kept.map(\.segment.speaker)).count,
      dialogsKept: Set(selection.kept.map(\.segment.dialog)).count, labelsOnly: audio.labelsOnly,
      labelsOnlyReason: audio.labelsOnlyReason, folds: folds, foldsFrom: foldsFrom, featuresReady: computed,
      audio: audio.files, outputs: outputs, notes: notes,
      dimensions: corpus.dimensionSummaries(selection.kept.map(\.segment)))
  }
}

extension ExternalSplitReport {
  /// The lines `prep` prints about an external split (at most `shown` unmatched ids named).
  func lines(shown: Int) -> [String] {
    var lines = ["folds from \(source): \(ids) ids, \(matched) matched to segments, \(unmatchedIDs.count) unmatched"]
    if !unmatchedIDs.isEmpty {
      let more = unmatchedIDs.count > shown ? " (+\(unmatchedIDs.count - shown) more, all in summary.json)" : ""
      lines.append("  unmatched: " + unmatchedIDs.prefix(shown).joined(separator: ", ") + more)
    }
    if notInSplit > 0 {
      lines.append("  \(notInSplit) kept segments are in no fold of the split (dropped: not in split)")
    }
    if !validationCarvedFolds.isEmpty {
      lines.append(
        "  the split has no validation part: carved from training (one group-fold of its speakers) in fold"
          + (validationCarvedFolds.count == 1 ? " " : "s ")
          + validationCarvedFolds.map(String.init).joined(separator: ", "))
    }
    if leakingFolds.isEmpty {
      lines.append("  no test speaker is in its fold's training or validation part")
    } else {
      lines.append(
        "  LEAK: test speakers also in training or validation in fold" + (leakingFolds.count == 1 ? " " : "s ")
          + leakingFolds.map(String.init).joined(separator: ", ")
          + " (kept as the split has them; emocorpus check-folds lists every case)")
    }
    return lines
  }
}

/// `summary.json` `notes`: the counts a reader reports (`clamped_boundaries`,
/// `unknown_gender_speakers`, …), and for SOURCE files the audio files the reader did not make
/// segments of and the names it had to reconcile, under their own keys.
public struct SummaryNotes: Codable, Sendable, Equatable, ExpressibleByDictionaryLiteral {
  public typealias Key = String
  public typealias Value = Int

  /// Counts by name.
  public var counts: [String: Int]
  /// The files reader's findings (nil for other readers).
  public var files: FileNotes?

  /// The count named `key`.
  public subscript(key: String) -> Int? { counts[key] }

  /// Counts alone (`["clamped_boundaries": 1]`).
  public init(dictionaryLiteral elements: (String, Int)...) {
    counts = Dictionary(elements, uniquingKeysWith: { _, last in last })
    files = nil
  }

  init(counts: [String: Int], scan: FileScan?) {
    self.counts = counts
    files = scan.map(FileNotes.init)
  }

  private struct NameKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: NameKey.self)
    for (name, value) in counts { try c.encode(value, forKey: NameKey(stringValue: name)) }
    try files?.encode(to: encoder)
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: NameKey.self)
    let fileKeys = Set(FileNotes.CodingKeys.allCases.map(\.stringValue))
    counts = [:]
    for key in c.allKeys where !fileKeys.contains(key.stringValue) {
      counts[key.stringValue] = try c.decode(Int.self, forKey: key)
    }
    files = c.allKeys.contains { fileKeys.contains($0.stringValue) } ? try FileNotes(from: decoder) : nil
  }
}

/// The files reader's findings in `summary.json` `notes`. Paths are relative to the corpus root;
/// every list is complete.
public struct FileNotes: Codable, Sendable, Equatable {
  /// A count and the paths it counts.
  public struct Files: Codable, Sendable, Equatable {
    public var count: Int
    public var files: [String]

    init(_ files: [String]) {
      count = files.count
      self.files = files
    }
  }

  /// Audio files the pattern does not match (a table preset: its table does not name): not segments.
  public var unmatchedFiles: Files
  /// Hidden audio files skipped (`._x.wav`).
  public var hiddenFiles: Files
  /// Symbolic links leading outside the corpus root, not followed.
  public var linksOutsideRoot: Files
  /// Segments whose file matched only with case ignored.
  public var caseMismatchedFiles: Files
  /// Speakers whose files disagree on their gender: the gender kept and the files saying otherwise.
  public var genderConflicts: [FileScan.GenderConflict]
  /// The preset's counts of a complete copy next to what was found.
  public var presetCounts: PresetCounts?

  enum CodingKeys: String, CodingKey, CaseIterable {
    case unmatchedFiles = "unmatched_files", hiddenFiles = "hidden_files", linksOutsideRoot = "links_outside_root"
    case caseMismatchedFiles = "case_mismatched_files", genderConflicts = "gender_conflicts"
    case presetCounts = "preset_counts"
  }

  init(_ scan: FileScan) {
    unmatchedFiles = Files(scan.unmatched)
    hiddenFiles = Files(scan.hidden)
    linksOutsideRoot = Files(scan.outsideLinks)
    caseMismatchedFiles = Files(scan.caseMismatched)
    genderConflicts = scan.genderConflicts
    presetCounts = scan.presetCounts
  }
}
