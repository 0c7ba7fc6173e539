import Agreement
import EmoSupport
import Foundation

// The audit's result. Keys are snake_case and stable: other tools read `audit.json`.
// Optionals are written as JSON null (never omitted), so every key is always present.

/// Cohen's kappa of the two coders on one subset, as written under `kappa.<rule>.<subset>`.
public struct KappaEntry: Sendable, Hashable, Codable {
  /// nil (null) when n = 0.
  public var value: Double?
  /// Analytic SE (Fleiss, Cohen & Everitt 1969); nil when n = 0 or chance agreement is 1.
  public var se: Double?
  /// value ± 1.96·se, clamped to [-1, 1].
  public var ci95: [Double]?
  /// Percentile interval of the dialog bootstrap; nil when n = 0 or the bootstrap is off.
  public var ci95Bootstrap: [Double]?
  /// Items with a usable Major label from both coders.
  public var n: Int
  /// Items of the subset where one (or both) of the two coders has no judgement.
  public var excludedMissingCoder: Int
  /// Items where both coders are present but one gave no usable Major label.
  public var excludedMissingLabel: Int
  public var observedAgreement: Double?
  public var chanceAgreement: Double?

  enum CodingKeys: String, CodingKey {
    case value, se, ci95, n
    case ci95Bootstrap = "ci95_bootstrap"
    case excludedMissingCoder = "excluded_missing_coder"
    case excludedMissingLabel = "excluded_missing_label"
    case observedAgreement = "observed_agreement"
    case chanceAgreement = "chance_agreement"
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(value, forKey: .value)
    try c.encode(se, forKey: .se)
    try c.encode(ci95, forKey: .ci95)
    try c.encode(ci95Bootstrap, forKey: .ci95Bootstrap)
    try c.encode(n, forKey: .n)
    try c.encode(excludedMissingCoder, forKey: .excludedMissingCoder)
    try c.encode(excludedMissingLabel, forKey: .excludedMissingLabel)
    try c.encode(observedAgreement, forKey: .observedAgreement)
    try c.encode(chanceAgreement, forKey: .chanceAgreement)
  }
}

/// Kappa of one rule overall and per speaker role.
public struct KappaByRole: Sendable, Hashable, Codable {
  public var all: KappaEntry
  public var caller: KappaEntry
  public var agent: KappaEntry
}

/// Strict (Major vs Major) and relaxed kappa.
public struct KappaSection: Sendable, Hashable, Codable {
  /// Coder whose labels are rows of the confusion matrices (nil when fewer than two coders).
  public var coderA: String?
  public var coderB: String?
  /// `input` when the caller named the coders, else `most_items`.
  public var codersChosenBy: String
  public var strict: KappaByRole
  public var relaxed: KappaByRole

  enum CodingKeys: String, CodingKey {
    case strict, relaxed
    case coderA = "coder_a"
    case coderB = "coder_b"
    case codersChosenBy = "coders_chosen_by"
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(coderA, forKey: .coderA)
    try c.encode(coderB, forKey: .coderB)
    try c.encode(codersChosenBy, forKey: .codersChosenBy)
    try c.encode(strict, forKey: .strict)
    try c.encode(relaxed, forKey: .relaxed)
  }
}

/// One-vs-rest kappa of one class.
public struct ClassKappa: Sendable, Hashable, Codable {
  public var label: String
  /// nil when neither coder used the class, or n = 0.
  public var value: Double?
  public var se: Double?
  public var n: Int
  /// Items coder A (resp. B) put in this class.
  public var countA: Int
  public var countB: Int

  enum CodingKeys: String, CodingKey {
    case value, se, n
    case label = "class"
    case countA = "count_a"
    case countB = "count_b"
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(label, forKey: .label)
    try c.encode(value, forKey: .value)
    try c.encode(se, forKey: .se)
    try c.encode(n, forKey: .n)
    try c.encode(countA, forKey: .countA)
    try c.encode(countB, forKey: .countB)
  }
}

/// Per-class kappa under both rules (all roles).
public struct PerClassKappa: Sendable, Hashable, Codable {
  public var strict: [ClassKappa]
  public var relaxed: [ClassKappa]
}

