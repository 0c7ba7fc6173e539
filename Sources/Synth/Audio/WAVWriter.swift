import CSndFile
import EmoSupport
import Foundation

/// Writes mono 16-bit PCM WAV files through libsndfile, atomically.
enum WAVWriter {
  /// Writes `samples` (−1…1, clipped) at `sampleRate` to `path`.
  static func write(_ samples: [Float], sampleRate: Int, to path: String) throws {
    try AtomicFile.produce(path) { temp in try write(samples, sampleRate: sampleRate, at: temp, reportingAs: path) }
  }

  private static func write(_ samples: [Float], sampleRate: Int, at temp: String, reportingAs path: String) throws {
    var info = SF_INFO()
    info.samplerate = Int32(sampleRate)
    info.channels = 1
    info.format = Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_16)
    guard sf_format_check(&info) != 0 else {
      throw LocatedError(file: path, "libsndfile rejects mono 16-bit WAV at \(sampleRate) Hz")
    }
    guard let handle = sf_open(temp, Int32(SFM_WRITE), &info) else {
      let reason = String(cString: sf_strerror(nil))
      throw LocatedError(file: path, "cannot create WAV file: \(reason)")
    }
    // Rounded here rather than by libsndfile so that the bytes never depend on its float path.
    let pcm = samples.map { Int16((max(-1, min(1, $0)) * 32767).rounded()) }
    let written = pcm.withUnsafeBufferPointer { sf_write_short(handle, $0.baseAddress, sf_count_t($0.count)) }
    if written != sf_count_t(pcm.count) {
      let reason = String(cString: sf_strerror(handle))
      sf_close(handle)
      throw LocatedError(file: path, "cannot write WAV samples: \(reason)")
    }
    let closed = sf_close(handle)
    if closed != 0 {
      throw LocatedError(file: path, "cannot finish WAV file: \(String(cString: sf_error_number(closed)))")
    }
  }
}
