/// One rater's share of a category against the pool of the other raters.
public struct RaterLabelShare: Sendable, Hashable, Codable {
  public var label: String
  public var count: Int
  public var share: Double
  /// Share of this category among the other raters' ratings.
  public var poolShare: Double

  enum CodingKeys: String, CodingKey {
    case count, share
    case label = "class"
    case poolShare = "pool_share"
  }
}

/// How one rater agrees with the others (`raters[]` of `audit.json`).
public struct RaterDiagnostic: Sendable, Hashable, Codable {
  public var rater: String
  /// Items this rater rated.
  public var items: Int
  /// Mean Cohen's kappa with each other rater sharing at least the minimum number of items (pairs
  /// where both used a single class, whose kappa is 1 by definition, are left out).
  public var pairwiseKappaMean: Double?
  /// Raters it was paired with for that mean.
  public var pairwisePartners: Int
  /// Cohen's kappa between this rater's label and the majority label of the other raters, over
  /// the items where the others have a single most frequent label.
  public var kappaVsMajority: Double?
  public var kappaVsMajorityItems: Int
  /// (kappa vs majority − raters' mean) / raters' standard deviation; nil when not eligible.
  public var agreementZ: Double?
  /// Kappa vs majority at least 2 standard deviations below the raters' mean.
  public var flag: Bool
  /// Half the L1 distance between this rater's label shares and the other raters' (0 to 1).
  public var distributionDistance: Double?
  public var labels: [RaterLabelShare]

  enum CodingKeys: String, CodingKey {
    case rater, items, flag, labels
    case pairwiseKappaMean = "pairwise_kappa_mean"
    case pairwisePartners = "pairwise_partners"
    case kappaVsMajority = "kappa_vs_majority"
    case kappaVsMajorityItems = "kappa_vs_majority_items"
    case agreementZ = "agreement_z"
    case distributionDistance = "distribution_distance"
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(rater, forKey: .rater)
    try c.encode(items, forKey: .items)
    try c.encode(pairwiseKappaMean, forKey: .pairwiseKappaMean)
    try c.encode(pairwisePartners, forKey: .pairwisePartners)
    try c.encode(kappaVsMajority, forKey: .kappaVsMajority)
    try c.encode(kappaVsMajorityItems, forKey: .kappaVsMajorityItems)
    try c.encode(agreementZ, forKey: .agreementZ)
    try c.encode(flag, forKey: .flag)
    try c.encode(distributionDistance, forKey: .distributionDistance)
    try c.encode(labels, forKey: .labels)
  }
}

/// The rule behind the rater flags (`rater_summary` of `audit.json`).
public struct RaterSummary: Sendable, Hashable, Codable {
  /// Always `kappa_vs_majority`.
  public var metric: String
  public var raters: Int
  /// Raters whose kappa vs majority is defined on at least `minimumItems` items.
  public var eligible: Int
  public var mean: Double?
  /// Sample standard deviation over the eligible raters.
  public var sd: Double?
  /// mean − 2·sd: a rater at or below it is flagged.
  public var threshold: Double?
  public var flagged: Int
  public var minimumItems: Int
  public var minimumSharedItems: Int

  package init(
    metric: String, raters: Int, eligible: Int, mean: Double? = nil, sd: Double? = nil, threshold: Double? = nil,
    flagged: Int, minimumItems: Int, minimumSharedItems: Int
  ) {
    self.metric = metric
    self.raters = raters
    self.eligible = eligible
    self.mean = mean
    self.sd = sd
    self.threshold = threshold
    self.flagged = flagged
    self.minimumItems = minimumItems
    self.minimumSharedItems = minimumSharedItems
  }

