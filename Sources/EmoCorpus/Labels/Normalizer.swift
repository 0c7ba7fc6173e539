import EmoSupport
import Foundation

/// Turns a corpus's raw labels into one task class per segment, or a drop with its reason
/// raw label → canonical class (mapping) → consensus → task class.
public struct Normalizer: Sendable {
  public let task: TaskDefinition
  public let consensus: ConsensusRule
  /// Drop segments with an unknown label (`unknown_label`) instead of failing.
  public let dropUnknown: Bool
  /// A segment whose corpus consensus says "no agreement" or "other" (`Segment.corpusDrop`) is
  /// decided from its raters' labels by the soft rule instead of dropped (`prep --soft-labels`).
  public let keepRaterDistribution: Bool

  public init(
    task: TaskDefinition, consensus: ConsensusRule = .soft, dropUnknown: Bool = false,
    keepRaterDistribution: Bool = false
  ) {
    self.task = task
    self.consensus = consensus
    self.dropUnknown = dropUnknown
    self.keepRaterDistribution = keepRaterDistribution
  }

  /// One `LabeledSegment` per segment of `corpus`, in the same order.
  ///
  /// Throws a `LocatedError` at the first unknown label (its file:line, the label, the nearest
  /// known ones) unless `dropUnknown`.
  public func normalize(_ corpus: Corpus) throws -> [LabeledSegment] {
    if let binning = task.binning { return try binned(corpus, binning) }
    let mapping = try mapping(for: corpus)
    // A corpus has few distinct raw labels but many segments: resolve each spelling once.
    let resolved = Dictionary(uniqueKeysWithValues: Self.rawLabels(of: corpus).map { ($0, mapping.resolve($0)) })
    // Coders and labels repeat: segments with the same normalized annotations share one array
    // (a large corpus holds each combination once, not once per segment).
    var shared = SharedValues<[NormalizedAnnotation]>()
    return try corpus.segments.map { segment in
      var item = try label(segment, with: mapping, resolved: resolved)
      item.annotations = shared.shared(item.annotations)
      return item
    }
  }

  /// A binned task: each segment's class is the bin of its consensus value on the task's
  /// dimension (the corpus's own, else its observers' mean); a segment without a value is dropped
  /// as `no_label`. Categorical labels are kept raw and play no part. A dimension the corpus does
  /// not carry is an error naming the task file's `from` line.
  func binned(_ corpus: Corpus, _ binning: TaskDefinition.Binning) throws -> [LabeledSegment] {
    guard corpus.scale(of: binning.dimension) != nil else {
      let have = corpus.dimensionScales.map(\.name)
      throw LocatedError(
        file: binning.file.isEmpty ? nil : binning.file, line: binning.line,
        "task '\(task.name)' bins dimension '\(binning.dimension)', which this corpus does not carry",
        expected: have.isEmpty
          ? "a corpus with rating dimensions (IEMOCAP, MSP-Podcast, a table read with --dimensions)"
          : "a dimension of this corpus: \(have.joined(separator: ", "))")
    }
    return corpus.segments.map { segment in
      let annotations = segment.annotations.map {
        NormalizedAnnotation(
          coder: $0.coder, kind: $0.kind, rawMajor: $0.major, rawMinor: $0.minor, major: nil, minor: nil)
      }
      guard let value = corpus.consensusDimensions(segment)[binning.dimension] else {
        return LabeledSegment(
          segment: segment, annotations: annotations, consensus: nil, label: nil,
          drop: Drop(segmentID: segment.id, reason: .noLabel, detail: "no \(binning.dimension) value"))
      }
      let label = task.binClass(of: value)
      return LabeledSegment(segment: segment, annotations: annotations, consensus: label, label: label, drop: nil)
    }
  }

  /// Every distinct raw label of the corpus (corpus consensus, Major, Minor and further labels).
  static func rawLabels(of corpus: Corpus) -> Set<String> {
    var raw: Set<String> = []
    for segment in corpus.segments {
      if let consensus = segment.corpusConsensus { raw.insert(consensus) }
      for annotation in segment.annotations where annotation.kind != .dimensional {
        raw.formUnion(annotation.labels)
        if let minor = annotation.minor { raw.insert(minor) }
      }
    }
    return raw
  }

