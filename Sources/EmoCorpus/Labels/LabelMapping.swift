import EmoSupport
import Foundation

/// How one raw label resolves in a mapping.
public enum LabelResolution: Sendable, Hashable {
  /// A known label, with its canonical class (CEMO macro-class, IEMOCAP code).
  case canonical(String)
  /// The corpus's marker for "the coders did not agree" (IEMOCAP `xxx`): not a label.
  case noConsensus
  /// Not a label of this mapping.
  case unknown
}

/// A label vocabulary and the canonical class each label stands for (`mappings/*.yaml`).
///
/// Every class name, label and alias is matched tolerantly (see `LabelKey`): case, spaces,
/// hyphens, underscores and accents do not matter.
public struct LabelMapping: Sendable, Hashable, Codable {
  /// One canonical class and the labels it gathers.
  public struct CanonicalClass: Sendable, Hashable, Codable {
    public var name: String
    public var labels: [String]

    public init(name: String, labels: [String]) {
      self.name = name
      self.labels = labels
    }
  }

  /// A documented group of other spellings (another language, word forms), each naming a label.
  public struct AliasGroup: Sendable, Hashable, Codable {
    public var group: String
    public var note: String?
    /// Alias → the label (or class) it stands for.
    public var map: [String: String]

    public init(group: String, note: String? = nil, map: [String: String]) {
      self.group = group
      self.note = note
      self.map = map
    }
  }

  public var name: String
  public var description: String
  public var classes: [CanonicalClass]
  public var aliases: [AliasGroup]
  /// Values meaning "no consensus" rather than a label (IEMOCAP `xxx`).
  public var noConsensus: [String]
  /// Labels that may carry free text after `:` or `(` (IEMOCAP `Other: sarcasm`).
  public var freeText: [String]

  /// Matching key → canonical class.
  private var index: [String: String] = [:]
  /// Every accepted spelling in file order (class names, labels, then aliases), for suggestions.
  private var spellings: [String] = []
  /// Matching keys of `noConsensus` and `freeText`.
  private var noConsensusKeys: Set<String> = []
  private var freeTextKeys: Set<String> = []

  enum CodingKeys: String, CodingKey, CaseIterable {
    case name, description, classes, aliases, noConsensus, freeText
  }

