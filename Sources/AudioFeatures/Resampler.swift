import CSampleRate
import CSoxr
import Foundation

/// Sample-rate conversion: libsoxr at very high quality (default) or libsamplerate.
///
/// Both engines return round(n · to / from) samples aligned with the input (no filter delay), so
/// segment boundaries stay where the annotation put them whichever engine is used; the signal is
/// taken as silent before and after the segment.
public enum Resampler {
  /// `samples` at `from` Hz converted to `to` Hz. `quality` picks libsamplerate's converter (soxr
  /// always runs at very high quality). `path` only names the source in errors.
  public static func resample(
    _ samples: [Float], from: Int, to: Int, engine: ResamplerEngine = .soxr, quality: ResampleQuality = .sincBest,
    path: String = "<memory>"
  ) throws -> [Float] {
    if from == to || samples.isEmpty { return samples }
    switch engine {
    case .soxr: return try SoxrConverter(from: from, to: to, path: path).convert(samples, path: path)
    case .libsamplerate: return try libsamplerate(samples, from: from, to: to, quality: quality, path: path)
    }
  }

  /// Output length for `count` input samples.
  static func outputCount(_ count: Int, from: Int, to: Int) -> Int {
    Int((Double(count) * Double(to) / Double(from)).rounded())
  }

  static func libsamplerate(
    _ samples: [Float], from: Int, to: Int, quality: ResampleQuality, path: String
  ) throws -> [Float] {
    let ratio = Double(to) / Double(from)
    let expected = outputCount(samples.count, from: from, to: to)
    var output = [Float](repeating: 0, count: expected + 64)
    let status = samples.withUnsafeBufferPointer { input in
      output.withUnsafeMutableBufferPointer { out in
        var data = SRC_DATA()
        data.data_in = input.baseAddress
        data.data_out = out.baseAddress
        data.input_frames = Int(samples.count)
        data.output_frames = Int(out.count)
        data.src_ratio = ratio
        data.end_of_input = 1
        let status = src_simple(&data, converter(quality), 1)
        return (status, Int(data.output_frames_gen))
      }
    }
    if status.0 != 0 {
      throw AudioError.resampling(path: path, reason: String(cString: src_strerror(status.0)))
    }
    output.removeSubrange(min(status.1, expected)...)
    if output.count < expected { output += [Float](repeating: 0, count: expected - output.count) }
    return output
  }

  static func converter(_ quality: ResampleQuality) -> Int32 {
    switch quality {
    case .sincBest: return Int32(SRC_SINC_BEST_QUALITY)
    case .sincMedium: return Int32(SRC_SINC_MEDIUM_QUALITY)
    case .sincFastest: return Int32(SRC_SINC_FASTEST)
    case .zeroOrderHold: return Int32(SRC_ZERO_ORDER_HOLD)
    case .linear: return Int32(SRC_LINEAR)
    }
  }
}

/// One libsoxr converter for a pair of rates, at very high quality (28-bit precision, linear phase,
/// libsoxr's `SOXR_VHQ` recipe, as python-soxr's `quality="VHQ"`), mono float32 in and out, run as
/// a stream across segments.
///
/// Setting up the filter and flushing it cost about 0.3 ms, as much as converting a second of
/// audio, so short files would spend most of their time there. Segments are therefore converted
/// as one stream: each is preceded by at least `guard` zeros (50 ms, longer than the filter's whole
/// response, about 31 ms at most) and starts on an input sample that falls on the output grid, so
/// its output is exactly the samples it gives alone after silence (checked to be bit for bit equal
/// in tests). The stream restarts at `reset()` (a worker calls it before each group of segments,
/// which keeps caches reproducible whatever the order of work). Not thread-safe.
final class SoxrConverter {
  let from: Int
  let to: Int
  private let handle: soxr_t
  /// Input samples per step of the output grid (from / gcd) and output samples per step.
  private let inputStep: Int
  private let outputStep: Int
  /// Zeros before each segment, in input samples.
  private let guardSamples: Int
  private var needsClear = false
  private var fed = 0
  private var received = 0
  private var quietSince = 0
  private var scratch = [Float](repeating: 0, count: 16384)
  private static let zeros = [Float](repeating: 0, count: 4096)

