import EmoCorpus
import EmoSupport
import Foundation

/// How the `files` reader turns audio paths into segments: the pattern and what its groups mean.
public struct FileLayout: Sendable {
  public var pattern: FileNamePattern
  /// Captured label code → label; a code not listed is the label itself.
  public var labels: CodeMap
  /// Captured gender code → gender; a code not listed is read as a word (`m`, `female`, …). When
  /// the pattern captures no gender, its codes are speakers (`03=male`).
  public var genders: CodeMap
  /// Speaker (as captured) → gender; wins over a captured gender code.
  public var speakerGenders: [String: Gender]
  /// Put before every captured speaker id.
  public var speakerPrefix: String
  /// The corpus name (the preset's, else the root folder's).
  public var name: String?
  /// The preset the layout comes from, if any (its expected counts are checked).
  public var preset: FilePreset?

  public init(
    pattern: FileNamePattern, labels: CodeMap = CodeMap(), genders: CodeMap = CodeMap(),
    speakerGenders: [String: Gender] = [:], speakerPrefix: String = "", name: String? = nil, preset: FilePreset? = nil
  ) {
    self.pattern = pattern
    self.labels = labels
    self.genders = genders
    self.speakerGenders = speakerGenders
    self.speakerPrefix = speakerPrefix
    self.name = name
    self.preset = preset
  }

  /// The gender a captured code stands for.
  func gender(ofCode code: String) -> Gender {
    if let mapped = genders.value(for: code) { return Gender.parse(mapped) ?? .unknown }
    return Gender.parse(code) ?? .unknown
  }
}

/// The `files` reader's options as given on the command line or in a config file: a preset,
/// and a pattern and maps that override or extend it.
public struct FileReaderOptions: Sendable, Hashable, Codable {
  public var preset: String?
  public var pattern: String?
  /// `--label-map`: entries replace or extend the preset's.
  public var labelMap: CodeMap?
  /// `--gender-map`: entries replace or extend the preset's.
  public var genderMap: CodeMap?
  /// `--speaker-prefix`: replaces the preset's.
  public var speakerPrefix: String?

  public init(
    preset: String? = nil, pattern: String? = nil, labelMap: CodeMap? = nil, genderMap: CodeMap? = nil,
    speakerPrefix: String? = nil
  ) {
    self.preset = preset
    self.pattern = pattern
    self.labelMap = labelMap
    self.genderMap = genderMap
    self.speakerPrefix = speakerPrefix
  }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case preset, pattern, labelMap = "label_map", genderMap = "gender_map", speakerPrefix = "speaker_prefix"
  }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self, in: "the files reader's options")
    let c = try decoder.container(keyedBy: CodingKeys.self)
    preset = try c.decodeIfPresent(String.self, forKey: .preset)
    pattern = try c.decodeIfPresent(String.self, forKey: .pattern)
    labelMap = try c.decodeIfPresent(CodeMap.self, forKey: .labelMap)
    genderMap = try c.decodeIfPresent(CodeMap.self, forKey: .genderMap)
    speakerPrefix = try c.decodeIfPresent(String.self, forKey: .speakerPrefix)
  }

  /// Every key is written, unset ones as `null`.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(preset, forKey: .preset)
    try c.encode(pattern, forKey: .pattern)
    try c.encode(labelMap, forKey: .labelMap)
    try c.encode(genderMap, forKey: .genderMap)
    try c.encode(speakerPrefix, forKey: .speakerPrefix)
  }

  /// Whether any option is set.
  public var isEmpty: Bool {
    preset == nil && pattern == nil && labelMap == nil && genderMap == nil && speakerPrefix == nil
  }

  /// What is wrong with the options, worded with the command-line flags; empty when they are usable.
  public func problems() -> [String] {
    var found: [String] = []
    var preset: FilePreset?
    if let name = self.preset {
      do {
        preset = try FilePreset.bundled(name)
      } catch {
        found.append("--preset: \(error)")
      }
    }
    if self.preset == nil, pattern == nil {
      found.append(
        "files needs --pattern REGEX or --preset NAME (emocorpus prep files --preset list shows the presets)")
    }
    if let pattern {
      do { _ = try FileNamePattern(pattern) } catch { found.append(error.description) }
    }
    for entry in genderMap?.entries ?? [] where Gender.parse(entry.value) == nil {
      found.append("--gender-map: '\(entry.code)=\(entry.value)' is not a gender (expected male, female or unknown)")
    }
    if let preset, preset.table != nil, pattern != nil {
      found.append("--pattern with --preset \(preset.name), which reads a table, not file names")
    }
    return found
  }

  /// The preset this names, if any.
  public func loadPreset() throws -> FilePreset? { try preset.map(FilePreset.bundled) }

  /// The layout the files reader uses: the preset's, with the given pattern and maps over it.
  public func layout() throws -> FileLayout {
    if let problem = problems().first { throw LocatedError(file: nil, problem) }
    let preset = try loadPreset()
    guard let text = pattern ?? preset?.pattern else {
      throw LocatedError(file: nil, "preset \(preset?.name ?? "") reads a table, not file names")
    }
    let compiled = try FileNamePattern(text)
    return FileLayout(
      pattern: compiled, labels: (preset?.labels ?? CodeMap()).overridden(by: labelMap ?? CodeMap()),
      genders: (preset?.genders ?? CodeMap()).overridden(by: genderMap ?? CodeMap()),
      speakerGenders: preset?.speakerGenders ?? [:], speakerPrefix: speakerPrefix ?? preset?.speakerPrefix ?? "",
      name: preset?.name, preset: preset)
  }
}