/// Coder A (rows) vs coder B (columns) counts over `classes`, both rules, all roles.
public struct CoderConfusion: Sendable, Hashable, Codable {
  public var classes: [String]
  public var strict: [[Int]]
  public var relaxed: [[Int]]
}

/// A multi-rater coefficient as written under `percent_agreement`, `fleiss_kappa`,
/// `krippendorff_alpha`, `conger_kappa`, `gwet_ac1`, `brennan_prediger` and `scott_pi`.
public struct MultiRaterEntry: Sendable, Hashable, Codable {
  /// null when no item has two ratings or the input cannot define the coefficient (a note says why).
  public var value: Double?
  /// Standard error as irrCAC computes it (Gwet's linearization); null when undefined.
  public var se: Double?
  /// value ± t(0.975, n − 1)·se, the upper bound capped at 1 (irrCAC's interval).
  public var ci95: [Double]?
  /// Items with at least two ratings (the ones used).
  public var items: Int
  public var ratings: Int
  /// Distinct raters over those items; null when the input has no rater identity (vote tables).
  public var raters: Int?
  public var observedAgreement: Double?
  /// null for the percent agreement (no chance correction).
  public var chanceAgreement: Double?
  /// Fleiss' kappa only: the value irrCAC's `fleiss.kappa.raw` gives (chance from the mean of
  /// per-item category shares over every rated item); equal to `value` when every item has the
  /// same number of ratings.
  public var irrcac: CoefficientVariant?

  enum CodingKeys: String, CodingKey {
    case value, se, ci95, items, ratings, raters, irrcac
    case observedAgreement = "observed_agreement"
    case chanceAgreement = "chance_agreement"
  }

  public init(
    value: Double?, se: Double? = nil, ci95: [Double]? = nil, items: Int, ratings: Int, raters: Int?,
    observedAgreement: Double? = nil, chanceAgreement: Double? = nil, irrcac: CoefficientVariant? = nil
  ) {
    self.value = value
    self.se = se
    self.ci95 = ci95
    self.items = items
    self.ratings = ratings
    self.raters = raters
    self.observedAgreement = observedAgreement
    self.chanceAgreement = chanceAgreement
    self.irrcac = irrcac
  }

  /// The entry of an estimate (nil: the coefficient is not defined for this input).
  public init(_ e: CoefficientEstimate?, raters: Int?) {
    self.init(
      value: e?.value, se: e?.se, ci95: e?.ci95, items: e?.items ?? 0, ratings: e?.ratings ?? 0,
      raters: e == nil ? nil : raters, observedAgreement: e?.observed, chanceAgreement: e?.chance)
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(value, forKey: .value)
    try c.encode(se, forKey: .se)
    try c.encode(ci95, forKey: .ci95)
    try c.encode(items, forKey: .items)
    try c.encode(ratings, forKey: .ratings)
    try c.encode(raters, forKey: .raters)
    try c.encode(observedAgreement, forKey: .observedAgreement)
    try c.encode(chanceAgreement, forKey: .chanceAgreement)
    if let irrcac { try c.encode(irrcac, forKey: .irrcac) }
  }
}

/// Another published form of a coefficient: value, standard error, interval and chance agreement.
public struct CoefficientVariant: Sendable, Hashable, Codable {
  public var value: Double?
  public var se: Double?
  public var ci95: [Double]?
  public var chanceAgreement: Double?

  enum CodingKeys: String, CodingKey {
    case value, se, ci95
    case chanceAgreement = "chance_agreement"
  }

  public init(_ e: CoefficientEstimate) {
    value = e.value
    se = e.se
    ci95 = e.ci95
    chanceAgreement = e.chance
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(value, forKey: .value)
    try c.encode(se, forKey: .se)
    try c.encode(ci95, forKey: .ci95)
    try c.encode(chanceAgreement, forKey: .chanceAgreement)
  }
}

/// Cohen's kappa of one pair of coders on the items both labeled (Major vs Major).
public struct PairwiseKappa: Sendable, Hashable, Codable {
  public var coderA: String
  public var coderB: String
  public var kappa: Double?
  public var n: Int

