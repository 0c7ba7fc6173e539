import AudioFeatures
import Foundation

/// `BENCH features_memory_xrt`: the default features (log-Mel + Δ + ΔΔ) of one hour of 16 kHz audio already in memory,
/// one thread, as x-realtime: audio seconds per second of the thread's CPU time (equal to wall-clock
/// time on an idle core; unlike wall-clock time, not deflated by other processes sharing the
/// machine). Best of three runs; the wall-clock figure goes to stderr.
func benchFeaturesMemory() throws {
  let rate = 16000
  let samples = benchSignal(count: 3600 * rate, seed: 1)
  let extractor = try FeatureExtractor()
  if ProcessInfo.processInfo.environment["BENCH_VERBOSE"] != nil {
    FileHandle.standardError.write(Data("FFT plan: \(extractor.planDescription)\n".utf8))
  }
  var best = Double.infinity
  var bestWall = Double.infinity
  var frames = 0
  for _ in 0..<3 {
    let start = threadSeconds()
    let wall = DispatchTime.now().uptimeNanoseconds
    frames = extractor.features(samples).frames
    best = min(best, threadSeconds() - start)
    bestWall = min(bestWall, Double(DispatchTime.now().uptimeNanoseconds - wall) / 1e9)
  }
  precondition(frames == 359_998, "unexpected frame count \(frames)")
  print(String(format: "BENCH features_memory_xrt %.0f x-realtime", 3600 / best))
  wallNote("features_memory_xrt", 3600 / bestWall)
}

/// `BENCH features_disk_xrt`: 900 four-second 16-bit 16 kHz WAV files (one hour) read through
/// libsndfile and turned into features, one thread, file cache warm; best of three passes, timed
/// like `features_memory_xrt` (thread CPU time, including the kernel's read work).
func benchFeaturesDisk() throws {
  let rate = 16000
  let folder = FileManager.default.temporaryDirectory.path + "/emobench-wav-\(getpid())"
  try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(atPath: folder) }
  let paths = try (0..<900).map { i -> String in
    let path = folder + "/utt\(i).wav"
    try AudioWriter.write(benchSignal(count: 4 * rate, seed: UInt64(i + 2)), sampleRate: rate, to: path)
    return path
  }
  let extractor = try FeatureExtractor()
  var best = Double.infinity
  var bestWall = Double.infinity
  for _ in 0..<3 {
    let start = threadSeconds()
    let wall = DispatchTime.now().uptimeNanoseconds
    var frames = 0
    for path in paths { frames += extractor.features(try AudioFile(path: path).read()).frames }
    best = min(best, threadSeconds() - start)
    bestWall = min(bestWall, Double(DispatchTime.now().uptimeNanoseconds - wall) / 1e9)
    precondition(frames == 900 * 398, "unexpected frame count \(frames)")
  }
  print(String(format: "BENCH features_disk_xrt %.0f x-realtime", 3600 / best))
  wallNote("features_disk_xrt", 3600 / bestWall)
}

/// Speech-band test signal: a 200 Hz harmonic buzz with amplitude modulation plus noise (LCG).
func benchSignal(count: Int, seed: UInt64, rate: Int = 16000) -> [Float] {
  var state = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
  var samples = [Float](repeating: 0, count: count)
  var phase: Float = 0
  for i in 0..<count {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    let noise = Float(Int32(truncatingIfNeeded: state >> 32)) / 2_147_483_648
    phase += 2 * Float.pi * 200 / Float(rate)
    if phase > 2 * Float.pi { phase -= 2 * Float.pi }
    let envelope: Float = (i / (rate / 2)) % 2 == 0 ? 0.3 : 0.05
    samples[i] = envelope * (sin(phase) + 0.5 * sin(3 * phase)) + 0.01 * noise
  }
  return samples
}

/// Thread CPU seconds (robust to other processes sharing the cores).
func threadSeconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// The wall-clock figure, on stderr (lower than the CPU-time figure when the cores are shared).
func wallNote(_ name: String, _ value: Double) {
  FileHandle.standardError.write(
    Data(String(format: "note: %@ by wall-clock time: %.0f x-realtime\n", name, value).utf8))
}
