/// One epoch of training, for curves and checkpoints.
public struct EpochRecord: Codable, Sendable, Hashable {
  public var epoch: Int
  /// Mean training loss over the epoch's batches.
  public var loss: Double
  /// Segment-level validation UA of the epoch (best of the three strategies).
  public var validationUA: Double
  public var learningRate: Double
  public var seconds: Double
  /// Mean segment-level validation CCC over the rated dimensions (nil without dimensions).
  public var validationCCC: Double?

  enum CodingKeys: String, CodingKey {
    case epoch, loss, seconds
    case validationUA = "validation_ua"
    case learningRate = "learning_rate"
    case validationCCC = "validation_ccc"
  }
}
