import Foundation

/// Which IEMOCAP-style dialogs a run keeps (`--subset`), compared with a segment's `extra["subset"]`.
public enum Subset: String, Sendable, Hashable, Codable, CaseIterable {
  case improvised, scripted, all
}

/// How far `--neutral-target` reduces the Neutral class: a count or a ratio of the rest.
public enum NeutralTarget: Sendable, Hashable, Codable, CustomStringConvertible {
  /// Keep about this many Neutral segments.
  case count(Int)
  /// Keep about `ratio` × (number of kept non-Neutral segments) Neutral segments.
  case ratio(Double)

  /// Parses the flag's value: an integer is a count (`3000`), a decimal is a ratio (`1.5`, `0.8`).
  public init?(parsing text: String) {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if let value = Int(trimmed), value >= 0 {
      self = .count(value)
    } else if let value = Double(trimmed), value.isFinite, value >= 0 {
      self = .ratio(value)
    } else {
      return nil
    }
  }

  /// The number of Neutral segments aimed at, given the number of kept non-Neutral segments.
  public func goal(nonNeutral: Int) -> Int {
    switch self {
    case .count(let n): max(0, n)
    case .ratio(let r): max(0, Int((r * Double(nonNeutral)).rounded()))
    }
  }

  /// What `--neutral-target` takes, for messages.
  public static let expected = "a segment count such as 3000 or a ratio such as 1.5"

  /// The option spelling, which `init(parsing:)` reads back.
  public var description: String {
    switch self {
    case .count(let n): "\(n)"
    case .ratio(let r): "\(r)"
    }
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = (try? container.decode(String.self)) ?? (try? container.decode(Double.self)).map { "\($0)" } ?? ""
    guard let target = NeutralTarget(parsing: text) else {
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: decoder.codingPath,
          debugDescription: "invalid neutral target '\(text)' (expected \(Self.expected))"))
    }
    self = target
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}

/// Selection and balancing options of one prep run; defaults select everything.
public struct SelectionOptions: Sendable, Hashable, Codable {
  /// Speaker roles kept (`--roles caller`); nil keeps every role.
  public var roles: Set<Role>?
  /// Compared with a segment's `extra["subset"]`; segments without that key are not affected.
  /// nil or `all` keeps every subset.
  public var subset: Subset?
  /// Sessions kept (`--sessions 1,2`): compared with `extra["session"]` of the segment, else of its
  /// speaker; segments with neither are not affected. nil keeps every session.
  public var sessions: [Int]?
  /// Segments shorter than this many seconds are dropped (`too_short`); unknown durations are kept.
  public var minDuration: Double?
  /// Drop speakers whose kept segments are all Neutral (`--exclude-all-neutral`).
  public var excludeAllNeutral: Bool
  /// The task's Neutral class; nil means the task class named `neutral` in any letter case.
  public var neutralClass: String?
  /// `--neutral-target`; nil keeps every Neutral segment.
  public var neutralTarget: NeutralTarget?
  /// Seed of every random choice of selection and balancing.
  public var seed: UInt64

  public init(
    roles: Set<Role>? = nil, subset: Subset? = nil, sessions: [Int]? = nil, minDuration: Double? = nil,
    excludeAllNeutral: Bool = false, neutralClass: String? = nil, neutralTarget: NeutralTarget? = nil,
    seed: UInt64 = 1
  ) {
    self.roles = roles
    self.subset = subset
    self.sessions = sessions
    self.minDuration = minDuration
    self.excludeAllNeutral = excludeAllNeutral
    self.neutralClass = neutralClass
    self.neutralTarget = neutralTarget
    self.seed = seed
  }

  /// The neutral options act on the task's neutral class: with a task that has none they would do
  /// nothing, so they are refused (the text of the problem, worded with the flag; nil when fine).
  public static func neutralOptionProblem(
    excludeAllNeutral: Bool, neutralTarget: NeutralTarget?, task: TaskDefinition
  ) -> String? {
    guard task.neutral == nil, excludeAllNeutral || neutralTarget != nil else { return nil }
    return "\(excludeAllNeutral ? "--exclude-all-neutral" : "--neutral-target") with task \(task.name), "
      + "which has no Neutral class"
  }

  /// The Neutral class among `labels`: `neutralClass` when set, else the label spelled `neutral`
  /// in any case; nil when the task has none (then all-neutral exclusion and balancing do nothing).
  public func resolvedNeutralClass<S: Sequence<String>>(among labels: S) -> String? {
    if let neutralClass { return neutralClass }
    return labels.first { $0.lowercased() == "neutral" }
  }
}
