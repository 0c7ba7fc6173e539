import EmoSupport
import Foundation

/// Per-feature mean and variance over the training segments of one fold (SPEC §5).
///
/// Accumulated over every true frame of each training segment's whole features — each frame once,
/// never the zero padding of sub-segment windows. Welford updates in Double; variance is the
/// population variance (divide by the frame count).
public struct NormalizationStats: Codable, Hashable, Sendable {
  /// Frames accumulated.
  public var frames: Int
  /// Training segments that contributed frames.
  public var segments: Int
  /// Training ids without features (dropped by the features step), listed, not silently ignored.
  public var skippedSegments: [String]
  public var mean: [Double]
  public var variance: [Double]

  /// Standard deviations with a floor (1e-8) so that normalizing a constant feature stays finite.
  public var std: [Double] { variance.map { max($0, 0).squareRoot() < 1e-8 ? 1e-8 : max($0, 0).squareRoot() } }

  /// `features/norm/fold-K.json` under a prep output or features folder.
  public static func path(fold: Int, in dir: String) -> String {
    let featuresDir =
      FileManager.default.fileExists(atPath: dir + "/" + FeatureIndex.fileName)
      ? dir : FeatureStore.featuresDirectory(dir)
    return featuresDir + "/norm/fold-\(fold).json"
  }

  /// Writes the statistics atomically as `features/norm/fold-K.json`.
  public func save(fold: Int, in dir: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
    try AtomicFile.write(try encoder.encode(self), to: NormalizationStats.path(fold: fold, in: dir))
  }

  /// Reads the statistics saved for `fold`.
  public static func load(fold: Int, in dir: String) throws -> NormalizationStats {
    let path = path(fold: fold, in: dir)
    guard let data = FileManager.default.contents(atPath: path) else {
      throw LocatedError(file: path, "normalization statistics not found", expected: "a prep output with features")
    }
    do {
      return try JSONDecoder().decode(NormalizationStats.self, from: data)
    } catch {
      throw LocatedError(file: path, "normalization statistics are not valid JSON", expected: "rerun prep")
    }
  }
}

extension FeatureStore {
  /// Mean and variance per feature over all frames of `trainingIDs` (ids of dropped segments are
  /// listed in `skippedSegments`; unknown ids throw).
  public func computeNormalization(trainingIDs: [String]) throws -> NormalizationStats {
    let width = featureCount
    var count = 0
    var segments = 0
    var skipped: [String] = []
    var mean = [Double](repeating: 0, count: width)
    var m2 = [Double](repeating: 0, count: width)
    let ready = Set(segmentIDs)
    for id in trainingIDs {
      guard ready.contains(id) else {
        guard knows(id) else {
          throw LocatedError(
            file: directory + "/" + FeatureIndex.fileName, "training segment \(id) is not in the feature cache",
            expected: "ids of this prep's manifests")
        }
        skipped.append(id)
        continue
      }
      let matrix = try features(id)
      segments += 1
      for t in 0..<matrix.frames {
        count += 1
        let n = Double(count)
        let base = t * width
        for j in 0..<width {
          let x = Double(matrix.values[base + j])
          let delta = x - mean[j]
          mean[j] += delta / n
          m2[j] += delta * (x - mean[j])
        }
      }
    }
    let variance = m2.map { count > 0 ? $0 / Double(count) : 0 }
    return NormalizationStats(
      frames: count, segments: segments, skippedSegments: skipped, mean: mean, variance: variance)
  }
}
