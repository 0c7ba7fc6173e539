import Testing

@testable import EmoSupport

@Suite struct ProgressTests {
  @Test(arguments: [(0.4, "0:00"), (59.6, "1:00"), (754, "12:34"), (3725, "1:02:05")])
  func clockShowsMinutesAndHours(_ seconds: Double, _ text: String) {
    #expect(Progress.clock(seconds) == text)
  }
}
