import EmoSupport
import Foundation

/// Numeric ratings of one dimension, ready for agreement: plain arrays, no corpus types.
public struct DimensionRatingsInput: Sendable {
  public var name: String
  public var scale: [Double]
  /// Item names (ids) and where each item is (`file:line`), index-aligned.
  public var itemNames: [String]
  public var itemLocations: [String]
  public var raterNames: [String]
  /// Observer ratings as (item, rater, value) triples (values inside the scale).
  public var items: [Int]
  public var raters: [Int]
  public var values: [Double]
  /// Ratings of the item by its own speaker (IEMOCAP's actors), as (item, rater, value).
  public var selfItems: [Int]
  public var selfRaters: [Int]
  public var selfValues: [Double]
  /// The corpus's own consensus per item (nil: none given).
  public var consensus: [Double?]
  /// Values left out before agreement, by reason (`out_of_scale`, `missing`, `not_a_number`).
  public var excluded: [String: Int]

  public init(
    name: String, scale: [Double], itemNames: [String], itemLocations: [String], raterNames: [String],
    items: [Int] = [], raters: [Int] = [], values: [Double] = [], selfItems: [Int] = [], selfRaters: [Int] = [],
    selfValues: [Double] = [], consensus: [Double?] = [], excluded: [String: Int] = [:]
  ) {
    self.name = name
    self.scale = scale
    self.itemNames = itemNames
    self.itemLocations = itemLocations
    self.raterNames = raterNames
    self.items = items
    self.raters = raters
    self.values = values
    self.selfItems = selfItems
    self.selfRaters = selfRaters
    self.selfValues = selfValues
    self.consensus = consensus
    self.excluded = excluded
  }
}

/// Krippendorff's α of one level in `audit.json`.
public struct AlphaEntry: Sendable, Hashable, Codable {
  public var value: Double?
  public var items: Int
  public var ratings: Int
  public var note: String?
}

/// One rater of one dimension in `audit.json`.
public struct DimensionRaterEntry: Sendable, Hashable, Codable {
  public var rater: String
  /// A rating of the speaker's own segments (not part of the coefficients).
  public var selfRater: Bool
  public var items: Int
  public var mean: Double?
  public var bias: Double?
  public var sharedItems: Int
  public var r: Double?
  public var z: Double?
  public var flag: Bool

  enum CodingKeys: String, CodingKey {
    case rater, items, mean, bias, r, z, flag
    case selfRater = "self"
    case sharedItems = "shared_items"
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(rater, forKey: .rater)
    try c.encode(selfRater, forKey: .selfRater)
    try c.encode(items, forKey: .items)
    try c.encode(mean, forKey: .mean)
    try c.encode(bias, forKey: .bias)
    try c.encode(sharedItems, forKey: .sharedItems)
    try c.encode(r, forKey: .r)
    try c.encode(z, forKey: .z)
    try c.encode(flag, forKey: .flag)
  }
}

/// The flag rule of the numeric rater diagnostics.
public struct DimensionRaterRule: Sendable, Hashable, Codable {
  public var metric = "loo_pearson_r"
  public var eligible: Int
  public var mean: Double?
  public var sd: Double?
  public var threshold: Double?
  public var flagged: Int
  public var minimumItems: Int

  enum CodingKeys: String, CodingKey {
    case metric, eligible, mean, sd, threshold, flagged
    case minimumItems = "minimum_items"
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(metric, forKey: .metric)
    try c.encode(eligible, forKey: .eligible)
    try c.encode(mean, forKey: .mean)
    try c.encode(sd, forKey: .sd)
    try c.encode(threshold, forKey: .threshold)
    try c.encode(flagged, forKey: .flagged)
    try c.encode(minimumItems, forKey: .minimumItems)
  }
}

/// Self ratings against the observers' mean.
public struct SelfVsObservers: Sendable, Hashable, Codable {
  public var value: Double?
  /// Items with a self rating and at least one observer rating.
  public var items: Int
  /// Mean of (self − observers' mean).
  public var bias: Double?
  public var note: String?
}

