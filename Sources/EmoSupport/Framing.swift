/// Framing and sub-segmentation arithmetic shared by selection (window counts in manifests) and
/// the audio front end (actual frames), so both always agree.
///
/// Frame t covers samples [hop·t, hop·t + length); frames that would pass the end are not produced.
/// Windows are 300 frames with hop 200; the last one is zero-padded and keeps its true length.
public struct Framing: Sendable, Hashable, Codable {
  /// Analysis window in samples (25 ms).
  public var frameLength: Int
  /// Hop in samples (10 ms).
  public var frameHop: Int
  /// Frames per sub-segment window (3 s).
  public var windowFrames: Int
  /// Hop between windows in frames (2 s, i.e. 1 s overlap).
  public var windowHop: Int

  public init(frameLength: Int, frameHop: Int, windowFrames: Int = 300, windowHop: Int = 200) {
    self.frameLength = frameLength
    self.frameHop = frameHop
    self.windowFrames = windowFrames
    self.windowHop = windowHop
  }

  /// 25 ms / 10 ms at `sampleRate` (400 / 160 samples at 16 kHz, 200 / 80 at 8 kHz).
  public init(sampleRate: Int) {
    self.init(frameLength: sampleRate / 40, frameHop: sampleRate / 100)
  }

  /// Number of whole frames in `samples` samples (0 when shorter than one frame).
  public func frameCount(samples: Int) -> Int {
    samples < frameLength ? 0 : (samples - frameLength) / frameHop + 1
  }

  /// Number of samples in `seconds` at `sampleRate` (rounded to the nearest sample).
  public static func sampleCount(seconds: Double, sampleRate: Int) -> Int {
    max(0, Int((seconds * Double(sampleRate)).rounded()))
  }

  /// Number of sub-segment windows for `frames` frames: 0 for none, else 1 + ⌈(frames − 300) / 200⌉.
  public func windowCount(frames: Int) -> Int {
    if frames <= 0 { return 0 }
    if frames <= windowFrames { return 1 }
    return 1 + (frames - windowFrames + windowHop - 1) / windowHop
  }

  /// Frame ranges of the windows: start frame and true (unpadded) length of each.
  public func windows(frames: Int) -> [(start: Int, length: Int)] {
    (0..<windowCount(frames: frames)).map { k in
      let start = k * windowHop
      return (start, min(windowFrames, frames - start))
    }
  }
}
