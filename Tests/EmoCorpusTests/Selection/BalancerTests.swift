import EmoSupport
import TestSupport
import Testing

@testable import EmoCorpus

@Suite struct BalancerTests {
  static func speakersWithNeutral(_ items: [LabeledSegment]) -> Set<String> {
    Set(items.filter { $0.label == "Neutral" }.map(\.segment.speaker))
  }

  @Test(arguments: 1...10 as ClosedRange<UInt64>)
  func keepsOneNeutralPerSpeakerWhoHadOneAndReachesTheGoal(seed: UInt64) {
    let corpus = RandomCorpus.calls(seed: seed, callers: 60 * Int(seed), weights: [1, 1, 6, 1], droppedRate: 0)
    let kept = corpus.labeled
    let neutral = kept.filter { $0.label == "Neutral" }.count
    let other = kept.count - neutral
    let target = NeutralTarget.ratio(seed % 2 == 0 ? 1.0 : 0.2)
    let result = Balancer.reduceNeutral(kept, neutralClass: "Neutral", target: target, seed: seed)
    #expect(Self.speakersWithNeutral(result.kept) == Self.speakersWithNeutral(kept))
    let keptNeutral = result.kept.filter { $0.label == "Neutral" }.count
    let floor = Self.speakersWithNeutral(kept).count
    #expect(keptNeutral == max(min(neutral, target.goal(nonNeutral: other)), floor))
    #expect(result.kept.filter { $0.label != "Neutral" }.count == other)
    #expect(result.drops.allSatisfy { $0.reason == .balancing })
    #expect(result.kept.count + result.drops.count == kept.count)
  }

  @Test func deterministicForTheSeedAndIndependentOfInputOrder() {
    let kept = RandomCorpus.calls(seed: 7, callers: 300, droppedRate: 0).labeled
    let a = Balancer.reduceNeutral(kept, neutralClass: "Neutral", target: .count(100), seed: 3)
    let b = Balancer.reduceNeutral(kept.reversed(), neutralClass: "Neutral", target: .count(100), seed: 3)
    let c = Balancer.reduceNeutral(kept, neutralClass: "Neutral", target: .count(100), seed: 4)
    #expect(Set(a.drops.map(\.segmentID)) == Set(b.drops.map(\.segmentID)))
    #expect(Set(a.drops.map(\.segmentID)) != Set(c.drops.map(\.segmentID)))
  }

  @Test func nothingDroppedWhenNeutralIsAlreadyBelowTheGoal() {
    let kept = RandomCorpus.calls(seed: 2, callers: 30, droppedRate: 0).labeled
    let result = Balancer.reduceNeutral(kept, neutralClass: "Neutral", target: .count(1_000_000), seed: 1)
    #expect(result.drops.isEmpty)
    #expect(result.kept == kept)
  }
}