  enum CodingKeys: String, CodingKey {
    case kappa, n
    case coderA = "coder_a"
    case coderB = "coder_b"
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(coderA, forKey: .coderA)
    try c.encode(coderB, forKey: .coderB)
    try c.encode(kappa, forKey: .kappa)
    try c.encode(n, forKey: .n)
  }
}

/// Mean, median, minimum and maximum of a sample (all nil when it is empty).
public struct SummaryStats: Sendable, Hashable, Codable {
  public var n: Int
  public var mean: Double?
  /// Middle value, or the mean of the two middle values.
  public var median: Double?
  public var min: Double?
  public var max: Double?

  /// Statistics of `values` (n = 0: every statistic nil).
  public init(_ values: [Double]) {
    n = values.count
    guard !values.isEmpty else { return }
    let sorted = values.sorted()
    mean = values.reduce(0, +) / Double(values.count)
    let mid = sorted.count / 2
    median = sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    min = sorted.first
    max = sorted.last
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(n, forKey: .n)
    try c.encode(mean, forKey: .mean)
    try c.encode(median, forKey: .median)
    try c.encode(min, forKey: .min)
    try c.encode(max, forKey: .max)
  }
}

/// A count and its share of a whole (share 0 when the whole is 0).
public struct ClassShare: Sendable, Hashable, Codable {
  public var label: String
  public var count: Int
  public var share: Double

  enum CodingKeys: String, CodingKey {
    case count, share
    case label = "class"
  }
}

/// Speakers expressing exactly `classes` distinct classes.
public struct SpeakerClassCount: Sendable, Hashable, Codable {
  public var classes: Int
  public var speakers: Int
  public var share: Double
}

/// Distributions of one subset's labeled items (the paper's Figs. 1–3).
public struct DistributionSummary: Sendable, Hashable, Codable {
  /// Items with a task class.
  public var labeled: Int
  /// Items without one (dropped by selection).
  public var unlabeled: Int
  /// Task classes: segments and share of labeled segments.
  public var classes: [ClassShare]
  /// Speakers with at least one labeled segment.
  public var speakers: Int
  /// Share of speakers expressing 1, 2, … classes (1 up to the number of task classes).
  public var speakersByClassCount: [SpeakerClassCount]
  /// Per task class: speakers with at least one segment of it, share of speakers.
  public var speakersPerClass: [ClassShare]
  /// Speakers whose labeled segments are all the neutral class (nil when no neutral class given).
  public var onlyNeutralSpeakers: ClassShare?
  public var segmentsPerSpeaker: SummaryStats
  /// Durations in seconds of labeled segments that have one.
  public var duration: SummaryStats
  /// Labeled segments without a duration.
  public var durationMissing: Int

  enum CodingKeys: String, CodingKey {
    case labeled, unlabeled, classes, speakers, duration
    case speakersByClassCount = "speakers_by_class_count"
    case speakersPerClass = "speakers_per_class"
    case onlyNeutralSpeakers = "only_neutral_speakers"
    case segmentsPerSpeaker = "segments_per_speaker"
    case durationMissing = "duration_missing"
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(labeled, forKey: .labeled)
    try c.encode(unlabeled, forKey: .unlabeled)
    try c.encode(classes, forKey: .classes)
    try c.encode(speakers, forKey: .speakers)
    try c.encode(speakersByClassCount, forKey: .speakersByClassCount)
    try c.encode(speakersPerClass, forKey: .speakersPerClass)
    try c.encode(onlyNeutralSpeakers, forKey: .onlyNeutralSpeakers)
    try c.encode(segmentsPerSpeaker, forKey: .segmentsPerSpeaker)
    try c.encode(duration, forKey: .duration)
    try c.encode(durationMissing, forKey: .durationMissing)
  }
}

/// Distributions overall and per role.
public struct DistributionSection: Sendable, Hashable, Codable {
  public var all: DistributionSummary
  public var caller: DistributionSummary
  public var agent: DistributionSummary
}