  /// The task mapping that reads this corpus: the one that resolves most of its distinct raw
  /// labels (a task such as `anger-neutral` lists the vocabularies of several corpora); ties go to
  /// the first listed.
  public func mapping(for corpus: Corpus) throws -> LabelMapping {
    let mappings = task.labelMappings
    guard let first = mappings.first else {
      throw LocatedError(
        file: task.source.isEmpty ? nil : task.source, "task '\(task.name)' has no loaded label mapping",
        expected: "a task from TaskDefinition.load")
    }
    guard mappings.count > 1 else { return first }
    let raw = Self.rawLabels(of: corpus)
    var best = first
    var bestCount = -1
    for mapping in mappings {
      let count = raw.filter { mapping.resolve($0) != .unknown }.count
      if count > bestCount { (best, bestCount) = (mapping, count) }
    }
    return best
  }

  /// Normalizes one segment.
  func label(
    _ segment: Segment, with mapping: LabelMapping, resolved: [String: LabelResolution] = [:]
  ) throws -> LabeledSegment {
    func resolve(_ raw: String) -> LabelResolution { resolved[raw] ?? mapping.resolve(raw) }
    var firstUnknown: String?
    // Resolves one raw label; an unknown one throws, or is remembered when dropping. A blank
    // label (an empty `minor=""`, a trailing `;`) is no label, not an unknown one.
    func canonical(_ raw: String?, at origin: Origin) throws -> String? {
      guard let raw, !raw.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
      if case .canonical(let canonical) = resolve(raw) { return canonical }
      if dropUnknown {
        if firstUnknown == nil { firstUnknown = raw }
        return nil
      }
      throw unknownLabel(raw, at: origin, in: mapping)
    }

    var normalized: [NormalizedAnnotation] = []
    for annotation in segment.annotations {
      guard annotation.kind != .dimensional else {
        normalized.append(
          NormalizedAnnotation(
            coder: annotation.coder, kind: annotation.kind, rawMajor: annotation.major, rawMinor: annotation.minor,
            major: nil, minor: nil))
        continue
      }
      let major = try canonical(annotation.major, at: annotation.origin)
      let minor = try canonical(annotation.minor, at: annotation.origin)
      let additional = try annotation.additional.compactMap { try canonical($0, at: annotation.origin) }
      normalized.append(
        NormalizedAnnotation(
          coder: annotation.coder, kind: annotation.kind, rawMajor: annotation.major, rawMinor: annotation.minor,
          major: major, minor: minor, additional: additional))
    }

    var corpusConsensus: String?
    var corpusSaysNoConsensus = false
    if let raw = segment.corpusConsensus?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
      switch resolve(raw) {
      case .canonical(let canonical): corpusConsensus = canonical
      case .noConsensus: corpusSaysNoConsensus = true
      case .unknown:
        guard dropUnknown else { throw unknownLabel(raw, at: segment.origin, in: mapping) }
        if firstUnknown == nil { firstUnknown = raw }
      }
    }

    func result(_ consensus: String?, _ label: String?, _ reason: DropReason?, _ detail: String?) -> LabeledSegment {
      LabeledSegment(
        segment: segment, annotations: normalized, consensus: consensus, label: label,
        drop: reason.map { Drop(segmentID: segment.id, reason: $0, detail: detail) })
    }

    if let firstUnknown { return result(nil, nil, .unknownLabel, firstUnknown) }
    // Nothing to decide from: no corpus consensus and no coder gave a label (empty cells, empty
    // Events, missing annotations). `no_label`, not a disagreement.
    let rawConsensus = segment.corpusConsensus?.trimmingCharacters(in: .whitespaces) ?? ""
    if rawConsensus.isEmpty, !segment.annotations.contains(where: Self.carriesLabel) {
      let detail = segment.annotations.isEmpty ? "no annotation" : "no coder gave a label"
      return result(nil, nil, .noLabel, detail)
    }

