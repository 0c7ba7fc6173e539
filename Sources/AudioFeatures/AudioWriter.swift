import CSndFile
import Foundation

/// Sample encodings `AudioWriter` can produce (the formats the reader is tested with).
public enum AudioEncoding: String, Sendable, CaseIterable {
  case pcm16, pcm24, pcm32, float32, ulaw, alaw, flac16

  var sfFormat: Int32 {
    switch self {
    case .pcm16: return Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_16)
    case .pcm24: return Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_24)
    case .pcm32: return Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_32)
    case .float32: return Int32(SF_FORMAT_WAV | SF_FORMAT_FLOAT)
    case .ulaw: return Int32(SF_FORMAT_WAV | SF_FORMAT_ULAW)
    case .alaw: return Int32(SF_FORMAT_WAV | SF_FORMAT_ALAW)
    case .flac16: return Int32(SF_FORMAT_FLAC | SF_FORMAT_PCM_16)
    }
  }
}

/// Writes audio files through libsndfile (fixtures, benchmarks, synthetic corpora).
public enum AudioWriter {
  /// Writes interleaved float samples in [-1, 1] to `path` (clipped by libsndfile for integer formats).
  public static func write(
    _ interleaved: [Float], channels: Int = 1, sampleRate: Int, encoding: AudioEncoding = .pcm16, to path: String
  ) throws {
    var info = SF_INFO()
    info.samplerate = Int32(sampleRate)
    info.channels = Int32(channels)
    info.format = encoding.sfFormat
    guard let handle = sf_open(path, Int32(SFM_WRITE), &info) else {
      throw AudioError.unreadable(path: path, reason: "cannot create: \(String(cString: sf_strerror(nil)))")
    }
    defer { sf_close(handle) }
    // Integer formats: scale so that 1.0 maps to full scale without wrapping.
    sf_command(handle, Int32(SFC_SET_CLIPPING), nil, Int32(SF_TRUE))
    let frames = interleaved.count / max(channels, 1)
    let written = interleaved.withUnsafeBufferPointer { sf_writef_float(handle, $0.baseAddress, sf_count_t(frames)) }
    guard written == frames else {
      throw AudioError.unreadable(path: path, reason: "wrote \(written) of \(frames) frames")
    }
  }
}