  /// Builds a mapping in code; throws when two spellings collide on different classes.
  public init(
    name: String, description: String = "", classes: [CanonicalClass], aliases: [AliasGroup] = [],
    noConsensus: [String] = [], freeText: [String] = []
  ) throws {
    self.name = name
    self.description = description
    self.classes = classes
    self.aliases = aliases
    self.noConsensus = noConsensus
    self.freeText = freeText
    do {
      try buildIndex(codingPath: [])
    } catch let error as YAMLContentError {
      throw LocatedError(file: "mapping \(name)", "\(YAMLSource.describe(error.path)): \(error.what)")
    }
  }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self, in: "a label mapping")
    let container = try decoder.container(keyedBy: CodingKeys.self)
    name = try container.decode(String.self, forKey: .name)
    description = try container.decodeIfPresent(String.self, forKey: .description) ?? ""
    classes = try container.decode([CanonicalClass].self, forKey: .classes)
    aliases = try container.decodeIfPresent([AliasGroup].self, forKey: .aliases) ?? []
    noConsensus = try container.decodeIfPresent([String].self, forKey: .noConsensus) ?? []
    freeText = try container.decodeIfPresent([String].self, forKey: .freeText) ?? []
    try buildIndex(codingPath: decoder.codingPath)
  }

  /// The canonical classes in file order.
  public var canonicalClasses: [String] { classes.map(\.name) }

  /// Every accepted spelling as written in the mapping (class names, labels, aliases).
  public var knownLabels: [String] { spellings }

  /// How `label` resolves: its canonical class, the no-consensus marker, or unknown.
  public func resolve(_ label: String) -> LabelResolution {
    let key = LabelKey.of(label)
    if let canonical = index[key] { return .canonical(canonical) }
    if noConsensusKeys.contains(key) { return .noConsensus }
    if !freeTextKeys.isEmpty, let cut = label.firstIndex(where: { $0 == ":" || $0 == "(" }) {
      let head = LabelKey.of(String(label[..<cut]))
      if freeTextKeys.contains(head), let canonical = index[head] {
        return .canonical(canonical)
      }
    }
    return .unknown
  }

  /// The canonical class of `label`, nil when it is unknown or the no-consensus marker.
  public func canonical(of label: String) -> String? {
    if case .canonical(let canonical) = resolve(label) { return canonical }
    return nil
  }

  /// The accepted spellings nearest to `label` by edit distance (for "did you mean" messages).
  public func nearestLabels(to label: String, count: Int = 3) -> [String] {
    LabelKey.nearest(to: label, among: spellings, count: count)
  }

  /// Indexes every spelling; rejects collisions that would make a label ambiguous.
  private mutating func buildIndex(codingPath: [any CodingKey]) throws {
    index = [:]
    spellings = []
    func add(_ spelling: String, _ canonical: String, at path: [any CodingKey]) throws {
      let key = LabelKey.of(spelling)
      guard !key.isEmpty else { throw YAMLContentError(path: path, "empty label", expected: "a label") }
      if let existing = index[key], existing != canonical {
        throw YAMLContentError(
          path: path, "label '\(spelling)' is already in class '\(existing)'",
          expected: "each label in one class; matching ignores case, spaces, hyphens, underscores and accents")
      }
      index[key] = canonical
      if !spellings.contains(spelling) { spellings.append(spelling) }
    }
    let classesPath = codingPath + [CodingKeys.classes]
    guard !classes.isEmpty else {
      throw YAMLContentError(path: classesPath, "mapping '\(name)' has no classes", expected: "at least one class")
    }
    var seenClasses: Set<String> = []
    for (i, canonicalClass) in classes.enumerated() {
      let path = classesPath + [AnyCodingKey(intValue: i)]
      guard seenClasses.insert(LabelKey.of(canonicalClass.name)).inserted else {
        throw YAMLContentError(
          path: path + [CanonicalClass.CodingKeys.name], "class '\(canonicalClass.name)' is listed twice",
          expected: "each class once")
      }
      try add(canonicalClass.name, canonicalClass.name, at: path + [CanonicalClass.CodingKeys.name])
    }
    for (i, canonicalClass) in classes.enumerated() {
      for (j, label) in canonicalClass.labels.enumerated() {
        let path =
          classesPath + [AnyCodingKey(intValue: i), CanonicalClass.CodingKeys.labels, AnyCodingKey(intValue: j)]
        try add(label, canonicalClass.name, at: path)
      }
    }
    for (g, group) in aliases.enumerated() {
      for alias in group.map.keys.sorted() {
        let target = group.map[alias]!
        let path =
          codingPath + [
            CodingKeys.aliases, AnyCodingKey(intValue: g), AliasGroup.CodingKeys.map, AnyCodingKey(stringValue: alias),
          ]
        guard let canonical = index[LabelKey.of(target)] else {
          throw YAMLContentError(
            path: path, "alias '\(alias)' names '\(target)', which is not a label of this mapping",
            expected: "a class name or a label listed under classes")
        }
        try add(alias, canonical, at: path)
      }
    }
    for (i, marker) in noConsensus.enumerated() where index[LabelKey.of(marker)] != nil {
      throw YAMLContentError(
        path: codingPath + [CodingKeys.noConsensus, AnyCodingKey(intValue: i)],
        "'\(marker)' is both a label and a no-consensus marker", expected: "a value that is not a label")
    }
    for (i, label) in freeText.enumerated() where index[LabelKey.of(label)] == nil {
      throw YAMLContentError(
        path: codingPath + [CodingKeys.freeText, AnyCodingKey(intValue: i)],
        "free-text label '\(label)' is not a label of this mapping", expected: "a label listed under classes")
    }
    noConsensusKeys = Set(noConsensus.map(LabelKey.of))
    freeTextKeys = Set(freeText.map(LabelKey.of))
  }
}

extension LabelMapping.CanonicalClass {
  enum CodingKeys: String, CodingKey, CaseIterable { case name, labels }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self, in: "a mapping class")
    let container = try decoder.container(keyedBy: CodingKeys.self)
    name = try container.decode(String.self, forKey: .name)
    labels = try container.decodeIfPresent([String].self, forKey: .labels) ?? []
  }
}

extension LabelMapping.AliasGroup {
  enum CodingKeys: String, CodingKey, CaseIterable { case group, note, map }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self, in: "an alias group")
    let container = try decoder.container(keyedBy: CodingKeys.self)
    group = try container.decode(String.self, forKey: .group)
    note = try container.decodeIfPresent(String.self, forKey: .note)
    map = try container.decode([String: String].self, forKey: .map)
  }
}

extension LabelMapping {
  /// Names of the mappings bundled with the tool (the YAML files of `mappings/`).
  public static var bundledNames: [String] {
    EmbeddedMappings.files.keys.filter { !$0.contains("/") }.map { String($0.dropLast(".yaml".count)) }.sorted()
  }

  /// The bundled mapping `name` (e.g. `cemo-fine-to-macro`).
  public static func bundled(_ name: String) throws -> LabelMapping {
    guard let text = EmbeddedMappings.files["\(name).yaml"] else {
      throw LocatedError(
        file: nil, "unknown mapping '\(name)'", expected: "one of: \(bundledNames.joined(separator: ", "))")
    }
    return try parse(text, file: "mappings/\(name).yaml")
  }

  /// Loads a mapping file.
  public static func load(path: String) throws -> LabelMapping {
    try YAMLSource(path: path).decode(LabelMapping.self, shape: mappingShape)
  }

  /// Parses mapping YAML; `file` names it in errors.
  public static func parse(_ text: String, file: String) throws -> LabelMapping {
    try YAMLSource(text: text, file: file).decode(LabelMapping.self, shape: mappingShape)
  }

  static let mappingShape =
    "a label mapping: name, description, classes [{name, labels}], aliases, noConsensus, freeText"
}