/// How far the speaker predicts the task label.
public struct SpeakerLabelDependence: Sendable, Hashable, Codable {
  /// Labeled segments and speakers used.
  public var n: Int
  public var speakers: Int
  /// Plain Cramér's V of the speaker × class table; nil with fewer than 2 speakers or 2 classes.
  public var cramersV: Double?
  /// Bias-corrected V (Bergsma 2013), the one the flag uses: plain V is inflated when speakers
  /// have few segments each.
  public var cramersVCorrected: Double?
  /// Share of speakers expressing one class only.
  public var singleClassShare: Double
  /// The same among speakers with at least two labeled segments (nil when there are none).
  public var singleClassShareMultiSegment: Double?
  /// True when corrected V (plain V if the correction is undefined) ≥ 0.5 or single-class share
  /// ≥ 0.5, provided labeled items hold at least two classes.
  public var flag: Bool
  public var message: String?

  enum CodingKeys: String, CodingKey {
    case n, speakers, flag, message
    case cramersV = "cramers_v"
    case cramersVCorrected = "cramers_v_corrected"
    case singleClassShare = "single_class_share"
    case singleClassShareMultiSegment = "single_class_share_multi_segment"
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(n, forKey: .n)
    try c.encode(speakers, forKey: .speakers)
    try c.encode(cramersV, forKey: .cramersV)
    try c.encode(cramersVCorrected, forKey: .cramersVCorrected)
    try c.encode(singleClassShare, forKey: .singleClassShare)
    try c.encode(singleClassShareMultiSegment, forKey: .singleClassShareMultiSegment)
    try c.encode(flag, forKey: .flag)
    try c.encode(message, forKey: .message)
  }
}

/// How many in-scope items one coder left without any label or rating, per kind of judgement
/// (`categorical`, `selfEvaluation`, `dimensional`): IEMOCAP's empty evaluator lines
/// `C-F1:<TAB>;<TAB>()`, empty label cells. A missing rating, not an error.
public struct CoderNoLabel: Sendable, Hashable, Codable {
  public var coder: String
  public var kind: AnnotationKind
  public var items: Int

  public init(coder: String, kind: AnnotationKind, items: Int) {
    self.coder = coder
    self.kind = kind
    self.items = items
  }

  /// The counts over `segments`, ordered by coder then kind; only coders with at least one.
  public static func counts<Segments: Sequence<Segment>>(_ segments: Segments) -> [CoderNoLabel] {
    var counts: [String: [AnnotationKind: Int]] = [:]
    for segment in segments {
      for annotation in segment.annotations {
        let empty: Bool
        switch annotation.kind {
        case .dimensional:
          empty = annotation.dimensions?.isEmpty ?? true
        case .categorical, .selfEvaluation:
          empty = !(annotation.labels + (annotation.minor.map { [$0] } ?? [])).contains {
            !$0.trimmingCharacters(in: .whitespaces).isEmpty
          }
        }
        if empty { counts[annotation.coder, default: [:]][annotation.kind, default: 0] += 1 }
      }
    }
    let kinds: [AnnotationKind] = [.categorical, .selfEvaluation, .dimensional]
    return counts.keys.sorted().flatMap { coder in
      kinds.compactMap { kind in counts[coder]![kind].map { CoderNoLabel(coder: coder, kind: kind, items: $0) } }
    }
  }
}

/// How the bootstrap intervals were drawn.
public struct BootstrapInfo: Sendable, Hashable, Codable {
  public var replicates: Int
  public var seed: UInt64
  /// Always `dialog`: dialogs are resampled with replacement.
  public var unit: String
  /// Always `percentile` (linear interpolation between order statistics, numpy's default).
  public var method: String
}

