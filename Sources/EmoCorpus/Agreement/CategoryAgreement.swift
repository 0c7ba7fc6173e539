/// Agreement on one category: how often it is used and how often raters agree on it.
public struct CategoryAgreement: Sendable, Hashable, Codable {
  public var label: String
  /// Ratings in this category and their share of all ratings.
  public var ratings: Int
  public var ratingShare: Double
  /// Rating pairs of one item that both chose this category: Σ_i n_ik(n_ik − 1)/2.
  public var agreeingPairs: Int
  /// Its share of all agreeing pairs (0 when no pair agrees).
  public var agreeingPairShare: Double
  /// Proportion of specific agreement: of the pairs involving a rating in this category, the share
  /// where the other rating is in it too, Σ n_ik(n_ik − 1) / Σ n_ik(r_i − 1) (nil: no such pair).
  public var specificAgreement: Double?
  /// Items whose single most frequent category is this one.
  public var majorityItems: Int

  enum CodingKeys: String, CodingKey {
    case ratings
    case label = "class"
    case ratingShare = "rating_share"
    case agreeingPairs = "agreeing_pairs"
    case agreeingPairShare = "agreeing_pair_share"
    case specificAgreement = "specific_agreement"
    case majorityItems = "majority_items"
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(label, forKey: .label)
    try c.encode(ratings, forKey: .ratings)
    try c.encode(ratingShare, forKey: .ratingShare)
    try c.encode(agreeingPairs, forKey: .agreeingPairs)
    try c.encode(agreeingPairShare, forKey: .agreeingPairShare)
    try c.encode(specificAgreement, forKey: .specificAgreement)
    try c.encode(majorityItems, forKey: .majorityItems)
  }
}

/// Majority labels over the rated items.
public struct MajoritySummary: Sendable, Hashable, Codable {
  /// Items with at least one rating.
  public var items: Int
  /// Items with a single most frequent category.
  public var decided: Int
  /// Items where two or more categories share the highest count.
  public var ties: Int
  /// Items where every rating is the same category (two ratings or more).
  public var unanimous: Int
}

/// Per-category agreement and majority labels of a rating table.
public struct CategoryBreakdown: Sendable, Hashable {
  public var categories: [CategoryAgreement]
  public var majority: MajoritySummary
  /// Each item's majority category code; −1 for a tie or an item without ratings.
  public var majorityCode: [Int32]

  /// One pass over the counts.
  public init(_ table: RatingTable) {
    let q = table.categories.count
    var ratings = [Int](repeating: 0, count: q)
    var pairs = [Int](repeating: 0, count: q)
    var involving = [Int](repeating: 0, count: q)
    var majorityItems = [Int](repeating: 0, count: q)
    var code = [Int32](repeating: -1, count: table.itemCount)
    var summary = MajoritySummary(items: 0, decided: 0, ties: 0, unanimous: 0)
    table.counts.withUnsafeBufferPointer { counts in
      for i in 0..<table.itemCount {
        let row = counts.baseAddress! + i * q
        var r = 0
        var top = 0
        var topCount = 0
        var leader = -1
        for k in 0..<q {
          let c = Int(row[k])
          r += c
          if c > top {
            top = c
            topCount = 1
            leader = k
          } else if c == top && c > 0 {
            topCount += 1
          }
        }
        guard r > 0 else { continue }
        summary.items += 1
        for k in 0..<q where row[k] > 0 {
          let c = Int(row[k])
          ratings[k] += c
          pairs[k] += c * (c - 1) / 2
          involving[k] += c * (r - 1)
        }
        if topCount == 1 {
          summary.decided += 1
          majorityItems[leader] += 1
          code[i] = Int32(leader)
          if r >= 2 && top == r { summary.unanimous += 1 }
        } else {
          summary.ties += 1
        }
      }
    }
    let totalRatings = ratings.reduce(0, +)
    let totalPairs = pairs.reduce(0, +)
    categories = (0..<q).map { k in
      CategoryAgreement(
        label: table.categories[k], ratings: ratings[k],
        ratingShare: totalRatings > 0 ? Double(ratings[k]) / Double(totalRatings) : 0, agreeingPairs: pairs[k],
        agreeingPairShare: totalPairs > 0 ? Double(pairs[k]) / Double(totalPairs) : 0,
        specificAgreement: involving[k] > 0 ? Double(2 * pairs[k]) / Double(involving[k]) : nil,
        majorityItems: majorityItems[k])
    }
    majority = summary
    majorityCode = code
  }
}
