import CSampleRate
import CSoxr
import Foundation

/// Sample-rate conversion: libsoxr at very high quality (default) or libsamplerate.
///
/// Both engines return round(n · to / from) samples aligned with the input (no filter delay), so
/// segment boundaries stay where the annotation put them whichever engine is used.
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
/// libsoxr's `SOXR_VHQ` recipe, as python-soxr's `quality="VHQ"`), mono float32 in and out.
///
/// Creating the filter costs about as much as converting a second of audio, so a worker keeps one
/// per rate pair (`ResamplerCache`) and clears it between segments. Not thread-safe.
final class SoxrConverter {
  let from: Int
  let to: Int
  private let handle: soxr_t
  private var used = false

  init(from: Int, to: Int, path: String) throws {
    self.from = from
    self.to = to
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

  /// The whole of `samples` converted, then the filter flushed: round(n · to / from) samples.
  func convert(_ samples: [Float], path: String) throws -> [Float] {
    if used, let error = soxr_clear(handle) {
      throw AudioError.resampling(path: path, reason: String(cString: error))
    }
    used = true
    let expected = Resampler.outputCount(samples.count, from: from, to: to)
    let capacity = expected + 64
    var output = [Float](repeating: 0, count: capacity)
    var produced = 0
    var failure: soxr_error_t?
    samples.withUnsafeBufferPointer { input in
      output.withUnsafeMutableBufferPointer { out in
        var consumed = 0
        while consumed < input.count, produced < capacity, failure == nil {
          var taken = 0
          var made = 0
          failure = soxr_process(
            handle, input.baseAddress! + consumed, input.count - consumed, &taken, out.baseAddress! + produced,
            capacity - produced, &made)
          consumed += taken
          produced += made
          if taken == 0 && made == 0 { break }
        }
        // End of input: the filter's tail comes out.
        while produced < capacity, failure == nil {
          var made = 0
          failure = soxr_process(handle, nil, 0, nil, out.baseAddress! + produced, capacity - produced, &made)
          produced += made
          if made == 0 { break }
        }
      }
    }
    if let failure { throw AudioError.resampling(path: path, reason: String(cString: failure)) }
    output.removeSubrange(min(produced, expected)...)
    if output.count < expected { output += [Float](repeating: 0, count: expected - output.count) }
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
