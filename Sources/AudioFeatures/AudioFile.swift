import CSndFile
import Foundation

/// What a file's header says: read without decoding any sample.
public struct AudioInfo: Sendable, Hashable {
  public var sampleRate: Int
  public var channels: Int
  /// Sample frames per channel.
  public var frames: Int
  /// libsndfile's SF_FORMAT_* code (major | subtype).
  public var format: Int32

  /// Length in seconds.
  public var duration: Double { sampleRate > 0 ? Double(frames) / Double(sampleRate) : 0 }
}

/// An audio file opened through libsndfile (WAV PCM 16/24/32, float, μ-law/A-law, FLAC, …).
///
/// Samples come back as float32 in [-1, 1) for integer formats (libsndfile's normalization).
/// Not thread-safe: one instance per thread.
public final class AudioFile {
  public let path: String
  public let info: AudioInfo
  private let handle: OpaquePointer

  /// Opens `path` for reading; throws `AudioError.missing` or `.unreadable` naming the file.
  public init(path: String) throws {
    self.path = path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
      throw AudioError.missing(path: path)
    }
    var sfInfo = SF_INFO()
    guard let handle = sf_open(path, Int32(SFM_READ), &sfInfo) else {
      throw AudioError.unreadable(path: path, reason: String(cString: sf_strerror(nil)))
    }
    guard sfInfo.channels > 0, sfInfo.samplerate > 0, sfInfo.frames >= 0 else {
      sf_close(handle)
      throw AudioError.unreadable(
        path: path, reason: "invalid header (\(sfInfo.channels) channels, \(sfInfo.samplerate) Hz)")
    }
    self.handle = handle
    info = AudioInfo(
      sampleRate: Int(sfInfo.samplerate), channels: Int(sfInfo.channels), frames: Int(sfInfo.frames),
      format: sfInfo.format)
  }

  deinit { sf_close(handle) }

  /// Header facts only (rate, channels, frames): cheap, no samples decoded.
  public static func probe(_ path: String) throws -> AudioInfo { try AudioFile(path: path).info }

  /// Samples of `[start, end)` seconds (end nil = end of file) as mono: the mixdown or one channel.
  ///
  /// Sample indices are round(t · rate). An end up to 10 ms past the file end is clamped (annotation
  /// times are rounded); further out, or a start at or past the end, throws `.spanBeyondEnd`.
  public func read(start: Double = 0, end: Double? = nil, channel: ChannelSelection = .mixdown) throws -> [Float] {
    let rate = info.sampleRate
    let total = info.frames
    let first = max(0, Int((start * Double(rate)).rounded()))
    var last = end.map { Int(($0 * Double(rate)).rounded()) } ?? total
    let tolerance = rate / 100
    if (first >= total && total > 0 && last > first) || last > total + tolerance {
      throw AudioError.spanBeyondEnd(path: path, start: start, end: end ?? info.duration, duration: info.duration)
    }
    last = min(last, total)
    let count = max(0, last - first)
    let channels = info.channels
    if case .channel(let n) = channel, n < 1 || n > channels {
      throw AudioError.noSuchChannel(path: path, channel: n, channels: channels)
    }
    if count == 0 { return [] }
    if sf_seek(handle, sf_count_t(first), SEEK_SET) < 0 {
      throw AudioError.unreadable(path: path, reason: "cannot seek to sample \(first): \(lastError)")
    }
    if channels == 1 {
      var mono = [Float](repeating: 0, count: count)
      let got = mono.withUnsafeMutableBufferPointer { sf_readf_float(handle, $0.baseAddress, sf_count_t(count)) }
      guard got == count else { throw AudioError.truncated(path: path, read: Int(max(got, 0)), expected: count) }
      return mono
    }
    var interleaved = [Float](repeating: 0, count: count * channels)
    let got = interleaved.withUnsafeMutableBufferPointer {
      sf_readf_float(handle, $0.baseAddress, sf_count_t(count))
    }
    guard got == count else { throw AudioError.truncated(path: path, read: Int(max(got, 0)), expected: count) }
    var mono = [Float](repeating: 0, count: count)
    switch channel {
    case .channel(let n):
      for i in 0..<count { mono[i] = interleaved[i * channels + n - 1] }
    case .mixdown:
      let scale = 1 / Float(channels)
      for i in 0..<count {
        var sum: Float = 0
        for c in 0..<channels { sum += interleaved[i * channels + c] }
        mono[i] = sum * scale
      }
    }
    return mono
  }

  private var lastError: String { String(cString: sf_strerror(handle)) }
}
