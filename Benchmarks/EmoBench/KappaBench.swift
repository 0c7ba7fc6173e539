import Agreement
import EmoCorpus
import EmoSupport
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// `BENCH kappa_1m_pairs_ms`: Cohen's kappa on 1,000,000 pairs of string labels over 21 classes.
/// With python3 and scikit-learn, scripts/dev/bench_sklearn_kappa.py times `cohen_kappa_score` on
/// the same pairs as integer codes (process CPU time, median of 5) in the same run:
/// `kappa_1m_pairs_sklearn_ms` and the ratio `kappa_1m_pairs_speedup`.
///
/// Measured end to end as on catalog data: both string columns mapped to integer codes and counted
/// in one pass (`ConfusionMatrix(labelsA:labelsB:codebook:)`), then kappa and its standard error.
/// Labels are fresh String values per row, as a database reader returns them. The figure is the
/// median over 9 runs of the thread's CPU time: the work is single-threaded and this machine is
/// shared, so wall time mostly measures other jobs (on an idle machine both agree). The wall-time
/// median goes to stderr for comparison.
func benchKappa1MPairs() throws {
  let fine = [
    "Fear", "Anxiety", "Stress", "Panic", "Embarrassment", "Dismay", "Annoyance", "Impatience", "HotAnger",
    "ColdAnger", "Disappointment", "Sadness", "Despair", "Resignation", "Pain", "Interest", "Compassion",
    "Amusement", "Relief", "Surprise", "Neutral",
  ]
  var random = SeededRandom(seed: 42, stream: "bench.kappa")
  let n = 1_000_000
  var a: [String] = []
  var b: [String] = []
  a.reserveCapacity(n)
  b.reserveCapacity(n)
  for _ in 0..<n {
    let x = Int(random.next() % 21)
    let y = random.next() % 10 < 6 ? x : Int(random.next() % 21)
    a.append(String(decoding: Array(fine[x].utf8), as: UTF8.self))
    b.append(String(decoding: Array(fine[y].utf8), as: UTF8.self))
  }
  var cpu: [Double] = []
  var wall: [Double] = []
  var sink = 0.0
  for _ in 0..<9 {
    let wallStart = DispatchTime.now().uptimeNanoseconds
    let cpuStart = threadCPUms()
    var book = LabelCodebook()
    let m = ConfusionMatrix(labelsA: a, labelsB: b, codebook: &book)
    let v = CohenKappa.estimate(m)
    cpu.append(threadCPUms() - cpuStart)
    wall.append(Double(DispatchTime.now().uptimeNanoseconds - wallStart) / 1e6)
    sink += (v.value ?? 0) + (v.se ?? 0)
  }
  if !sink.isFinite { FileHandle.standardError.write(Data("kappa bench: non-finite kappa\n".utf8)) }
  FileHandle.standardError.write(Data("kappa_1m_pairs: wall-time median \(median(wall)) ms\n".utf8))
  let ours = median(cpu)
  print("BENCH kappa_1m_pairs_ms \(String(format: "%.2f", ours)) ms")

  // scikit-learn on the same pairs as integer labels (coder A's codes, then coder B's).
  var book = LabelCodebook()
  let codes = book.encode(a) + book.encode(b)
  let file = FileManager.default.temporaryDirectory.appendingPathComponent("emobench-kappa-\(getpid()).i32").path
  defer { try? FileManager.default.removeItem(atPath: file) }
  try codes.withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: file)) }
  guard let sklearn = runDevScript("bench_sklearn_kappa.py", arguments: [file, "\(n)"]) else {
    FileHandle.standardError.write(
      Data("kappa_1m_pairs: python3 with scikit-learn not available, no comparison\n".utf8))
    return
  }
  print("BENCH kappa_1m_pairs_sklearn_ms \(String(format: "%.2f", sklearn)) ms")
  print("BENCH kappa_1m_pairs_speedup \(String(format: "%.1f", sklearn / ours)) x")
}

/// CPU time of the calling thread in milliseconds.
func threadCPUms() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
  return Double(t.tv_sec) * 1e3 + Double(t.tv_nsec) / 1e6
}

/// CPU time of the whole process (every thread) in milliseconds.
func processCPUms() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
  return Double(t.tv_sec) * 1e3 + Double(t.tv_nsec) / 1e6
}
