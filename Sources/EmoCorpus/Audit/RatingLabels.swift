import EmoSupport

/// How a raw label of a ratings or vote table becomes an audit category: as written, or through a
/// task's label mapping to one of its classes.
struct RatingLabels {
  /// What one raw label becomes.
  enum Outcome: Equatable {
    case category(String)
    /// A known label whose class the task does not keep (its ratings leave the audit).
    case notInTask(String)
    /// The mapping's "no consensus" marker or a blank label: no rating.
    case noLabel
    case unknown
  }

  let task: TaskDefinition?
  let mapping: LabelMapping?

  /// Raw labels kept as written (no task).
  init() {
    task = nil
    mapping = nil
  }

  /// Through `task`: of its label mappings, the one that resolves most of `raw` (ties: the first).
  init(task: TaskDefinition, raw: Set<String>) {
    self.task = task
    var best = task.labelMappings.first
    var bestCount = -1
    for m in task.labelMappings {
      let count = raw.filter { m.resolve($0) != .unknown }.count
      if count > bestCount { (best, bestCount) = (m, count) }
    }
    mapping = best
  }

  func resolve(_ raw: String) -> Outcome {
    let trimmed = raw.trimmingCharacters(in: .whitespaces)
    guard !trimmed.isEmpty else { return .noLabel }
    guard let task, let mapping else { return .category(trimmed) }
    switch mapping.resolve(trimmed) {
    case .canonical(let canonical):
      guard let taskClass = task.taskClass(of: canonical) else { return .notInTask(canonical) }
      return .category(taskClass)
    case .noConsensus: return .noLabel
    case .unknown: return .unknown
    }
  }

  /// `resolve` remembered per raw label: a ratings table repeats a handful of labels millions of
  /// times, and each `resolve` trims through Foundation. Remembers at most `limit` labels (free
  /// text resolves the plain way past it).
  struct Memo {
    let labels: RatingLabels
    let limit: Int
    private var known: [String: Outcome] = [:]

    init(_ labels: RatingLabels, limit: Int = 4096) {
      self.labels = labels
      self.limit = limit
    }

    mutating func resolve(_ raw: String) -> Outcome {
      if let outcome = known[raw] { return outcome }
      let outcome = labels.resolve(raw)
      if known.count < limit { known[raw] = outcome }
      return outcome
    }
  }

  /// The error of an unknown label at `file:line`, naming the nearest known labels.
  func unknownLabel(_ raw: String, file: String, line: Int) -> LocatedError {
    let name = mapping?.name ?? "the task"
    let nearest = mapping?.nearestLabels(to: raw).joined(separator: ", ") ?? ""
    return LocatedError(
      file: file, line: line, "unknown label '\(raw)'",
      expected: "a label of \(name)\(nearest.isEmpty ? "" : "; nearest: \(nearest)"), or --drop-unknown")
  }
}
