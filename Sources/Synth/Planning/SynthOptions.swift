/// Which reader's layout a synthetic corpus is written in: IEMOCAP release, CEMO-style XML, table.
public enum SynthLayout: String, Sendable, Hashable, Codable, CaseIterable {
  case iemocap, cemo, table
}

/// Named size presets.
public enum SynthPreset: String, Sendable, Hashable, Codable, CaseIterable {
  /// The paper's CEMO-4eC: 807 callers, 6931 caller segments in Fear/Anger/Positive/Neutral,
  /// 322 callers with only Neutral segments (→ 485 callers, 4825 segments), plus agents and
  /// segments of the other classes.
  case cemoPaper = "cemo-paper"
  /// The IEMOCAP release's sizes: 5 sessions, 150 dialogs, 10,039 turns; improvised iemocap-4
  /// turns exactly 2280 (neu 1099, sad 608, ang 289, hap 284); iemocap-4-exc over all turns 5531.
  case iemocapPaper = "iemocap-paper"

  /// The layout the preset is defined for.
  public var layout: SynthLayout {
    switch self {
    case .cemoPaper: return .cemo
    case .iemocapPaper: return .iemocap
    }
  }
}

/// Everything `emocorpus synth` can be asked for.
public struct SynthOptions: Sendable, Hashable, Codable {
  public var layout: SynthLayout
  /// Output folder (created; must be new or empty).
  public var outputDirectory: String
  /// CEMO: callers with task-class segments; IEMOCAP: actors (even, 2…10); table: speakers.
  public var speakers: Int?
  /// Number of dialogs (IEMOCAP: over all sessions).
  public var dialogs: Int?
  public var seed: UInt64
  /// When false, only label files are written (fast; readers then run labels-only).
  public var writeAudio: Bool
  public var preset: SynthPreset?
  /// Coder disagreement rate (0…1): scales the share of segments whose coders disagree.
  public var disagreement: Double
  /// Worker threads for audio (nil: all cores).
  public var jobs: Int?

  public init(
    layout: SynthLayout, outputDirectory: String, speakers: Int? = nil, dialogs: Int? = nil, seed: UInt64 = 1,
    writeAudio: Bool = true, preset: SynthPreset? = nil, disagreement: Double = 0.2, jobs: Int? = nil
  ) {
    self.layout = layout
    self.outputDirectory = outputDirectory
    self.speakers = speakers
    self.dialogs = dialogs
    self.seed = seed
    self.writeAudio = writeAudio
    self.preset = preset
    self.disagreement = disagreement
    self.jobs = jobs
  }

  /// The first problem with the options as a user-facing sentence, nil when they are usable.
  public var problem: String? {
    if !(0...1).contains(disagreement) { return "--disagreement must be between 0 and 1 (got \(disagreement))" }
    if let jobs, jobs < 1 { return "--jobs must be at least 1" }
    if let preset {
      if preset.layout != layout {
        return "--preset \(preset.rawValue) is for --layout \(preset.layout.rawValue), not \(layout.rawValue)"
      }
      if speakers != nil || dialogs != nil {
        return "--preset \(preset.rawValue) fixes the corpus size: leave out --speakers and --dialogs"
      }
    }
    if let dialogs, dialogs < 1 { return "--dialogs must be at least 1" }
    switch layout {
    case .iemocap:
      if let speakers, speakers < 2 || speakers > 10 || speakers % 2 != 0 {
        return "--speakers for --layout iemocap must be 2, 4, 6, 8 or 10 (two actors per session)"
      }
      if let dialogs, dialogs < (speakers ?? 10) / 2 {
        return "--dialogs for --layout iemocap must be at least one per session (\((speakers ?? 10) / 2))"
      }
    case .cemo:
      if let speakers, speakers < 3 { return "--speakers for --layout cemo must be at least 3 callers" }
      let callers = speakers ?? 40
      if let dialogs, dialogs > callers || dialogs * 2 < callers {
        return
          "--dialogs for --layout cemo must be between half the callers and the callers (\((callers + 1) / 2)…\(callers))"
      }
    case .table:
      if let speakers, speakers < 2 { return "--speakers for --layout table must be at least 2" }
      if let dialogs, dialogs * 2 < (speakers ?? 12) {
        return "--dialogs for --layout table must be at least half the speakers (two speakers per recording)"
      }
    }
    return nil
  }
}