  enum CodingKeys: String, CodingKey {
    case metric, raters, eligible, mean, sd, threshold, flagged
    case minimumItems = "minimum_items"
    case minimumSharedItems = "minimum_shared_items"
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(metric, forKey: .metric)
    try c.encode(raters, forKey: .raters)
    try c.encode(eligible, forKey: .eligible)
    try c.encode(mean, forKey: .mean)
    try c.encode(sd, forKey: .sd)
    try c.encode(threshold, forKey: .threshold)
    try c.encode(flagged, forKey: .flagged)
    try c.encode(minimumItems, forKey: .minimumItems)
    try c.encode(minimumSharedItems, forKey: .minimumSharedItems)
  }
}

/// Cohen's kappa of one pair of raters (codes into `RaterAssignments.names`).
public struct RaterPairKappa: Sendable, Hashable {
  public var a: Int
  public var b: Int
  public var kappa: KappaValue
}

/// Per-rater agreement with the others, and the flags of raters who disagree with the rest.
public enum RaterDiagnostics {
  /// Thresholds: kappa with another rater needs `minimumSharedItems` shared items; a rater takes
  /// part in the flag statistics with kappa vs majority on at least `minimumItems` items.
  public struct Options: Sendable, Hashable {
    public var minimumSharedItems: Int
    public var minimumItems: Int

    public init(minimumSharedItems: Int = 10, minimumItems: Int = 10) {
      self.minimumSharedItems = minimumSharedItems
      self.minimumItems = minimumItems
    }
  }

  /// Diagnostics of every rater (sorted by name as in `assignments.names`), the flag rule, and the
  /// pairwise kappas they were computed from. nil without rater identity.
  public static func run(_ table: RatingTable, pairs: [RaterPairKappa], options: Options = Options()) -> (
    [RaterDiagnostic], RaterSummary
  )? {
    guard let assignments = table.raters else { return nil }
    let q = table.categories.count
    let R = assignments.names.count
    var own = [Int](repeating: 0, count: R * q)
    var versusMajority = [ConfusionMatrix](repeating: ConfusionMatrix(classCount: q), count: R)
    var itemsOf = [Int](repeating: 0, count: R)
    var others = [Int](repeating: 0, count: q)
    for i in 0..<assignments.itemCount {
      let start = Int(assignments.offsets[i])
      let end = Int(assignments.offsets[i + 1])
      for r in start..<end {
        let g = Int(assignments.rater[r])
        let c = Int(assignments.category[r])
        own[g * q + c] += 1
        itemsOf[g] += 1
        guard end - start >= 2 else { continue }
        // The other raters' counts: the item's row without this rating.
        for k in 0..<q { others[k] = Int(table.counts[i * q + k]) }
        others[c] -= 1
        var top = 0
        var leaders = 0
        var leader = -1
        for k in 0..<q {
          if others[k] > top {
            (top, leaders, leader) = (others[k], 1, k)
          } else if others[k] == top && top > 0 {
            leaders += 1
          }
        }
        if leaders == 1 { versusMajority[g].add(c, leader) }
      }
    }
    var total = [Int](repeating: 0, count: q)
    for g in 0..<R { for k in 0..<q { total[k] += own[g * q + k] } }
    let allRatings = total.reduce(0, +)

    var pairSum = [Double](repeating: 0, count: R)
    var pairCount = [Int](repeating: 0, count: R)
    // Pairs whose kappa comes from a degenerate rule (both raters one class) tell nothing.
    for p in pairs where p.kappa.n >= options.minimumSharedItems && p.kappa.degeneracy == nil {
      guard let k = p.kappa.value else { continue }
      pairSum[p.a] += k
      pairCount[p.a] += 1
      pairSum[p.b] += k
      pairCount[p.b] += 1
    }

    var diagnostics: [RaterDiagnostic] = (0..<R).map { g in
      let vm = CohenKappa.estimate(versusMajority[g])
      let mine = itemsOf[g]
      let pool = allRatings - mine
      var distance = 0.0
      let labels = (0..<q).map { k -> RaterLabelShare in
        let share = mine > 0 ? Double(own[g * q + k]) / Double(mine) : 0
        let poolShare = pool > 0 ? Double(total[k] - own[g * q + k]) / Double(pool) : 0
        distance += abs(share - poolShare)
        return RaterLabelShare(label: table.categories[k], count: own[g * q + k], share: share, poolShare: poolShare)
      }
      return RaterDiagnostic(
        rater: assignments.names[g], items: mine,
        pairwiseKappaMean: pairCount[g] > 0 ? pairSum[g] / Double(pairCount[g]) : nil,
        pairwisePartners: pairCount[g], kappaVsMajority: vm.value, kappaVsMajorityItems: vm.n, agreementZ: nil,
        flag: false, distributionDistance: mine > 0 && pool > 0 ? distance / 2 : nil, labels: labels)
    }

    let eligible = diagnostics.indices.filter {
      diagnostics[$0].kappaVsMajority != nil && diagnostics[$0].kappaVsMajorityItems >= options.minimumItems
    }
    var summary = RaterSummary(
      metric: "kappa_vs_majority", raters: R, eligible: eligible.count, mean: nil, sd: nil, threshold: nil,
      flagged: 0, minimumItems: options.minimumItems, minimumSharedItems: options.minimumSharedItems)
    if let rule = RaterFlagRule.apply(eligible.map { diagnostics[$0].kappaVsMajority! }) {
      summary.mean = rule.mean
      summary.sd = rule.sd
      summary.threshold = rule.threshold
      for (k, g) in eligible.enumerated() {
        diagnostics[g].agreementZ = rule.z[k]
        diagnostics[g].flag = rule.flagged[k]
      }
      summary.flagged = rule.flagged.filter { $0 }.count
    }
    return (diagnostics, summary)
  }

