import EmoSupport
import Foundation

/// The classes of one experiment and how the canonical classes of its mappings reach them
/// (`mappings/tasks/NAME.yaml`).
public struct TaskDefinition: Sendable, Hashable, Codable {
  /// One output class and the canonical classes (macro-classes, corpus codes) it gathers.
  public struct TaskClass: Sendable, Hashable, Codable {
    public var name: String
    public var gathers: [String]

    public init(name: String, gathers: [String]) {
      self.name = name
      self.gathers = gathers
    }
  }

  /// A published result for the task, shown beside a run's own in its report (percent).
  public struct Reference: Sendable, Hashable, Codable {
    public var ua: Double
    public var wa: Double?
    /// Who reported it and where (e.g. "Deschamps-Berger et al., ACII 2021, Table III").
    public var source: String

    public init(ua: Double, wa: Double? = nil, source: String) {
      self.ua = ua
      self.wa = wa
      self.source = source
    }
  }

  public var name: String
  public var description: String
  /// Mappings the task reads labels through: bundled names, or paths relative to the task file.
  public var mappings: [String]
  /// Output classes in their fixed order (the order of class indices in training).
  public var classes: [TaskClass]
  /// The class `--exclude-all-neutral` and `--neutral-target` act on; nil when the task has none.
  public var neutral: String?
  /// Canonical classes deliberately left out (their segments are dropped as `class_not_in_task`).
  public var drop: [String]
  /// A published UA/WA for this task, for reports (nil: none).
  public var reference: Reference?
  /// A task whose classes are bins of a rating dimension (`from: arousal`, `bins`); nil for a task
  /// of label classes.
  public private(set) var binning: Binning? = nil

  /// The loaded mappings, in the order of `mappings`.
  public private(set) var labelMappings: [LabelMapping] = []
  /// Where the task came from: `bundled` or the task file's path.
  public private(set) var source: String = ""
  /// Canonical class → task class.
  private var classOfCanonical: [String: String] = [:]

  enum CodingKeys: String, CodingKey, CaseIterable {
    case name, description, mappings, classes, neutral, drop, reference
  }

