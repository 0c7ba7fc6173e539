import Foundation
import Testing

@testable import AudioFeatures
@testable import TestSupport

/// A resubmitted cluster task says how many finished slots it reused: the counts must match what
/// was on disk, not what was asked.
@Suite struct FeatureSlotCountsTests {
  @Test func interruptedPartReusesItsFinishedSlotsOnly() throws {
    let fixture = try StoreFixture()
    defer { fixture.audio.remove() }
    let out = try TemporaryDirectory()
    defer { out.remove() }
    // 12 requests in slots of 2: 6 slots; part 2 of 2 owns slots 3..<6.
    let part = FeatureShard(index: 2, count: 2)
    var counts: [FeatureSlotCounts] = []
    func build(stopAfter: Int?) throws {
      _ = try FeatureStore.build(
        fixture.requests, in: out.path, config: FeatureConfig(), jobs: 2, shard: part, progress: false,
        segmentsPerShard: 2, stopAfterShards: stopAfter, slotCounts: { counts.append($0) })
    }
    // Cancelled after one finished slot: nothing reported (the run never got to the end).
    try build(stopAfter: 1)
    #expect(counts.isEmpty)
    try build(stopAfter: nil)
    try build(stopAfter: nil)
    #expect(
      counts == [
        FeatureSlotCounts(slots: 3..<6, slotCount: 6, reused: 1, computed: 2),
        FeatureSlotCounts(slots: 3..<6, slotCount: 6, reused: 3, computed: 0),
      ])
    #expect(counts[0].description == "feature slots 4–6 of 6: 1 reused (finished earlier), 2 computed")
  }

  @Test func aSlotWhoseAudioChangedIsComputedAgain() throws {
    let fixture = try StoreFixture()
    defer { fixture.audio.remove() }
    let out = try TemporaryDirectory()
    defer { out.remove() }
    var last: FeatureSlotCounts?
    func build() throws {
      _ = try FeatureStore.build(
        Array(fixture.requests.prefix(4)), in: out.path, config: FeatureConfig(), jobs: 1, shard: nil,
        progress: false, segmentsPerShard: 2, stopAfterShards: nil, slotCounts: { last = $0 })
    }
    try build()
    #expect(last == FeatureSlotCounts(slots: 0..<2, slotCount: 2, reused: 0, computed: 2))
    // turn3 (second slot) gets other audio: only that slot is computed again.
    try AudioWriter.write(StoreFixture.signals[4], sampleRate: 16000, to: fixture.requests[3].path)
    try build()
    #expect(last == FeatureSlotCounts(slots: 0..<2, slotCount: 2, reused: 1, computed: 1))
    #expect(last?.description == "all 2 feature slots: 1 reused (finished earlier), 1 computed")
  }
}
