/// One rating dimension over the segments a run kept (`summary.json` `dimensions.<name>`).
public struct DimensionStatistics: Sendable, Hashable, Codable {
  /// Kept segments with a consensus value on the dimension.
  public var items: Int
  /// Ratings inside the scale on the kept segments (observers and self raters).
  public var ratings: Int
  /// Distinct raters of those ratings.
  public var raters: Int
  /// [min, max] of the scale.
  public var scale: [Double]
  /// Mean of the consensus values; nil without any.
  public var consensusMean: Double?
  /// Sample standard deviation (n − 1) of the consensus values; nil with fewer than two.
  public var consensusStd: Double?
  /// Rating values of the kept segments left out as outside the scale.
  public var outOfScale: Int

  enum CodingKeys: String, CodingKey {
    case items, ratings, raters, scale
    case consensusMean = "consensus_mean", consensusStd = "consensus_std", outOfScale = "out_of_scale"
  }

  public init(
    items: Int, ratings: Int, raters: Int, scale: [Double], consensusMean: Double?, consensusStd: Double?,
    outOfScale: Int
  ) {
    self.items = items
    self.ratings = ratings
    self.raters = raters
    self.scale = scale
    self.consensusMean = consensusMean
    self.consensusStd = consensusStd
    self.outOfScale = outOfScale
  }

  /// Every key written, null where a value does not apply.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(items, forKey: .items)
    try c.encode(ratings, forKey: .ratings)
    try c.encode(raters, forKey: .raters)
    try c.encode(scale, forKey: .scale)
    try c.encode(consensusMean, forKey: .consensusMean)
    try c.encode(consensusStd, forKey: .consensusStd)
    try c.encode(outOfScale, forKey: .outOfScale)
  }
}

extension Corpus {
  /// `summary.json` `dimensions`: each dimension over `segments` (the kept ones); nil for a corpus
  /// without dimensions. Consensus values are `consensusDimensions` (the corpus's own, else the
  /// observers' mean).
  public func dimensionSummaries(_ segments: [Segment]) -> [String: DimensionStatistics]? {
    guard !dimensionScales.isEmpty else { return nil }
    let inScope = Set(segments.map(\.id))
    var outside: [String: Int] = [:]
    for e in ratingExclusions where e.reason == "out_of_scale" && inScope.contains(e.segment) {
      outside[e.dimension, default: 0] += 1
    }
    let consensus = segments.map(consensusDimensions)
    var out: [String: DimensionStatistics] = [:]
    for scale in dimensionScales {
      let values = consensus.compactMap { $0[scale.name] }
      var ratings = 0
      var raters = Set<String>()
      for segment in segments {
        for a in segment.annotations where a.kind == .dimensional {
          if let v = a.dimensions?[scale.name], scale.contains(v) {
            ratings += 1
            raters.insert(a.coder)
          }
        }
      }
      let mean = values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
      var std: Double?
      if let mean, values.count > 1 {
        std = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)).squareRoot()
      }
      out[scale.name] = DimensionStatistics(
        items: values.count, ratings: ratings, raters: raters.count, scale: [scale.min, scale.max],
        consensusMean: mean, consensusStd: std, outOfScale: outside[scale.name] ?? 0)
    }
    return out
  }
}