  /// Every key a task file may hold (label classes, or a binned dimension).
  enum FileKeys: String, CodingKey, CaseIterable {
    case name, description, mappings, classes, neutral, drop, reference, from, bins
  }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(FileKeys.self, in: "a task file")
    let file = try decoder.container(keyedBy: FileKeys.self)
    if file.contains(.from) {
      try self.init(binning: file, path: decoder.codingPath)
      return
    }
    if file.contains(.bins) {
      throw YAMLContentError(
        path: decoder.codingPath + [FileKeys.bins], "bins without from",
        expected: "from: the dimension the bins divide, such as arousal")
    }
    try self.init(labels: decoder)
  }

  /// A task of label classes: `mappings`, `classes` (each `name`, `gathers`), `neutral`, `drop`.
  private init(labels decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    name = try container.decode(String.self, forKey: .name)
    description = try container.decodeIfPresent(String.self, forKey: .description) ?? ""
    mappings = try container.decode([String].self, forKey: .mappings)
    classes = try container.decode([TaskClass].self, forKey: .classes)
    neutral = try container.decodeIfPresent(String.self, forKey: .neutral)
    drop = try container.decodeIfPresent([String].self, forKey: .drop) ?? []
    reference = try container.decodeIfPresent(Reference.self, forKey: .reference)
    let path = decoder.codingPath
    guard !mappings.isEmpty else {
      throw YAMLContentError(
        path: path + [CodingKeys.mappings], "task '\(name)' names no mapping", expected: "a mapping")
    }
    guard !classes.isEmpty else {
      throw YAMLContentError(path: path + [CodingKeys.classes], "task '\(name)' has no classes", expected: "a class")
    }
    var seen: Set<String> = []
    for (i, taskClass) in classes.enumerated() {
      guard seen.insert(taskClass.name).inserted else {
        throw YAMLContentError(
          path: path + [CodingKeys.classes, AnyCodingKey(intValue: i), TaskClass.CodingKeys.name],
          "class '\(taskClass.name)' is listed twice", expected: "each class once")
      }
      guard !taskClass.gathers.isEmpty else {
        throw YAMLContentError(
          path: path + [CodingKeys.classes, AnyCodingKey(intValue: i)], "class '\(taskClass.name)' gathers nothing",
          expected: "gathers: [canonical classes]")
      }
    }
    if let neutral, !seen.contains(neutral) {
      throw YAMLContentError(
        path: path + [CodingKeys.neutral], "neutral class '\(neutral)' is not a class of the task",
        expected: "one of: \(classes.map(\.name).joined(separator: ", "))")
    }
  }

  /// A task of bins: `from`, `bins` (each `name` and, but the last, `max`), optional `name`,
  /// `description`, `neutral`; no mappings, classes or drop.
  private init(binning file: KeyedDecodingContainer<FileKeys>, path: [any CodingKey]) throws {
    name = try file.decode(String.self, forKey: .name)
    description = try file.decodeIfPresent(String.self, forKey: .description) ?? ""
    reference = try file.decodeIfPresent(Reference.self, forKey: .reference)
    for key in [FileKeys.mappings, .classes, .drop] where file.contains(key) {
      throw YAMLContentError(
        path: path + [key], "a task that bins a dimension takes its classes from bins (\(key.stringValue) given)",
        expected: "from and bins, without mappings, classes or drop")
    }
    let dimension = try file.decode(String.self, forKey: .from).trimmingCharacters(in: .whitespaces).lowercased()
    guard !dimension.isEmpty else {
      throw YAMLContentError(path: path + [FileKeys.from], "from is empty", expected: "a dimension such as arousal")
    }
    let bins = try file.decode([Bin].self, forKey: .bins)
    guard bins.count >= 2 else {
      throw YAMLContentError(
        path: path + [FileKeys.bins], "\(bins.count) bin\(bins.count == 1 ? "" : "s")", expected: "two bins or more")
    }
    var bounds: [Double] = []
    var seen: Set<String> = []
    for (i, bin) in bins.enumerated() {
      let at = path + [FileKeys.bins, AnyCodingKey(intValue: i)]
      guard seen.insert(bin.name).inserted else {
        throw YAMLContentError(
          path: at + [Bin.CodingKeys.name], "bin '\(bin.name)' is listed twice", expected: "each bin once")
      }
      if i == bins.count - 1 {
        if bin.max != nil {
          throw YAMLContentError(
            path: at + [Bin.CodingKeys.max], "the last bin '\(bin.name)' has an upper bound",
            expected: "no max on the last bin: it takes every value above the others")
        }
        continue
      }
      guard let max = bin.max, max.isFinite else {
        throw YAMLContentError(
          path: at, "bin '\(bin.name)' has no upper bound", expected: "max: a number on every bin but the last")
      }
      if let previous = bounds.last, !(max > previous) {
        throw YAMLContentError(
          path: at + [Bin.CodingKeys.max],
          "bin '\(bin.name)' max \(Self.number(max)) is not above the previous bin's \(Self.number(previous))",
          expected: "upper bounds in increasing order")
      }
      bounds.append(max)
    }
    mappings = []
    classes = bins.map { TaskClass(name: $0.name, gathers: []) }
    drop = []
    neutral = try file.decodeIfPresent(String.self, forKey: .neutral)
    binning = Binning(dimension: dimension, bounds: bounds)
    if let neutral, !seen.contains(neutral) {
      throw YAMLContentError(
        path: path + [FileKeys.neutral], "neutral class '\(neutral)' is not a bin of the task",
        expected: "one of: \(classes.map(\.name).joined(separator: ", "))")
    }
  }

  /// A bound as people write it (`2.5`, `3`).
  private static func number(_ x: Double) -> String { x.rounded() == x && abs(x) < 1e15 ? String(Int(x)) : String(x) }

  /// Output class names in order.
  public var classNames: [String] { classes.map(\.name) }

  /// The bin a value of `binning.dimension` falls in: the first whose upper bound (inclusive) is
  /// at or above it, else the last. Only for binned tasks.
  public func binClass(of value: Double) -> String {
    let bounds = binning?.bounds ?? []
    for (i, bound) in bounds.enumerated() where value <= bound { return classes[i].name }
    return classes[classes.count - 1].name
  }

  /// The task class a canonical class goes to; nil when the task drops it.
  public func taskClass(of canonical: String) -> String? { classOfCanonical[canonical] }

  /// Checks every gathered or dropped name against the loaded mappings and indexes them.
  mutating func bind(to loaded: [LabelMapping], source: String, in document: YAMLSource) throws {
    labelMappings = loaded
    self.source = source
    // Task files may spell a canonical class tolerantly; store the mappings' own spellings. Two
    // mappings may spell one class differently (`Anger`, `anger`): a name places every spelling.
    var canonicalByKey: [String: [String]] = [:]
    for mapping in loaded {
      for canonical in mapping.canonicalClasses
      where !canonicalByKey[LabelKey.of(canonical), default: []].contains(canonical) {
        canonicalByKey[LabelKey.of(canonical), default: []].append(canonical)
      }
    }
    let known = loaded.flatMap(\.canonicalClasses)
    var placed: [String: String] = [:]  // canonical → where it went (a class name, or "drop")
    func place(_ raw: String, into target: String, at path: [YAMLPathComponent]) throws {
      guard let spellings = canonicalByKey[LabelKey.of(raw)] else {
        throw document.located(
          at: path, "'\(raw)' is not a class of \(loaded.map(\.name).joined(separator: " or "))",
          expected: "one of: \(known.joined(separator: ", "))")
      }
      for canonical in spellings {
        if let previous = placed[canonical] {
          throw document.located(
            at: path, "'\(canonical)' is already in \(previous == "drop" ? "drop" : "class '\(previous)'")",
            expected: "each canonical class in one task class or in drop")
        }
        placed[canonical] = target
      }
    }
    for (i, taskClass) in classes.enumerated() {
      for (j, raw) in taskClass.gathers.enumerated() {
        try place(raw, into: taskClass.name, at: [.key("classes"), .index(i), .key("gathers"), .index(j)])
      }
    }
    for (i, raw) in drop.enumerated() { try place(raw, into: "drop", at: [.key("drop"), .index(i)]) }
    for mapping in loaded {
      let missing = mapping.canonicalClasses.filter { placed[$0] == nil }
      if !missing.isEmpty {
        throw document.located(
          at: [.key("drop")],
          "\(missing.map { "'\($0)'" }.joined(separator: ", ")) of \(mapping.name) neither gathered nor dropped",
          expected: "every class of the mapping in a task class or in drop")
      }
    }
    classOfCanonical = placed.filter { $0.value != "drop" }
  }
}

