import EmoSupport
import Testing

@Suite struct FramingTests {
  /// Hand-worked: 16 kHz, 25 ms / 10 ms frames (400 / 160 samples).
  @Test(arguments: [(0, 0), (399, 0), (400, 1), (559, 1), (560, 2), (16000, 98)])
  func frameCountCountsOnlyWholeFrames(_ samples: Int, _ frames: Int) {
    #expect(Framing(sampleRate: 16000).frameCount(samples: samples) == frames)
  }

  @Test func rateSetsTheFrameSizes() {
    let eight = Framing(sampleRate: 8000)
    #expect(eight.frameLength == 200 && eight.frameHop == 80)
  }

  /// Windows of 300 frames every 200: 1 + ⌈(frames − 300) / 200⌉, the last one shorter.
  @Test(arguments: [(0, 0), (1, 1), (300, 1), (301, 2), (500, 2), (501, 3)])
  func windowCountFollowsTheHop(_ frames: Int, _ windows: Int) {
    #expect(Framing(sampleRate: 16000).windowCount(frames: frames) == windows)
  }

  @Test func windowsCarryTheirTrueLength() {
    let windows = Framing(sampleRate: 16000).windows(frames: 450)
    #expect(windows.map(\.start) == [0, 200] && windows.map(\.length) == [300, 250])
  }

  @Test func sampleCountRoundsToTheNearestSample() {
    #expect(Framing.sampleCount(seconds: 0.52, sampleRate: 8000) == 4160)
    #expect(Framing.sampleCount(seconds: -1, sampleRate: 8000) == 0)
  }
}
