import Foundation

/// What a synthetic corpus holds, counted by the generator from its own plan, so that tests can
/// compare it with what the readers read back.
public struct SynthReport: Sendable, Hashable, Codable, CustomStringConvertible {
  public var layout: SynthLayout
  /// Absolute corpus root.
  public var root: String
  public var seed: UInt64
  /// Every speaker written (CEMO: callers and agents).
  public var speakers: Int
  /// CEMO callers (0 for other layouts).
  public var callers: Int
  /// CEMO agents (0 for other layouts).
  public var agents: Int
  public var dialogs: Int
  /// Every segment written (IEMOCAP: turns; table: row groups).
  public var segments: Int
  /// Annotation lines/elements/rows written (IEMOCAP: categorical evaluator and self-evaluation lines).
  public var annotations: Int
  /// Segments per intended consensus class (CEMO macro-class, IEMOCAP code); no-consensus ones excluded.
  public var classCounts: [String: Int]
  /// Segments written without a consensus (IEMOCAP `xxx`, soft-rule ties).
  public var noConsensus: Int
  /// Segments annotated by one coder only (CEMO, table).
  public var singleCoderSegments: Int
  /// The four-class task the layout is made for (`cemo-4` on callers, `iemocap-4` on improvised turns, `iemocap-4`).
  public var task: String
  /// Segments per class in that task's view, keyed by the task's class names (`Fear`…, `neutral`…).
  public var taskClassCounts: [String: Int]
  /// Speakers with at least one segment in the task's view.
  public var taskSpeakers: Int
  /// Of those, speakers whose task segments are all Neutral (removed by `--exclude-all-neutral`).
  public var taskSpeakersOnlyNeutral: Int
  /// Dialogs holding task segments of speakers who are not all-Neutral.
  public var taskDialogsAfterNeutralExclusion: Int
  public var audioFiles: Int
  /// Total duration of the audio files written (0 with `--no-audio`).
  public var audioSeconds: Double

  /// Segments in the task's view.
  public var taskSegments: Int { taskClassCounts.values.reduce(0, +) }

  /// Task segments left after `--exclude-all-neutral`.
  public var taskSegmentsAfterNeutralExclusion: Int
  /// Share of the task's segments that are not Neutral.
  public var taskNonNeutralShare: Double {
    let neutral = taskClassCounts["Neutral"] ?? taskClassCounts["neutral"] ?? 0
    return taskSegments > 0 ? Double(taskSegments - neutral) / Double(taskSegments) : 0
  }

  public var description: String {
    func counts(_ c: [String: Int]) -> String {
      c.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }
    var lines = [
      "synth: \(layout.rawValue) corpus in \(root) (seed \(seed))",
      "  speakers \(speakers)" + (layout == .cemo ? " (callers \(callers), agents \(agents))" : "")
        + ", dialogs \(dialogs), segments \(segments), annotations \(annotations)",
      "  classes: \(counts(classCounts)); no consensus \(noConsensus); single coder \(singleCoderSegments)",
      "  task \(task): \(taskSegments) segments of \(taskSpeakers) speakers (\(counts(taskClassCounts))), "
        + String(format: "%.1f %% non-neutral", 100 * taskNonNeutralShare),
      "  only-neutral speakers \(taskSpeakersOnlyNeutral) → \(taskSpeakers - taskSpeakersOnlyNeutral) speakers, "
        + "\(taskSegmentsAfterNeutralExclusion) segments, \(taskDialogsAfterNeutralExclusion) dialogs after exclusion",
    ]
    lines.append(
      audioFiles > 0
        ? String(format: "  audio: %d files, %.1f s", audioFiles, audioSeconds) : "  audio: none (labels only)")
    return lines.joined(separator: "\n")
  }
}