extension TaskDefinition.TaskClass {
  enum CodingKeys: String, CodingKey, CaseIterable { case name, gathers }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self, in: "a task class")
    let container = try decoder.container(keyedBy: CodingKeys.self)
    name = try container.decode(String.self, forKey: .name)
    gathers = try container.decode([String].self, forKey: .gathers)
  }
}

extension TaskDefinition {
  /// Names of the bundled tasks (`mappings/tasks/*.yaml`).
  public static var bundledNames: [String] {
    EmbeddedMappings.files.keys.filter { $0.hasPrefix("tasks/") }
      .map { String($0.dropFirst("tasks/".count).dropLast(".yaml".count)) }.sorted()
  }

  /// Whether `--task` names a task file (ending in `.yaml` or `.yml`) rather than a bundled task.
  public static func isFile(_ nameOrPath: String) -> Bool {
    nameOrPath.hasSuffix(".yaml") || nameOrPath.hasSuffix(".yml")
  }

  /// A bundled task by name (`cemo-4`), or the user's task file when `nameOrPath` ends in `.yaml`.
  public static func load(_ nameOrPath: String) throws -> TaskDefinition {
    if isFile(nameOrPath) {
      let document = try YAMLSource(path: nameOrPath)
      let folder = (nameOrPath as NSString).deletingLastPathComponent
      return try load(document, source: nameOrPath, mappingFolder: folder.isEmpty ? "." : folder)
    }
    guard let text = EmbeddedMappings.files["tasks/\(nameOrPath).yaml"] else {
      throw unknownTask(nameOrPath)
    }
    let document = try YAMLSource(text: text, file: "mappings/tasks/\(nameOrPath).yaml")
    return try load(document, source: "bundled", mappingFolder: nil)
  }

  /// Parses task YAML; `file` names it in errors; mapping paths resolve against `mappingFolder`
  /// (nil: bundled mappings only).
  public static func parse(_ text: String, file: String, mappingFolder: String? = nil) throws -> TaskDefinition {
    try load(YAMLSource(text: text, file: file), source: file, mappingFolder: mappingFolder)
  }

