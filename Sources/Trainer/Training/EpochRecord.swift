/// One epoch of training, for curves and checkpoints.
public struct EpochRecord: Codable, Sendable, Hashable {
  public var epoch: Int
  /// Mean training loss over the epoch's batches.
  public var loss: Double
  /// Segment-level validation UA of the epoch (best of the three strategies); nil without an
  /// emotion target.
  public var validationUA: Double?
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

extension EpochRecord {
  /// `validation_ua` is always written (null without an emotion target); `validation_ccc` only
  /// with dimension targets, as before.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(epoch, forKey: .epoch)
    try c.encode(loss, forKey: .loss)
    try c.encode(validationUA, forKey: .validationUA)
    try c.encode(learningRate, forKey: .learningRate)
    try c.encode(seconds, forKey: .seconds)
    try c.encodeIfPresent(validationCCC, forKey: .validationCCC)
  }
}
