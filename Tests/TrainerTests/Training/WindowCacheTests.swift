import EmoSupport
import Foundation
import TestSupport
import Testing

@testable import Trainer

/// A window source that counts how often each segment is read.
final class CountingSource: WindowSource, @unchecked Sendable {
  let inner: InMemoryWindowSource
  private let lock = NSLock()
  private var counts: [String: Int] = [:]

  init(_ inner: InMemoryWindowSource) { self.inner = inner }

  var featureDim: Int { inner.featureDim }
  var windowFrames: Int { inner.windowFrames }
  func windowCount(segment: String) throws -> Int { try inner.windowCount(segment: segment) }
  func windows(segment: String) throws -> [FeatureWindow] {
    lock.lock()
    counts[segment, default: 0] += 1
    lock.unlock()
    return try inner.windows(segment: segment)
  }
  func reads(_ segment: String) -> Int { lock.withLock { counts[segment] ?? 0 } }
  func reset() { lock.withLock { counts = [:] } }
}

@Suite struct WindowCacheTests {
  /// One window of `values` floats per segment.
  func window(_ values: Int) -> [FeatureWindow] {
    [FeatureWindow(features: .init(repeating: 1, count: values), length: 1)]
  }

  /// Batches of 2: segment 0 in batches 0 and 2, segment 1 in 0 and 1, segment 2 in 1 and 2.
  let order = [0, 1, 1, 2, 2, 0].map { WindowRef(segment: $0, window: 0) }

  func reads(budget: Int, epochs: Int = 1) -> (reads: Int, perSegment: [Int]) {
    var cache = WindowCache(budget: budget)
    var perSegment = [0, 0, 0]
    for _ in 0..<epochs {
      cache.beginEpoch(order, batchSize: 2)
      for b in 0..<3 {
        var local = Set<Int>()
        for ref in order[(2 * b)..<(2 * b + 2)] where local.insert(ref.segment).inserted {
          let w = cache.windows(segment: ref.segment, batch: b) {
            perSegment[ref.segment] += 1
            return window(100)
          }
          #expect(w.count == 1 && w[0].features.count == 100)
        }
      }
    }
    return (cache.reads, perSegment)
  }

  @Test func aSegmentIsReadOncePerEpochAndOncePerFoldWhenEverythingFits() {
    #expect(reads(budget: 3 * 400).perSegment == [1, 1, 1])
    #expect(reads(budget: 3 * 400, epochs: 3).perSegment == [1, 1, 1])
  }

  /// Room for one segment: after batch 0 (segments 0, 1) the cache keeps segment 1 (needed in
  /// batch 1) over segment 0 (needed in batch 2); after batch 1 it keeps segment 2 or 0 by the
  /// same rule. Reads: batch 0 reads 0 and 1, batch 1 reads 2, batch 2 reads 0: 4 (an LRU cache
  /// of one would read 5).
  @Test func overBudgetTheSegmentNeededLastIsDropped() {
    let r = reads(budget: 400)
    #expect(r.reads == 4)
    #expect(r.perSegment == [2, 1, 1])
    // Without a budget every batch reads its segments.
    #expect(reads(budget: 0).reads == 6)
  }

  /// Training reads each training segment once per fold when the split fits the budget, and the
  /// weights do not depend on the budget.
  @Test func trainingReadsEachSegmentOnceAndTheBudgetDoesNotChangeTheWeights() throws {
    let (inner, fold) = syntheticFold(segmentsPerClass: 8)
    let network = try Network(config: tinyModel, classes: 3)
    func train(budget: Int) throws -> (TrainingSession, CountingSource) {
      let dir = try TemporaryDirectory()
      defer { dir.remove() }
      let source = CountingSource(inner)
      var session = try TrainingSession(
        network: network, fold: fold, source: source, classes: ["a", "b", "c"], options: tinyOptions(epochs: 3),
        checkpointPath: dir.path + "/checkpoint.bin", resume: false, cacheBudget: budget)
      try session.run(log: { _ in })
      return (session, source)
    }
    let (cached, counted) = try train(budget: WindowCache.defaultBudget)
    let (uncached, _) = try train(budget: 0)
    // Training segments once in 3 epochs (the data fits the budget); validation ones once per epoch.
    for segment in fold.train.segments { #expect(counted.reads(segment.id) == 1, "\(segment.id)") }
    for segment in fold.validation.segments { #expect(counted.reads(segment.id) == 3, "\(segment.id)") }
    #expect(cached.cache.reads == fold.train.segments.count)
    #expect(uncached.cache.reads > 3 * fold.train.segments.count)
    #expect(cached.state.params.map(\.bitPattern) == uncached.state.params.map(\.bitPattern))
  }
}