  /// Cohen's kappa of every pair of raters sharing at least one item (Major vs Major), in one
  /// sort of packed (pair, category, category) keys: memory grows with the rating pairs, not with
  /// raters². Pairs sorted by (a, b). Needs fewer than 4096 categories and 2²⁰ raters (else empty).
  /// Pairs sharing fewer than `minimumSharedItems` items are left out without computing their
  /// kappa (a crowd table's thousands of raters make millions of pairs sharing an item or two).
  public static func pairKappas(_ table: RatingTable, minimumSharedItems: Int = 1) -> [RaterPairKappa] {
    guard let assignments = table.raters else { return [] }
    let q = table.categories.count
    let R = assignments.names.count
    guard q < 4096, R < (1 << 20) else { return [] }
    var keys: [UInt64] = []
    var pairCount = 0
    for i in 0..<assignments.itemCount {
      let n = Int(assignments.offsets[i + 1] - assignments.offsets[i])
      pairCount += n * (n - 1) / 2
    }
    keys.reserveCapacity(pairCount)
    for i in 0..<assignments.itemCount {
      let start = Int(assignments.offsets[i])
      let end = Int(assignments.offsets[i + 1])
      guard end - start >= 2 else { continue }
      for x in start..<end {
        for y in (x + 1)..<end {
          var (ga, ca) = (Int(assignments.rater[x]), Int(assignments.category[x]))
          var (gb, cb) = (Int(assignments.rater[y]), Int(assignments.category[y]))
          if ga > gb { swap(&ga, &gb); swap(&ca, &cb) }
          let pair = UInt64(ga * R + gb)
          keys.append(pair << 24 | UInt64(ca) << 12 | UInt64(cb))
        }
      }
    }
    radixSort(&keys)
    var out: [RaterPairKappa] = []
    var start = 0
    while start < keys.count {
      let pair = keys[start] >> 24
      var end = start
      while end < keys.count && keys[end] >> 24 == pair { end += 1 }
      guard end - start >= minimumSharedItems else {
        start = end
        continue
      }
      var m = ConfusionMatrix(classCount: q)
      for key in keys[start..<end] { m.add(Int(key >> 12 & 0xFFF), Int(key & 0xFFF)) }
      out.append(RaterPairKappa(a: Int(pair) / R, b: Int(pair) % R, kappa: CohenKappa.estimate(m)))
      start = end
    }
    return out
  }
}
