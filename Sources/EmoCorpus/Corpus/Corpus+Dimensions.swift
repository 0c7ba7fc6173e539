import Agreement

/// Rating dimensions of a corpus: consensus values and the inputs of their agreement.
extension Corpus {
  /// Counts the excluded rating values under `notes` of summary.json: `out_of_scale_ratings`,
  /// `missing_ratings`, `unreadable_ratings` (only those that occur).
  public mutating func countRatingExclusions() {
    let keys = [
      "out_of_scale": "out_of_scale_ratings", "missing": "missing_ratings", "not_a_number": "unreadable_ratings",
    ]
    for exclusion in ratingExclusions {
      if let key = keys[exclusion.reason] { readerCounts[key, default: 0] += 1 }
    }
  }

  /// The scale of a dimension.
  public func scale(of name: String) -> DimensionScale? { dimensionScales.first { $0.name == name } }

  /// The consensus value of every dimension of a segment: the corpus's own where it gives one,
  /// else the mean of the observers' ratings (inside the scale; self ratings left out). A
  /// dimension without any value is absent.
  public func consensusDimensions(_ segment: Segment) -> [String: Double] {
    var out: [String: Double] = [:]
    for scale in dimensionScales {
      if let own = segment.dimensions[scale.name] {
        out[scale.name] = own
        continue
      }
      var sum = 0.0
      var n = 0
      for annotation in segment.annotations where annotation.kind == .dimensional && !annotation.selfRated {
        if let v = annotation.dimensions?[scale.name], scale.contains(v) {
          sum += v
          n += 1
        }
      }
      if n > 0 { out[scale.name] = sum / Double(n) }
    }
    return out
  }

  /// The agreement input of each dimension over `segments` (rating annotations; raters by name
  /// in sorted order; self ratings apart). Exclusions counted for those segments only.
  public func dimensionInputs(_ segments: [Segment]) -> [DimensionRatingsInput] {
    let inScope = Set(segments.map(\.id))
    var excluded: [String: [String: Int]] = [:]
    for e in ratingExclusions where inScope.contains(e.segment) {
      excluded[e.dimension, default: [:]][e.reason, default: 0] += 1
    }
    var raterNames: [String] = []
    var seen: Set<String> = []
    for segment in segments {
      for a in segment.annotations where a.kind == .dimensional && seen.insert(a.coder).inserted {
        raterNames.append(a.coder)
      }
    }
    raterNames.sort()
    let raterIndex = Dictionary(uniqueKeysWithValues: raterNames.enumerated().map { ($1, $0) })
    return dimensionScales.map { scale in
      var input = DimensionRatingsInput(
        name: scale.name, scale: [scale.min, scale.max], itemNames: segments.map(\.id),
        itemLocations: segments.map { "\($0.origin)" }, raterNames: raterNames,
        consensus: segments.map { $0.dimensions[scale.name] }, excluded: excluded[scale.name] ?? [:])
      for (i, segment) in segments.enumerated() {
        for a in segment.annotations where a.kind == .dimensional {
          guard let v = a.dimensions?[scale.name], scale.contains(v), let r = raterIndex[a.coder] else { continue }
          if a.selfRated {
            input.selfItems.append(i)
            input.selfRaters.append(r)
            input.selfValues.append(v)
          } else {
            input.items.append(i)
            input.raters.append(r)
            input.values.append(v)
          }
        }
      }
      return input
    }
  }

  /// `audit.json` `dimensions`: agreement per dimension over `segments` (nil for a corpus without
  /// dimensions).
  public func dimensionAgreement(_ segments: [Segment]) -> [String: DimensionAgreement]? {
    guard !dimensionScales.isEmpty else { return nil }
    var out: [String: DimensionAgreement] = [:]
    let inputs = dimensionInputs(segments)
    for (input, agreement) in zip(inputs, DimensionAgreement.run(inputs)) { out[input.name] = agreement }
    return out
  }
}
