/// Features of one segment: `frames` rows of `featureCount` float32 values, row-major.
public struct FeatureMatrix: Sendable, Hashable {
  public var frames: Int
  public var featureCount: Int
  /// Row-major values, frames × featureCount.
  public var values: [Float]

  public init(frames: Int, featureCount: Int, values: [Float]) {
    self.frames = frames
    self.featureCount = featureCount
    self.values = values
  }

  /// Value at frame `t`, feature `j`.
  public subscript(t: Int, j: Int) -> Float { values[t * featureCount + j] }

  /// One frame's values.
  public func row(_ t: Int) -> ArraySlice<Float> { values[(t * featureCount)..<((t + 1) * featureCount)] }
}

/// One fixed-length sub-segment: `windowFrames` rows, zero-padded after `length` true frames.
public struct FeatureWindow: Sendable, Hashable {
  /// First frame of the window in the segment's features.
  public var start: Int
  /// True (unpadded) number of frames; rows from `length` on are zeros (mask them).
  public var length: Int
  public var featureCount: Int
  /// Row-major values, windowFrames × featureCount.
  public var values: [Float]

  public init(start: Int, length: Int, featureCount: Int, values: [Float]) {
    self.start = start
    self.length = length
    self.featureCount = featureCount
    self.values = values
  }

  /// Frames including padding.
  public var paddedFrames: Int { featureCount == 0 ? 0 : values.count / featureCount }
}
