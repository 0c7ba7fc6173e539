/// What the `files` reader saw besides its segments: every audio file that did not become one,
/// and the names it had to reconcile. Paths are relative to the corpus root.
public struct FileScan: Sendable, Hashable, Codable {
  /// A speaker whose files disagree on the gender they carry.
  public struct GenderConflict: Sendable, Hashable, Codable {
    public var speaker: String
    /// The gender the speaker was given: the preset's table, else the most frequent in the names
    /// (`unknown` on a tie).
    public var gender: Gender
    /// Files whose name says otherwise.
    public var files: [String]

    package init(speaker: String, gender: Gender, files: [String]) {
      self.speaker = speaker
      self.gender = gender
      self.files = files
    }
  }

  /// Audio files found under the root (hidden ones excluded).
  public var audioFiles: Int = 0
  /// Why unmatched files are not segments, for messages (a table preset: not named in its table).
  public var unmatchedWhy = "not matched by the pattern"
  /// Audio files the pattern does not match: not segments.
  public var unmatched: [String] = []
  /// Hidden audio files skipped (`._x.wav`).
  public var hidden: [String] = []
  /// Symbolic links leading outside the root, not followed.
  public var outsideLinks: [String] = []
  /// Files that match only when case is ignored, while most files match as the pattern spells them
  /// (a misnamed `S4-…` among `s4-…`). They are segments.
  public var caseMismatched: [String] = []
  public var genderConflicts: [GenderConflict] = []
  /// The preset's counts of a complete copy next to what was found.
  public var presetCounts: PresetCounts?

  public init() {}

  /// Sentences for the run's log (stderr): each kind of file set aside with its first paths, and
  /// the preset's count check. `limit` paths are shown per kind.
  public func messages(limit: Int = 5) -> [String] {
    func some(_ paths: [String]) -> String {
      paths.prefix(limit).joined(separator: ", ") + (paths.count > limit ? ", …" : "")
    }
    func files(_ n: Int) -> String { n == 1 ? "1 audio file" : "\(n) audio files" }
    var lines: [String] = []
    if !unmatched.isEmpty {
      lines.append(
        "\(files(unmatched.count)) \(unmatchedWhy), not segments (all in summary.json notes.unmatched_files): "
          + some(unmatched))
    }
    if !caseMismatched.isEmpty {
      lines.append("\(files(caseMismatched.count)) matched only with case ignored, kept: \(some(caseMismatched))")
    }
    if !hidden.isEmpty { lines.append("\(files(hidden.count)) hidden, skipped: \(some(hidden))") }
    if !outsideLinks.isEmpty {
      lines.append("\(outsideLinks.count) links leading outside the corpus root, not followed: \(some(outsideLinks))")
    }
    for conflict in genderConflicts {
      lines.append(
        "speaker \(conflict.speaker) is \(conflict.gender.rawValue); \(conflict.files.count == 1 ? "1 file says" : "\(conflict.files.count) files say") otherwise: "
          + some(conflict.files))
    }
    if let presetCounts { lines.append(presetCounts.sentence) }
    return lines
  }
}

/// Files, speakers and labels of a corpus copy.
public struct CorpusCounts: Sendable, Hashable, Codable {
  public var files: Int
  public var speakers: Int
  public var labels: Int

  public init(files: Int, speakers: Int, labels: Int) {
    self.files = files
    self.speakers = speakers
    self.labels = labels
  }
}

/// A preset's counts of a complete copy and what the files gave.
public struct PresetCounts: Sendable, Hashable, Codable {
  public var preset: String
  public var expected: CorpusCounts
  public var found: CorpusCounts

  package init(preset: String, expected: CorpusCounts, found: CorpusCounts) {
    self.preset = preset
    self.expected = expected
    self.found = found
  }

  /// Whether the files give a complete copy's counts.
  public var complete: Bool { expected == found }

  /// One sentence for the run's messages.
  public var sentence: String {
    func words(_ c: CorpusCounts) -> String { "\(c.files) files, \(c.speakers) speakers, \(c.labels) labels" }
    return complete
      ? "preset \(preset): \(words(found)), as in a complete copy"
      : "preset \(preset): \(words(found)); a complete copy has \(words(expected))"
  }
}
