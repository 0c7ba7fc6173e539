import CSampleRate
import Foundation

/// Sample-rate conversion through libsamplerate (default: best-quality sinc).
public enum Resampler {
  /// `samples` at `from` Hz converted to `to` Hz; the output has round(n · to / from) samples.
  /// `path` only names the source in errors.
  public static func resample(
    _ samples: [Float], from: Int, to: Int, quality: ResampleQuality = .sincBest, path: String = "<memory>"
  ) throws -> [Float] {
    if from == to || samples.isEmpty { return samples }
    let ratio = Double(to) / Double(from)
    let expected = Int((Double(samples.count) * ratio).rounded())
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