/// One item whose given consensus differs from its observers' mean.
public struct SummaryMismatch: Sendable, Hashable, Codable {
  public var item: String
  public var at: String
  public var consensus: Double
  public var mean: Double
}

/// Consensus against the mean of the observer ratings (out-of-scale values removed).
public struct SummaryMismatches: Sendable, Hashable, Codable {
  public var count: Int
  /// Items with a consensus and at least one observer rating.
  public var checked: Int
  public var tolerance: Double
  /// The first 100 (`count` has them all).
  public var items: [SummaryMismatch]
}

/// A histogram of the observer ratings (bins of width `width` from `start`).
public struct RatingHistogram: Sendable, Hashable, Codable {
  public var start: Double
  public var width: Double
  public var counts: [Int]
}

/// `audit.json` `dimensions.<name>`: agreement on one numeric dimension.
public struct DimensionAgreement: Sendable, Hashable, Codable {
  public var items: Int
  public var ratings: Int
  public var ratersN: Int
  public var scale: [Double]
  public var alphaInterval: AlphaEntry
  public var alphaOrdinal: AlphaEntry
  public var icc1: ICCValue
  public var icc1k: ICCValue
  public var icc2: ICCValue
  public var icc2k: ICCValue
  public var icc3: ICCValue
  public var icc3k: ICCValue
  /// The raters of the two-way forms' complete block.
  public var blockRaters: [String]
  public var raters: [DimensionRaterEntry]
  public var raterSummary: DimensionRaterRule
  public var selfVsObservers: SelfVsObservers?
  public var summaryMismatches: SummaryMismatches?
  public var excluded: [String: Int]
  public var histogram: RatingHistogram
  /// Consensus (rows) against each observer rating (columns), counts on the histogram's bins.
  public var consensusVsRaters: [[Int]]?

  enum CodingKeys: String, CodingKey {
    case items, ratings, scale, icc1, icc1k, icc2, icc2k, icc3, icc3k, raters, excluded, histogram
    case ratersN = "raters_n"
    case alphaInterval = "krippendorff_alpha_interval"
    case alphaOrdinal = "krippendorff_alpha_ordinal"
    case blockRaters = "block_raters"
    case raterSummary = "rater_summary"
    case selfVsObservers = "self_vs_observers"
    case summaryMismatches = "summary_mismatches"
    case consensusVsRaters = "consensus_vs_raters"
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(items, forKey: .items)
    try c.encode(ratings, forKey: .ratings)
    try c.encode(ratersN, forKey: .ratersN)
    try c.encode(scale, forKey: .scale)
    try c.encode(alphaInterval, forKey: .alphaInterval)
    try c.encode(alphaOrdinal, forKey: .alphaOrdinal)
    try c.encode(icc1, forKey: .icc1)
    try c.encode(icc1k, forKey: .icc1k)
    try c.encode(icc2, forKey: .icc2)
    try c.encode(icc2k, forKey: .icc2k)
    try c.encode(icc3, forKey: .icc3)
    try c.encode(icc3k, forKey: .icc3k)
    try c.encode(blockRaters, forKey: .blockRaters)
    try c.encode(raters, forKey: .raters)
    try c.encode(raterSummary, forKey: .raterSummary)
    try c.encode(selfVsObservers, forKey: .selfVsObservers)
    try c.encode(summaryMismatches, forKey: .summaryMismatches)
    try c.encode(excluded, forKey: .excluded)
    try c.encode(histogram, forKey: .histogram)
    try c.encodeIfPresent(consensusVsRaters, forKey: .consensusVsRaters)
  }

  /// Tolerance of the consensus check (IEMOCAP's summaries are rounded to 4 decimals).
  public static let mismatchTolerance = 0.01

  /// Every coefficient of each dimension, the dimensions on up to `workers` threads (results in
  /// input order, the same as one `run` each).
  public static func run(
    _ inputs: [DimensionRatingsInput], workers: Int = ProcessInfo.processInfo.activeProcessorCount
  ) -> [DimensionAgreement] {
    Parallel.map(inputs.count, workers: workers) { d, _ in run(inputs[d]) }
  }