  init(from: Int, to: Int, path: String) throws {
    self.from = from
    self.to = to
    var a = from
    var b = to
    while b != 0 { (a, b) = (b, a % b) }
    inputStep = from / a
    outputStep = to / a
    guardSamples = max(256, from / 20)
    var io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I)
    var quality = soxr_quality_spec(UInt(SOXR_VHQ), 0)
    var runtime = soxr_runtime_spec(1)
    var error: soxr_error_t?
    let handle = soxr_create(Double(from), Double(to), 1, &error, &io, &quality, &runtime)
    guard let handle, error == nil else {
      throw AudioError.resampling(path: path, reason: error.map { String(cString: $0) } ?? "cannot create libsoxr")
    }
    self.handle = handle
  }

  deinit { soxr_delete(handle) }

  /// The next segment starts a new stream.
  func reset() {
    needsClear = fed > 0
    fed = 0
    received = 0
    quietSince = 0
  }

  /// `samples` converted: round(n · to / from) samples, as after silence.
  func convert(_ samples: [Float], path: String) throws -> [Float] {
    if needsClear {
      if let error = soxr_clear(handle) { throw AudioError.resampling(path: path, reason: String(cString: error)) }
      needsClear = false
    }
    let count = Resampler.outputCount(samples.count, from: from, to: to)
    // The segment's first sample: after `guardSamples` zeros, on the output grid.
    let start = (max(fed, quietSince + guardSamples) + inputStep - 1) / inputStep * inputStep
    let first = start / inputStep * outputStep
    var output = [Float](repeating: 0, count: count)
    try output.withUnsafeMutableBufferPointer { out in
      func feed(_ input: UnsafeBufferPointer<Float>) throws {
        var offset = 0
        var stalls = 0
        while offset < input.count {
          var taken = 0
          var made = 0
          let failure = scratch.withUnsafeMutableBufferPointer { buffer in
            soxr_process(
              handle, input.baseAddress! + offset, input.count - offset, &taken, buffer.baseAddress, buffer.count,
              &made)
          }
          if let failure { throw AudioError.resampling(path: path, reason: String(cString: failure)) }
          // Keep the outputs that fall in [first, first + count).
          let lower = max(received, first)
          let upper = min(received + made, first + count)
          if lower < upper {
            scratch.withUnsafeBufferPointer { buffer in
              (out.baseAddress! + (lower - first)).update(
                from: buffer.baseAddress! + (lower - received), count: upper - lower)
            }
          }
          received += made
          offset += taken
          fed += taken
          stalls = taken == 0 && made == 0 ? stalls + 1 : 0
          if stalls > 8 { throw AudioError.resampling(path: path, reason: "libsoxr made no progress") }
        }
      }
      try SoxrConverter.zeros.withUnsafeBufferPointer { zeros in
        while fed < start { try feed(UnsafeBufferPointer(rebasing: zeros[0..<min(zeros.count, start - fed)])) }
        try samples.withUnsafeBufferPointer { try feed($0) }
        quietSince = fed
        // Zeros after the segment bring its tail out of the filter (and count as the next guard).
        var rounds = 0
        let tail = UnsafeBufferPointer(rebasing: zeros[0..<1024])
        while received < first + count {
          try feed(tail)
          rounds += 1
          if rounds > 1000 { throw AudioError.resampling(path: path, reason: "libsoxr output ended early") }
        }
      }
    }
    return output
  }
}

/// A worker's converters, one per rate pair, reused from segment to segment (not thread-safe: one
/// cache per worker thread).
public final class ResamplerCache {
  private struct RatePair: Hashable {
    var from: Int
    var to: Int
  }
  private var soxr: [RatePair: SoxrConverter] = [:]

  public init() {}

  /// Restarts every converter's stream: the segments that follow give the same samples whatever
  /// came before (call it before each group of segments a worker takes).
  public func reset() {
    for converter in soxr.values { converter.reset() }
  }

  /// `samples` at `from` Hz converted to `to` Hz with `engine` (see `Resampler.resample`).
  public func resample(
    _ samples: [Float], from: Int, to: Int, engine: ResamplerEngine = .soxr, quality: ResampleQuality = .sincBest,
    path: String = "<memory>"
  ) throws -> [Float] {
    if from == to || samples.isEmpty { return samples }
    switch engine {
    case .libsamplerate:
      return try Resampler.libsamplerate(samples, from: from, to: to, quality: quality, path: path)
    case .soxr:
      let key = RatePair(from: from, to: to)
      let converter: SoxrConverter
      if let known = soxr[key] {
        converter = known
      } else {
        converter = try SoxrConverter(from: from, to: to, path: path)
        soxr[key] = converter
      }
      return try converter.convert(samples, path: path)
    }
  }
}
