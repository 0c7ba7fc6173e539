import EmoSupport
import Foundation

/// Per-feature mean and variance over the training segments of one fold.
///
/// Accumulated over every true frame of each training segment's whole features — each frame once,
/// never the zero padding of sub-segment windows. In Double, per segment then merged; variance is
/// the population variance (divide by the frame count).
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
    try computeNormalizations(trainingIDs: [trainingIDs], jobs: 1)[0]
  }

  /// The statistics of several training splits (one per fold) at once: each segment's features
  /// are read once, on `jobs` threads, reduced to their frame count, mean and sum of squared
  /// deviations (float64, two passes), and merged into every split holding the segment with the
  /// pairwise update of Chan, Golub and LeVeque, in cache order (deterministic). Memory holds a
  /// few hundred segments' features at a time.
  public func computeNormalizations(trainingIDs splits: [[String]], jobs: Int = 1) throws -> [NormalizationStats] {
    let width = featureCount
    let ready = Set(segmentIDs)
    var skipped = [[String]](repeating: [], count: splits.count)
    var wanted: [String: [Int]] = [:]  // segment id → splits it is in
    for (s, ids) in splits.enumerated() {
      for id in ids {
        guard ready.contains(id) else {
          guard knows(id) else {
            throw LocatedError(
              file: directory + "/" + FeatureIndex.fileName, "training segment \(id) is not in the feature cache",
              expected: "ids of this prep's manifests")
          }
          skipped[s].append(id)
          continue
        }
        wanted[id, default: []].append(s)
      }
    }
    var totals = [Moments](repeating: Moments(width: width), count: splits.count)
    var segments = [Int](repeating: 0, count: splits.count)
    let order = segmentIDs.filter { wanted[$0] != nil }
    let chunk = 256
    for first in stride(from: 0, to: order.count, by: chunk) {
      let ids = Array(order[first..<min(order.count, first + chunk)])
      let parts = Parallel.map(ids.count, workers: max(1, jobs)) { i, _ -> Result<Moments, Error> in
        Result {
          if let key = self.key(of: ids[i]), let known = RecordMomentsMemo.take(key) { return known }
          return try self.withPayload(ids[i]) { Moments(payload: $0, width: width) }
        }
      }
      for (id, part) in zip(ids, parts) {
        let moments = try part.get()
        for s in wanted[id]! {
          totals[s].merge(moments)
          segments[s] += 1
        }
      }
    }
    return totals.indices.map { s in
      NormalizationStats(
        frames: totals[s].count, segments: segments[s], skippedSegments: skipped[s], mean: totals[s].mean,
        variance: totals[s].m2.map { totals[s].count > 0 ? $0 / Double(totals[s].count) : 0 })
    }
  }
}

/// Frame count, per-feature mean and sum of squared deviations from the mean.
struct Moments: Sendable {
  var count = 0
  var mean: [Double]
  var m2: [Double]

  init(width: Int) {
    mean = [Double](repeating: 0, count: width)
    m2 = [Double](repeating: 0, count: width)
  }

  /// The moments of one segment's frames (little-endian float32 rows of `width`).
  init(payload: UnsafeRawBufferPointer, width: Int) {
    let frames = payload.count / 4 / max(width, 1)
    #if _endian(little)
      // A record's payload follows its variable-length meta, so it need not be 4-byte aligned.
      if let base = payload.baseAddress, Int(bitPattern: base) % MemoryLayout<Float>.alignment == 0 {
        self.init(frames: frames, width: width, rows: base.assumingMemoryBound(to: Float.self))
        return
      }
      var values = [Float](repeating: 0, count: frames * width)
      values.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: payload[0..<$0.count])) }
    #else
      let values = (0..<(frames * width)).map {
        Float(bitPattern: UInt32(littleEndian: payload.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self)))
      }
    #endif
    self = values.withUnsafeBufferPointer { Moments(frames: frames, width: width, rows: $0.baseAddress) }
  }

  /// The moments of a feature matrix (the same numbers as from its stored record).
  init(_ matrix: FeatureMatrix) {
    self = matrix.values.withUnsafeBufferPointer { values in
      Moments(frames: matrix.frames, width: matrix.featureCount, rows: values.baseAddress)
    }
  }

  /// Sums of values and squares in float64, one pass (a segment's few hundred frames of values
  /// within ±100 lose nothing to cancellation at that precision); `rows` holds `frames` rows of
  /// `width` values. Each column is summed in frame order, over pointers so that the loop over a
  /// row's columns runs in SIMD.
  private init(frames: Int, width: Int, rows: UnsafePointer<Float>?) {
    self.init(width: width)
    count = frames
    guard count > 0, let rows else { return }
    var squares = [Double](repeating: 0, count: width)
    mean.withUnsafeMutableBufferPointer { sums in
      squares.withUnsafeMutableBufferPointer { squares in
        let sums = sums.baseAddress!
        let squares = squares.baseAddress!
        for t in 0..<frames {
          let row = rows + t * width
          for j in 0..<width {
            let x = Double(row[j])
            sums[j] += x
            squares[j] += x * x
          }
        }
      }
    }
    let n = Double(count)
    for j in 0..<width {
      mean[j] /= n
      m2[j] = max(0, squares[j] - n * mean[j] * mean[j])
    }
  }

  /// Adds `other`'s frames (Chan, Golub and LeVeque's pairwise combination).
  mutating func merge(_ other: Moments) {
    guard other.count > 0 else { return }
    guard count > 0 else {
      self = other
      return
    }
    let n = Double(count + other.count)
    let weight = Double(count) * Double(other.count) / n
    let share = Double(other.count) / n
    for j in mean.indices {
      let delta = other.mean[j] - mean[j]
      mean[j] += delta * share
      m2[j] += other.m2[j] + delta * delta * weight
    }
    count += other.count
  }
}

/// Moments of the records this process computed, by record key, so that a prep's normalization
/// statistics need not read back the features it has just written (at most `limit` records,
/// about 2 KB each; beyond that, statistics read the cache).
enum RecordMomentsMemo {
  static let limit = 32768
  private static let lock = NSLock()
  nonisolated(unsafe) private static var byKey: [String: Moments] = [:]

  static func remember(_ key: String, _ moments: Moments) {
    guard !key.isEmpty else { return }
    lock.lock()
    if byKey.count < limit { byKey[key] = moments }
    lock.unlock()
  }

  /// The moments remembered for `key`, forgotten as they are handed out.
  static func take(_ key: String) -> Moments? {
    lock.lock()
    defer { lock.unlock() }
    return byKey.removeValue(forKey: key)
  }
}
