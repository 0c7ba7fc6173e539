/// The rated dimensions a model predicts, in the regression head's output order, with their scales.
public struct RegressionTargets: Codable, Sendable, Hashable {
  public var names: [String]
  public var scales: [TargetScale]

  public init(names: [String], scales: [TargetScale]) {
    self.names = names
    self.scales = scales
  }

  /// A segment's values mapped to [−1, 1], one per dimension (NaN where it has none).
  func unitValues(_ segment: SplitSegment) -> [Float] {
    names.indices.map { d in
      guard let v = segment.dimensions?[names[d]], v.isFinite else { return .nan }
      return Float(scales[d].unit(v))
    }
  }
}