/// Everything `emocorpus audit` reports; written as `audit.json` by `jsonData()`.
public struct AuditReport: Sendable, Hashable, Codable {
  /// Items given to the audit.
  public var items: Int
  /// Kappa categories (macro classes) and task classes.
  public var kappaClasses: [String]
  public var taskClasses: [String]
  public var bootstrap: BootstrapInfo
  public var kappa: KappaSection
  public var perClassKappa: PerClassKappa
  public var confusion: CoderConfusion
  /// What was audited: corpus, vote table or ratings table, and the categories of the multi-rater
  /// coefficients.
  public var input: AuditInputSummary
  public var percentAgreement: MultiRaterEntry
  public var fleissKappa: MultiRaterEntry
  public var krippendorffAlpha: MultiRaterEntry
  public var congerKappa: MultiRaterEntry
  public var gwetAC1: MultiRaterEntry
  public var brennanPrediger: MultiRaterEntry
  public var scottPi: MultiRaterEntry
  /// Per category of `input.categories`: usage, agreeing pairs, majority items.
  public var perCategory: [CategoryAgreement]
  public var majority: MajoritySummary
  /// Items whose highest count is shared by two categories or more (= `majority.ties`).
  public var ties: Int
  /// Per rater (sorted by name); empty without rater identity.
  public var raters: [RaterDiagnostic]
  public var raterSummary: RaterSummary
  public var pairwise: [PairwiseKappa]
  /// Mean of the defined pairwise kappas (nil when none).
  public var pairwiseMeanKappa: Double?
  public var distribution: DistributionSection
  public var speakerLabelDependence: SpeakerLabelDependence
  /// One line per degenerate or noteworthy value, naming its JSON key.
  public var notes: [String]
  /// Coders who left items without a label or rating (`no_label`), per kind of judgement.
  public var noLabel: [CoderNoLabel] = []
  /// Agreement on numeric rating dimensions, by name (absent for categorical input).
  public var dimensions: [String: DimensionAgreement]?

  enum CodingKeys: String, CodingKey {
    case items, bootstrap, kappa, confusion, pairwise, distribution, notes, input, majority, ties, raters
    case kappaClasses = "kappa_classes"
    case percentAgreement = "percent_agreement"
    case congerKappa = "conger_kappa"
    case gwetAC1 = "gwet_ac1"
    case brennanPrediger = "brennan_prediger"
    case scottPi = "scott_pi"
    case perCategory = "per_category"
    case raterSummary = "rater_summary"
    case taskClasses = "task_classes"
    case perClassKappa = "per_class_kappa"
    case fleissKappa = "fleiss_kappa"
    case krippendorffAlpha = "krippendorff_alpha"
    case pairwiseMeanKappa = "pairwise_mean_kappa"
    case speakerLabelDependence = "speaker_label_dependence"
    case noLabel = "no_label"
    case dimensions
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(items, forKey: .items)
    try c.encode(kappaClasses, forKey: .kappaClasses)
    try c.encode(taskClasses, forKey: .taskClasses)
    try c.encode(bootstrap, forKey: .bootstrap)
    try c.encode(kappa, forKey: .kappa)
    try c.encode(perClassKappa, forKey: .perClassKappa)
    try c.encode(confusion, forKey: .confusion)
    try c.encode(input, forKey: .input)
    try c.encode(percentAgreement, forKey: .percentAgreement)
    try c.encode(fleissKappa, forKey: .fleissKappa)
    try c.encode(krippendorffAlpha, forKey: .krippendorffAlpha)
    try c.encode(congerKappa, forKey: .congerKappa)
    try c.encode(gwetAC1, forKey: .gwetAC1)
    try c.encode(brennanPrediger, forKey: .brennanPrediger)
    try c.encode(scottPi, forKey: .scottPi)
    try c.encode(perCategory, forKey: .perCategory)
    try c.encode(majority, forKey: .majority)
    try c.encode(ties, forKey: .ties)
    try c.encode(raters, forKey: .raters)
    try c.encode(raterSummary, forKey: .raterSummary)
    try c.encode(pairwise, forKey: .pairwise)
    try c.encode(pairwiseMeanKappa, forKey: .pairwiseMeanKappa)
    try c.encode(distribution, forKey: .distribution)
    try c.encode(speakerLabelDependence, forKey: .speakerLabelDependence)
    try c.encode(noLabel, forKey: .noLabel)
    try c.encodeIfPresent(dimensions, forKey: .dimensions)
    try c.encode(notes, forKey: .notes)
  }

  /// `audit.json`: pretty-printed with sorted keys, so equal reports give equal bytes.
  public func jsonData() throws -> Data {
    try JSONEncoder.stable.encode(self)
  }
}