    let decision: ConsensusDecision
    if let reason = segment.corpusDrop {
      // The corpus decided there is no class; only its raters' own labels can give one back.
      guard keepRaterDistribution, !Self.coderAnnotations(normalized).isEmpty else {
        return result(nil, nil, reason, "corpus consensus '\(rawConsensus)'")
      }
      decision = Self.softConsensus(normalized)
    } else {
      switch consensus {
      case .coder(let id): decision = Self.coderConsensus(normalized, coder: id)
      case .soft, .majority:
        if let corpusConsensus {
          decision = .agreed(corpusConsensus)
        } else if corpusSaysNoConsensus {
          decision = .none("corpus consensus '\(segment.corpusConsensus ?? "")'")
        } else if consensus == .soft {
          decision = Self.softConsensus(normalized)
        } else {
          decision = Self.majorityConsensus(normalized)
        }
      }
    }

    switch decision {
    case .none(let why): return result(nil, nil, .noConsensus, why)
    case .agreed(let canonical):
      guard let taskClass = task.taskClass(of: canonical) else {
        return result(canonical, nil, .classNotInTask, canonical)
      }
      return result(canonical, taskClass, nil, nil)
    }
  }

  /// True when a categorical (or self-evaluation) annotation has a non-blank label.
  static func carriesLabel(_ annotation: Annotation) -> Bool {
    guard annotation.kind != .dimensional else { return false }
    let labels = annotation.labels + (annotation.minor.map { [$0] } ?? [])
    return labels.contains { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
  }

  /// A consensus class, or why there is none.
  enum ConsensusDecision: Equatable {
    case agreed(String)
    case none(String)
  }

  /// Categorical (coder, not self-evaluation) annotations that carry a known Major.
  private static func coderAnnotations(_ annotations: [NormalizedAnnotation]) -> [NormalizedAnnotation] {
    annotations.filter { $0.kind == .categorical && $0.major != nil }
  }

  /// The soft rule: Major adds 2, Minor adds 1; the single highest score wins, a tie has no consensus.
  static func softConsensus(_ annotations: [NormalizedAnnotation]) -> ConsensusDecision {
    let coded = coderAnnotations(annotations)
    guard !coded.isEmpty else { return .none("no categorical annotation") }
    var scores: [String: Int] = [:]
    var order: [String] = []  // first-seen order, so that details read the same on every run
    func add(_ canonical: String?, _ points: Int) {
      guard let canonical else { return }
      if scores[canonical] == nil { order.append(canonical) }
      scores[canonical, default: 0] += points
    }
    for annotation in coded {
      add(annotation.major, 2)
      add(annotation.minor, 1)
    }
    let top = scores.values.max()!
    let leaders = order.filter { scores[$0] == top }
    if leaders.count == 1 { return .agreed(leaders[0]) }
    return .none("tie between \(leaders.joined(separator: " and ")) (score \(top))")
  }

  /// The class of more than half of the Major labels.
  static func majorityConsensus(_ annotations: [NormalizedAnnotation]) -> ConsensusDecision {
    let majors = coderAnnotations(annotations).compactMap(\.major)
    guard !majors.isEmpty else { return .none("no categorical annotation") }
    var counts: [String: Int] = [:]
    for major in majors { counts[major, default: 0] += 1 }
    if let (winner, count) = counts.max(by: { $0.value < $1.value }), count * 2 > majors.count {
      return .agreed(winner)
    }
    return .none("no strict majority of \(majors.count) Major labels")
  }

  /// One coder's Major.
  static func coderConsensus(_ annotations: [NormalizedAnnotation], coder: String) -> ConsensusDecision {
    if let major = coderAnnotations(annotations).first(where: { $0.coder == coder })?.major {
      return .agreed(major)
    }
    return .none("no label by coder '\(coder)'")
  }

  /// `file:line: unknown label 'X' (expected a label of M; nearest: A, B, C)`.
  private func unknownLabel(_ raw: String, at origin: Origin, in mapping: LabelMapping) -> LocatedError {
    LocatedError(
      file: origin.file, line: origin.line, "unknown label '\(raw)'",
      expected: "a label of \(mapping.name); nearest: \(mapping.nearestLabels(to: raw).joined(separator: ", "))")
  }
}
