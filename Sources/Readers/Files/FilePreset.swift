import EmoCorpus
import EmoSupport
import Foundation

/// A public corpus's naming convention as data (`mappings/presets/NAME.yaml`): the pattern its
/// paths follow, what the captured codes mean, its speakers' genders, and the counts a complete
/// copy gives. A preset may instead name a table the corpus ships (`table`).
public struct FilePreset: Sendable, Hashable, Decodable {
  /// Counts of a complete, unmodified copy, checked after reading.
  public typealias Expected = CorpusCounts

  /// A table shipped with the corpus: its file (relative to ROOT), the corpus's own column names
  /// for `path, speaker, label, …`, and the folder its paths are relative to.
  public struct Table: Sendable, Hashable, Codable {
    public var file: String
    public var columns: [String: String]
    public var audioDir: String?
  }

  public var name: String
  public var title: String
  /// Where the convention is documented.
  public var documentation: String
  /// One path as the corpus has it (for `--preset list`).
  public var example: String
  public var pattern: String?
  public var table: Table?
  /// Captured label code → label name.
  public var labels: CodeMap
  /// Captured gender code → male/female.
  public var genders: CodeMap
  /// Speaker code (as captured) → gender, when the names carry none.
  public var speakerGenders: [String: Gender]
  /// Put before every speaker id, so that corpora can be mixed without collisions.
  public var speakerPrefix: String
  public var expected: Expected?

  enum CodingKeys: String, CodingKey, CaseIterable {
    case name, title, documentation, example, pattern, table, labels, genders, speakerGenders, speakerPrefix
    case expected
  }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self, in: "a preset")
    let c = try decoder.container(keyedBy: CodingKeys.self)
    name = try c.decode(String.self, forKey: .name)
    title = try c.decode(String.self, forKey: .title)
    documentation = try c.decode(String.self, forKey: .documentation)
    example = try c.decode(String.self, forKey: .example)
    pattern = try c.decodeIfPresent(String.self, forKey: .pattern)
    table = try c.decodeIfPresent(Table.self, forKey: .table)
    speakerPrefix = try c.decode(String.self, forKey: .speakerPrefix)
    expected = try c.decodeIfPresent(Expected.self, forKey: .expected)
    let path = decoder.codingPath
    // Keys such as '01' are read as text: a dictionary's own decoding would look them up as numbers.
    func strings(_ key: CodingKeys) throws -> [String: String] {
      guard c.contains(key) else { return [:] }
      let nested = try c.nestedContainer(keyedBy: AnyCodingKey.self, forKey: key)
      var result: [String: String] = [:]
      for entry in nested.allKeys { result[entry.stringValue] = try nested.decode(String.self, forKey: entry) }
      return result
    }
    func codeMap(_ key: CodingKeys) throws -> CodeMap {
      let raw = try strings(key)
      do {
        return try CodeMap(raw, name: key.stringValue)
      } catch {
        throw YAMLContentError(path: path + [key], error.what, expected: "each code once, ignoring case")
      }
    }
    labels = try codeMap(.labels)
    genders = try codeMap(.genders)
    for entry in genders.entries where Gender.parse(entry.value) == nil {
      throw YAMLContentError(
        path: path + [CodingKeys.genders], "'\(entry.value)' is not a gender", expected: "male or female")
    }
    speakerGenders = [:]
    for (speaker, word) in try strings(.speakerGenders) {
      guard let gender = Gender(rawValue: word) else {
        throw YAMLContentError(
          path: path + [CodingKeys.speakerGenders], "'\(word)' is not a gender of speaker \(speaker)",
          expected: "male, female or unknown")
      }
      speakerGenders[speaker] = gender
    }
    guard (pattern == nil) != (table == nil) else {
      throw YAMLContentError(
        path: path, "preset '\(name)' needs a pattern or a table (one of them)", expected: "pattern or table")
    }
    if let pattern {
      do {
        _ = try FileNamePattern(pattern)
      } catch {
        throw YAMLContentError(path: path + [CodingKeys.pattern], error.description, expected: "a pattern")
      }
    }
  }
}

extension FilePreset {
  /// Names of the bundled presets.
  public static var bundledNames: [String] {
    EmbeddedMappings.files.keys.filter { $0.hasPrefix("presets/") }
      .map { String($0.dropFirst("presets/".count).dropLast(".yaml".count)) }.sorted()
  }

  /// The bundled preset `name`.
  public static func bundled(_ name: String) throws -> FilePreset {
    guard let text = EmbeddedMappings.files["presets/\(name).yaml"] else {
      var expected = "one of: \(bundledNames.joined(separator: ", "))"
      if let near = bundledNames.min(by: {
        LabelKey.editDistance(name.lowercased(), $0) < LabelKey.editDistance(name.lowercased(), $1)
      }), LabelKey.editDistance(name.lowercased(), near) <= 2 {
        expected += "; did you mean '\(near)'?"
      }
      throw LocatedError(file: nil, "unknown preset '\(name)'", expected: expected)
    }
    let document = try YAMLSource(text: text, file: "mappings/presets/\(name).yaml")
    return try document.decode(FilePreset.self, shape: shape)
  }

  static let shape =
    "a preset: name, title, documentation, example, pattern or table, labels, genders, speakerGenders, speakerPrefix, expected"

  /// One line per bundled preset, for `--preset list`.
  public static func listing() throws -> String {
    let presets = try bundledNames.map(bundled)
    let width = presets.map(\.name.count).max() ?? 0
    return presets.map { preset in
      var line = preset.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + preset.title
      line += "\n" + String(repeating: " ", count: width + 2) + "e.g. " + preset.example
      if let expected = preset.expected {
        line += "  (\(expected.files) files, \(expected.speakers) speakers, \(expected.labels) labels)"
      }
      line += "\n" + String(repeating: " ", count: width + 2) + preset.documentation
      return line
    }.joined(separator: "\n")
  }

  /// What `corpus` gives next to a complete copy's counts; nil when the preset states none.
  public func counts(of corpus: Corpus) -> PresetCounts? {
    guard let expected else { return nil }
    let labels = Set(corpus.segments.compactMap { $0.corpusConsensus ?? $0.annotations.first?.major }).count
    return PresetCounts(
      preset: name, expected: expected,
      found: Expected(files: corpus.segments.count, speakers: corpus.speakers.count, labels: labels))
  }
}

extension Gender {
  /// `male/female/m/f/man/woman` (any case) → male/female, `unknown` → unknown; nil otherwise.
  public static func parse(_ word: String) -> Gender? {
    switch word.trimmingCharacters(in: .whitespaces).lowercased() {
    case "male", "m", "man": .male
    case "female", "f", "woman": .female
    case "unknown": .unknown
    default: nil
    }
  }
}
