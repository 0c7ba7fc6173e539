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

  /// From the counts (computed with the coefficients: `CountAgreement.analyze`).
  public init(_ table: RatingTable) { self = CountAgreement.analyze(table).1 }

  init(categories: [CategoryAgreement], majority: MajoritySummary, majorityCode: [Int32]) {
    self.categories = categories
    self.majority = majority
    self.majorityCode = majorityCode
  }
}
