import Testing

@testable import EmoSupport

@Suite struct FaultPointTests {
  @Test func armedPointsAreParsedStrictly() {
    #expect(FaultPoint.Armed(parsing: "features.shard-committed") == .init(parsing: "features.shard-committed@1"))
    #expect(FaultPoint.Armed(parsing: "train.checkpoint-written@3")?.occurrence == 3)
    #expect(FaultPoint.Armed(parsing: "train.checkpoint-written@3")?.name == "train.checkpoint-written")
    for bad in ["", "@2", "x@0", "x@-1", "x@two", "x@1@2"] {
      #expect(FaultPoint.Armed(parsing: bad) == nil, "\(bad)")
    }
  }

  @Test func anUnarmedPointDoesNothing() {
    // The test process runs without EMOCORPUS_FAULT: reaching any point returns.
    for _ in 0..<3 { FaultPoint.reached("features.shard-committed") }
    #expect(Bool(true))
  }
}