  /// Every coefficient of one dimension.
  public static func run(_ input: DimensionRatingsInput) -> DimensionAgreement {
    let m = NumericRatings(
      items: input.items, raters: input.raters, values: input.values, itemCount: input.itemNames.count,
      raterCount: input.raterNames.count)
    func alpha(_ v: MultiRaterValue) -> AlphaEntry {
      let note: String? =
        switch v.degeneracy {
        case .noItems: "no item has two ratings"
        case .chanceOnePerfect: "every rating is the same value: defined as 1"
        case .chanceOneImperfect: "no expected disagreement: defined as 0"
        case nil: nil
        }
      return AlphaEntry(value: v.value, items: v.items, ratings: v.ratings, note: note)
    }
    // The usual design (integer values on a scale of up to 17 points, 64 raters or fewer): the
    // sums of every statistic in one pass; otherwise each statistic on its own. Both give the
    // same results to rounding (DimensionPassesTests).
    let passes = DimensionPasses(m, scale: input.scale)
    let one = passes.map { IntraclassCorrelation.oneWay($0.oneWay) } ?? IntraclassCorrelation.oneWay(m)
    let none = ICCValue.undefined("no complete block of two items rated by the same two raters or more")
    var two = (icc2: none, icc2k: none, icc3: none, icc3k: none)
    var blockRaters: [String] = []
    // The block's items and raters, and the two-way forms on it (without building the block when
    // the passes have the masks).
    var block: (items: Int, raters: [Int])?
    if let passes {
      if let chosen = IntraclassCorrelation.chooseBlock(passes.table) {
        block = (chosen.items, (0..<64).filter { chosen.mask & (1 << UInt64($0)) != 0 })
        two = IntraclassCorrelation.twoWay(
          m, masks: passes.masks, chosen: chosen.mask, rows: chosen.items, origin: m.values[0])
      }
    } else if let complete = IntraclassCorrelation.completeBlock(m) {
      block = (complete.items.count, complete.raters)
      two = IntraclassCorrelation.twoWay(
        block: complete.block, items: complete.items.count, raters: complete.raters.count)
    }
    if let block {
      blockRaters = block.raters.map { input.raterNames[$0] }
      if block.items < m.itemCount {
        let note =
          "on the largest complete block: \(block.items) items all rated by \(blockRaters.joined(separator: ", "))"
        func noted(_ v: ICCValue) -> ICCValue {
          var v = v
          if v.note == nil { v.note = note }
          return v
        }
        two = (noted(two.icc2), noted(two.icc2k), noted(two.icc3), noted(two.icc3k))
      }
    }
    let (diagnostics, rule) =
      if let passes {
        NumericRaterDiagnostics.finish(
          counts: passes.counts, sums: passes.sums, biasSums: passes.biasSums, pearson: passes.pearson,
          minimumItems: 10)
      } else {
        NumericRaterDiagnostics.run(m)
      }
    var raters = diagnostics.map {
      DimensionRaterEntry(
        rater: input.raterNames[$0.rater], selfRater: false, items: $0.items, mean: $0.mean, bias: $0.bias,
        sharedItems: $0.sharedItems, r: $0.r, z: $0.z, flag: $0.flag)
    }
    // Per-item observer sums (for self and consensus comparisons, when there are any).
    let hasConsensus = input.consensus.contains { $0 != nil }
    var sums: [Double] = []
    var counts: [Int] = []
    if hasConsensus || !input.selfValues.isEmpty {
      sums = [Double](repeating: 0, count: m.itemCount)
      counts = [Int](repeating: 0, count: m.itemCount)
      for (i, v) in zip(input.items, input.values) {
        sums[i] += v
        counts[i] += 1
      }
    }
    var selfVs: SelfVsObservers?
    if !input.selfValues.isEmpty {
      var x: [Double] = []
      var y: [Double] = []
      var selfCounts: [Int: (Int, Double)] = [:]
      for t in input.selfValues.indices {
        let i = input.selfItems[t]
        let rater = input.selfRaters[t]
        selfCounts[rater, default: (0, 0)].0 += 1
        selfCounts[rater, default: (0, 0)].1 += input.selfValues[t]
        guard counts[i] > 0 else { continue }
        x.append(input.selfValues[t])
        y.append(sums[i] / Double(counts[i]))
      }
      let r = x.count >= 2 ? Pearson.r(x, y) : nil
      let bias = x.isEmpty ? nil : zip(x, y).reduce(0) { $0 + $1.0 - $1.1 } / Double(x.count)
      selfVs = SelfVsObservers(
        value: r, items: x.count, bias: bias,
        note: r == nil ? "fewer than two items with a self rating and an observer rating, or no variance" : nil)
      for rater in selfCounts.keys.sorted() {
        let (n, s) = selfCounts[rater]!
        raters.append(
          DimensionRaterEntry(
            rater: input.raterNames[rater], selfRater: true, items: n, mean: s / Double(n), bias: nil,
            sharedItems: 0, r: nil, z: nil, flag: false))
      }
    }
    var mismatches: SummaryMismatches?
    if hasConsensus {
      var list = SummaryMismatches(count: 0, checked: 0, tolerance: mismatchTolerance, items: [])
      for i in 0..<m.itemCount {
        guard i < input.consensus.count, let given = input.consensus[i], counts[i] > 0 else { continue }
        list.checked += 1
        let mean = sums[i] / Double(counts[i])
        if abs(given - mean) > mismatchTolerance + 1e-9 {
          list.count += 1
          if list.items.count < 100 {
            list.items.append(
              SummaryMismatch(item: input.itemNames[i], at: input.itemLocations[i], consensus: given, mean: mean))
          }
        }
      }
      mismatches = list
    }
    let histogram = passes?.histogram ?? Self.histogram(input.values, scale: input.scale)
    var panel: [[Int]]?
    if hasConsensus {
      let bins = histogram.counts.count
      var grid = [[Int]](repeating: [Int](repeating: 0, count: bins), count: bins)
      for (i, v) in zip(input.items, input.values) {
        guard i < input.consensus.count, let given = input.consensus[i] else { continue }
        grid[histogram.bin(given)][histogram.bin(v)] += 1
      }
      panel = grid
    }
    let (interval, ordinal) = passes.map { ($0.interval, $0.ordinal) } ?? NumericAlpha.both(m)
    return DimensionAgreement(
      items: m.itemCount, ratings: m.count, ratersN: diagnostics.count, scale: input.scale,
      alphaInterval: alpha(interval), alphaOrdinal: alpha(ordinal),
      icc1: one.icc1, icc1k: one.icc1k, icc2: two.icc2, icc2k: two.icc2k, icc3: two.icc3, icc3k: two.icc3k,
      blockRaters: blockRaters, raters: raters,
      raterSummary: DimensionRaterRule(
        eligible: rule.eligible, mean: rule.mean, sd: rule.sd, threshold: rule.threshold, flagged: rule.flagged,
        minimumItems: rule.minimumItems),
      selfVsObservers: selfVs, summaryMismatches: mismatches, excluded: input.excluded, histogram: histogram,
      consensusVsRaters: panel)
  }

  /// Half-unit bins over the scale (values on the scale's bounds fall in the end bins).
  static func histogram(_ values: [Double], scale: [Double]) -> RatingHistogram {
    let lo = scale.first ?? 0
    let hi = scale.last ?? 1
    let width = hi - lo > 20 ? (hi - lo) / 20 : 0.5
    let bins = max(1, Int(((hi - lo) / width).rounded()) + 1)
    var h = RatingHistogram(start: lo - width / 2, width: width, counts: [])
    var counts = [Int](repeating: 0, count: bins)
    counts.withUnsafeMutableBufferPointer { c in
      for v in values { c[RatingHistogram.bin(v, start: h.start, width: width, bins: bins)] += 1 }
    }
    h.counts = counts
    return h
  }
}

extension RatingHistogram {
  /// The bin of a value (clamped to the ends).
  package func bin(_ v: Double) -> Int { Self.bin(v, start: start, width: width, bins: counts.count) }

  @inline(__always) static func bin(_ v: Double, start: Double, width: Double, bins: Int) -> Int {
    let b = Int(((v - start) / width).rounded(.down))
    return Swift.max(0, Swift.min(bins - 1, b))
  }
}
