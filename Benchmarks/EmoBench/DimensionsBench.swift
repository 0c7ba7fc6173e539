import Agreement
import EmoCorpus
import EmoSupport
import Foundation

/// `BENCH agreement_dims_1m_ms`: numeric agreement of 1,000,000 ratings per dimension (100,000
/// items × 10 raters, ratings 1–5, 10 % missing), 3 dimensions: Krippendorff's α interval and
/// ordinal, ICC(1,1)/(1,k), the two-way forms on the largest complete block, and the per-rater
/// diagnostics. With python3 and the `krippendorff` package present, the same data is written to a
/// temporary file and scripts/dev/bench_krippendorff.py times the package's α (interval + ordinal) on
/// it: `BENCH agreement_dims_1m_krippendorff_ms` and the ratio `agreement_dims_1m_speedup`.
func benchAgreementDimensions() throws {
  let items = 100_000
  let raters = 10
  var random = SeededRandom(seed: 23, stream: "bench.agreement.dims")
  var data: [(items: [Int], raters: [Int], values: [Double])] = []
  // Dense raters × items per dimension for the package (NaN = missing).
  var dense = [Double](repeating: .nan, count: 3 * raters * items)
  for d in 0..<3 {
    var it: [Int] = []
    var rt: [Int] = []
    var vs: [Double] = []
    it.reserveCapacity(items * raters)
    rt.reserveCapacity(items * raters)
    vs.reserveCapacity(items * raters)
    for i in 0..<items {
      let truth = Int(random.next() % 5)
      for r in 0..<raters {
        guard random.next() % 10 != 0 else { continue }
        let noise = Int(random.next() % 3) - 1
        let v = Double(min(4, max(0, truth + (random.next() % 2 == 0 ? noise : 0))) + 1)
        it.append(i)
        rt.append(r)
        vs.append(v)
        dense[(d * raters + r) * items + i] = v
      }
    }
    data.append((it, rt, vs))
  }
  var cpu: [Double] = []
  var wall: [Double] = []
  var sink = 0.0
  var phases = [Double](repeating: 0, count: 7)
  for _ in 0..<5 {
    let wallStart = DispatchTime.now().uptimeNanoseconds
    let cpuStart = threadCPUms()
    for d in data {
      var t = threadCPUms()
      func lap(_ k: Int) {
        let now = threadCPUms()
        phases[k] += now - t
        t = now
      }
      let m = NumericRatings(items: d.items, raters: d.raters, values: d.values, itemCount: items, raterCount: raters)
      lap(0)
      sink += NumericAlpha.interval(m).value ?? 0
      lap(1)
      sink += NumericAlpha.ordinal(m).value ?? 0
      lap(2)
      sink += IntraclassCorrelation.oneWay(m).icc1.value ?? 0
      lap(3)
      if let block = IntraclassCorrelation.completeBlock(m) {
        lap(4)
        sink +=
          IntraclassCorrelation.twoWay(block: block.block, items: block.items.count, raters: block.raters.count)
          .icc2.value ?? 0
      }
      lap(5)
      sink += NumericRaterDiagnostics.run(m).0.reduce(0) { $0 + ($1.r ?? 0) }
      lap(6)
    }
    cpu.append(threadCPUms() - cpuStart)
    wall.append(Double(DispatchTime.now().uptimeNanoseconds - wallStart) / 1e6)
  }
  if !sink.isFinite { FileHandle.standardError.write(Data("agreement_dims_1m: non-finite result\n".utf8)) }
  cpu.sort()
  wall.sort()
  FileHandle.standardError.write(Data("agreement_dims_1m: wall-time median \(wall[wall.count / 2]) ms\n".utf8))
  let names = ["grouping", "alpha_interval", "alpha_ordinal", "icc1", "block", "icc2_3", "raters"]
  let shares = zip(names, phases).map { "\($0) \(String(format: "%.1f", $1 / 5)) ms" }.joined(separator: ", ")
  FileHandle.standardError.write(Data("agreement_dims_1m: CPU per round by phase: \(shares)\n".utf8))
  let ours = cpu[cpu.count / 2]
  print("BENCH agreement_dims_1m_ms \(String(format: "%.2f", ours)) ms")

  // The krippendorff package on the same data, when python3 and the package are present.
  let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("scripts/dev/bench_krippendorff.py").path
  guard FileManager.default.fileExists(atPath: script) else { return }
  let file = FileManager.default.temporaryDirectory.appendingPathComponent("emobench-dims-\(getpid()).f64").path
  defer { try? FileManager.default.removeItem(atPath: file) }
  try dense.withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: file)) }
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = ["python3", script, file, "3", "\(raters)", "\(items)"]
  let pipe = Pipe()
  process.standardOutput = pipe
  process.standardError = FileHandle.nullDevice
  do { try process.run() } catch { return }
  let output = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  guard process.terminationStatus == 0,
    let text = String(data: output, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
    let package = Double(text)
  else {
    FileHandle.standardError.write(
      Data("agreement_dims_1m: python3 with krippendorff not available, no comparison\n".utf8))
    return
  }
  print("BENCH agreement_dims_1m_krippendorff_ms \(String(format: "%.2f", package)) ms")
  print("BENCH agreement_dims_1m_speedup \(String(format: "%.1f", package / ours)) x")
}
