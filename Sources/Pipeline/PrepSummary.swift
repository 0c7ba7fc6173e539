import EmoCorpus
import EmoSupport
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
  /// Segments with cached features (nil when no audio was read).
  public var featuresReady: Int?
  /// Source files per sample rate, files below the target rate (nil when no audio was read).
  public var audio: AudioFilesSummary?
  public var outputs: [String]

  enum CodingKeys: String, CodingKey {
    case toolVersion = "tool_version", source, task, classes, seed
    case segmentsRead = "segments_read", kept, dropped
    case keptPerClass = "kept_per_class", droppedPerReason = "dropped_per_reason"
    case speakersRead = "speakers_read", speakersKept = "speakers_kept", dialogsKept = "dialogs_kept"
    case labelsOnly = "labels_only", labelsOnlyReason = "labels_only_reason", folds
    case featuresReady = "features_ready", audio, outputs
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
    if labelsOnly { text += "\nlabels only: \(labelsOnlyReason ?? "no audio")" }
    return text
  }
}

extension PrepSummary {
  /// The summary of a run from its stages' results.
  static func make(
    config: PrepConfig, task: TaskDefinition, corpus: Corpus, selection: SelectionResult, audio: AudioStage,
    folds: Int, outputs: [String]
  ) throws -> PrepSummary {
    var keptPerClass: [String: Int] = [:]
    for name in task.classNames { keptPerClass[name] = 0 }
    for item in selection.kept { keptPerClass[item.label ?? "", default: 0] += 1 }
    var perReason: [String: Int] = [:]
    for reason in DropReason.allCases { perReason[reason.rawValue] = 0 }
    for drop in selection.drops { perReason[drop.reason.rawValue, default: 0] += 1 }
    var computed: Int?
    if !audio.outcomes.isEmpty {
      computed = audio.outcomes.values.filter { if case .ready = $0 { true } else { false } }.count
    }
    return PrepSummary(
      source: config.source.rawValue, task: task.name, classes: task.classNames, seed: config.seed,
      segmentsRead: corpus.segments.count, kept: selection.kept.count, dropped: selection.drops.count,
      keptPerClass: keptPerClass, droppedPerReason: perReason, speakersRead: corpus.speakers.count,
      speakersKept: Set(selection.kept.map(\.segment.speaker)).count,
      dialogsKept: Set(selection.kept.map(\.segment.dialog)).count, labelsOnly: audio.labelsOnly,
      labelsOnlyReason: audio.labelsOnlyReason, folds: folds, featuresReady: computed, audio: audio.files,
      outputs: outputs)
  }
}
