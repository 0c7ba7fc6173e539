import EmoSupport

/// One sub-segment window of features as the feature cache delivers it.
public struct FeatureWindow: Sendable {
  /// `frames × featureDim` values, row-major (frame by frame), zero-padded past `length`,
  /// unnormalized.
  public var features: [Float]
  /// True (unpadded) frames.
  public var length: Int

  public init(features: [Float], length: Int) {
    self.features = features
    self.length = length
  }
}

/// Where the trainer reads windows from: the feature cache adapts to this (memory stays bounded by
/// the batch: windows are fetched per segment when a batch needs them).
public protocol WindowSource: Sendable {
  /// Values per frame (120 with ΔΔ, 80 without).
  var featureDim: Int { get }
  /// Frames per window (300).
  var windowFrames: Int { get }
  /// Number of windows of a segment.
  func windowCount(segment: String) throws -> Int
  /// All windows of a segment, in time order.
  func windows(segment: String) throws -> [FeatureWindow]
}

/// A segment of a split with its task label index and optional gender (0 female, 1 male).
public struct SplitSegment: Sendable, Hashable, Codable {
  public var id: String
  public var label: Int
  public var gender: Int?
  /// Target distribution over the classes for soft-target training (the manifest's `soft_label`);
  /// evaluation always uses `label`.
  public var softLabel: [Float]?
  /// Consensus values of the segment's rated dimensions in their scales' units (the manifest's
  /// `dimensions`); a dimension without a value is absent.
  public var dimensions: [String: Double]?

  public init(
    id: String, label: Int, gender: Int? = nil, softLabel: [Float]? = nil, dimensions: [String: Double]? = nil
  ) {
    self.id = id
    self.label = label
    self.gender = gender
    self.softLabel = softLabel
    self.dimensions = dimensions
  }
}

/// One split (train, validation or test) of a fold.
public struct TrainingSplit: Sendable, Hashable {
  public var segments: [SplitSegment]

  public init(segments: [SplitSegment]) { self.segments = segments }
}

/// Per-feature normalization statistics, estimated on the fold's training split only.
public struct Normalization: Sendable, Hashable, Codable {
  public var mean: [Float]
  public var std: [Float]

  public init(mean: [Float], std: [Float]) {
    self.mean = mean
    self.std = std
  }

  /// Identity statistics (mean 0, std 1).
  public static func identity(_ dim: Int) -> Normalization {
    Normalization(mean: .init(repeating: 0, count: dim), std: .init(repeating: 1, count: dim))
  }

  /// Mean and standard deviation of every feature over the true frames of the split's windows
  /// (frames shared by overlapping windows count once per window). A constant feature gets std 1.
  public static func estimate(source: any WindowSource, split: TrainingSplit) throws -> Normalization {
    let dim = source.featureDim
    var sum = [Double](repeating: 0, count: dim)
    var squares = [Double](repeating: 0, count: dim)
    var frames = 0
    for segment in split.segments {
      for window in try source.windows(segment: segment.id) {
        for t in 0..<window.length {
          for j in 0..<dim {
            let v = Double(window.features[t * dim + j])
            sum[j] += v
            squares[j] += v * v
          }
        }
        frames += window.length
      }
    }
    guard frames > 0 else { return .identity(dim) }
    let n = Double(frames)
    let mean = sum.map { $0 / n }
    let std = (0..<dim).map { j -> Float in
      let variance = max(squares[j] / n - mean[j] * mean[j], 0)
      return variance > 1e-12 ? Float(variance.squareRoot()) : 1
    }
    return Normalization(mean: mean.map { Float($0) }, std: std)
  }

  /// Writes the normalized true frames of `window` into `out` (`frames × dim`), zeros after.
  func apply(_ window: FeatureWindow, frames: Int, dim: Int, into out: UnsafeMutablePointer<Float>) {
    let length = min(window.length, frames)
    for t in 0..<length {
      let src = t * dim
      let dst = out + t * dim
      for j in 0..<dim { dst[j] = (window.features[src + j] - mean[j]) / std[j] }
    }
    (out + length * dim).update(repeating: 0, count: (frames - length) * dim)
  }
}

/// Windows held in memory (tests, small corpora, `predict` on a few files).
public struct InMemoryWindowSource: WindowSource {
  public let featureDim: Int
  public let windowFrames: Int
  public var segments: [String: [FeatureWindow]]

  public init(featureDim: Int, windowFrames: Int, segments: [String: [FeatureWindow]]) {
    self.featureDim = featureDim
    self.windowFrames = windowFrames
    self.segments = segments
  }

  public func windowCount(segment: String) throws -> Int { try windows(segment: segment).count }

  public func windows(segment: String) throws -> [FeatureWindow] {
    guard let found = segments[segment] else {
      throw LocatedError(file: nil, "segment '\(segment)' has no cached features", expected: "a prepared segment id")
    }
    return found
  }
}

/// A fold: its three splits and the normalization statistics of its training split.
public struct FoldData: Sendable {
  /// 1-based fold number (`fold-K`).
  public var fold: Int
  public var train: TrainingSplit
  public var validation: TrainingSplit
  public var test: TrainingSplit
  public var normalization: Normalization

  public init(
    fold: Int, train: TrainingSplit, validation: TrainingSplit, test: TrainingSplit, normalization: Normalization
  ) {
    self.fold = fold
    self.train = train
    self.validation = validation
    self.test = test
    self.normalization = normalization
  }
}