  private static func load(_ document: YAMLSource, source: String, mappingFolder: String?) throws -> TaskDefinition {
    var task = try document.decode(TaskDefinition.self, shape: taskShape)
    if task.binning != nil {
      // Bins need no label mapping; where `from` is written names the task in later errors.
      task.source = source
      task.binning!.file = document.file
      task.binning!.line = document.line(at: [.key("from")])
      return task
    }
    var loaded: [LabelMapping] = []
    for (i, reference) in task.mappings.enumerated() {
      if reference.hasSuffix(".yaml") || reference.hasSuffix(".yml") {
        guard let mappingFolder else {
          throw document.located(
            at: [.key("mappings"), .index(i)], "a bundled task cannot read mapping file '\(reference)'",
            expected: "a bundled mapping name")
        }
        let path = reference.hasPrefix("/") ? reference : mappingFolder + "/" + reference
        guard FileManager.default.fileExists(atPath: path) else {
          throw document.located(
            at: [.key("mappings"), .index(i)], "mapping file '\(reference)' not found (looked for \(path))",
            expected: "a path relative to the task file")
        }
        loaded.append(try LabelMapping.load(path: path))
      } else {
        guard LabelMapping.bundledNames.contains(reference) else {
          throw document.located(
            at: [.key("mappings"), .index(i)], "unknown mapping '\(reference)'",
            expected: "one of: \(LabelMapping.bundledNames.joined(separator: ", ")), or a path to a .yaml file")
        }
        loaded.append(try LabelMapping.bundled(reference))
      }
    }
    try task.bind(to: loaded, source: source, in: document)
    return task
  }

  /// `unknown task 'cemo4' (expected one of: …; did you mean 'cemo-4'?)`.
  static func unknownTask(_ name: String) -> LocatedError {
    var expected = "one of: \(bundledNames.joined(separator: ", ")), or a path to a .yaml task file"
    let query = name.lowercased()
    let scored = bundledNames.map { (name: $0, distance: LabelKey.editDistance(query, $0)) }
    if let best = scored.min(by: { $0.distance < $1.distance }), best.distance <= max(2, query.count / 3) {
      expected += "; did you mean '\(best.name)'?"
    }
    return LocatedError(file: nil, "unknown task '\(name)'", expected: expected)
  }

  static let taskShape =
    "a task file: name, description, mappings, classes [{name, gathers}], neutral, drop, reference {ua, wa, source}; "
    + "or name, from, bins [{name, max}]"
}

extension TaskDefinition.Reference {
  enum CodingKeys: String, CodingKey, CaseIterable { case ua, wa, source }

  public init(from decoder: any Decoder) throws {
    try decoder.rejectUnknownKeys(CodingKeys.self, in: "a task's reference")
    let container = try decoder.container(keyedBy: CodingKeys.self)
    ua = try container.decode(Double.self, forKey: .ua)
    wa = try container.decodeIfPresent(Double.self, forKey: .wa)
    source = try container.decode(String.self, forKey: .source)
    for (key, value) in [(CodingKeys.ua, ua), (.wa, wa)] {
      guard let value else { continue }
      guard (0...100).contains(value) else {
        throw YAMLContentError(
          path: decoder.codingPath + [key], "reference \(key.rawValue) \(value) is not a percentage",
          expected: "a number from 0 to 100")
      }
    }
  }
}

extension TaskDefinition {
  /// Classes made of a rating dimension's values: bin k holds the values up to `bounds[k]`
  /// (inclusive) and above the bound before it; the last bin everything above.
  public struct Binning: Sendable, Hashable, Codable {
    /// The dimension (`arousal`, `valence`, …).
    public var dimension: String
    /// Upper bounds of every bin but the last, increasing.
    public var bounds: [Double]
    /// Where `from` is written (the task file and line), for errors about the corpus.
    public var file = ""
    public var line = 0

    public init(dimension: String, bounds: [Double]) {
      self.dimension = dimension
      self.bounds = bounds
    }
  }

  /// One bin of a task file: a class name and its upper bound (none on the last bin).
  struct Bin: Decodable {
    var name: String
    var max: Double?

    enum CodingKeys: String, CodingKey, CaseIterable { case name, max }

    init(from decoder: any Decoder) throws {
      try decoder.rejectUnknownKeys(CodingKeys.self, in: "a bin")
      let container = try decoder.container(keyedBy: CodingKeys.self)
      name = try container.decode(String.self, forKey: .name)
      max = try container.decodeIfPresent(Double.self, forKey: .max)
    }
  }
}
