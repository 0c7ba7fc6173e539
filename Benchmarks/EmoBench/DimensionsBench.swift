import Agreement
import EmoCorpus
import EmoSupport
import Foundation

/// `BENCH agreement_dims_1m_ms`: numeric agreement of 1,000,000 ratings per dimension (100,000
/// items × 10 raters, ratings 1–5, 10 % missing), 3 dimensions, as `audit` computes it
/// (`DimensionAgreement.run` of the three dimensions: grouping, Krippendorff's α interval and
/// ordinal, ICC(1,1)/(1,k), the two-way forms on the largest complete block, the per-rater
/// diagnostics, the histogram). `agreement_dims_1m_alpha_ms` is the part the `krippendorff`
/// package does: from the (item, rater, value) triples to α interval and ordinal of each dimension.
///
/// Both are the median of 5 rounds of the process's CPU time (every thread: the dimensions run on
/// two threads, so the figure is the work, not the wall time; the wall-time medians go to stderr,
/// with CPU per phase of a single-threaded breakdown: grouping by item, the one pass of
/// `DimensionPasses`, the complete block and its two-way forms, the one-way forms with their F
/// quantiles). With python3 and the `krippendorff` package,
/// the same data is written to a temporary file and scripts/dev/bench_krippendorff.py times the
/// package's α (interval + ordinal, process CPU time) on it: `agreement_dims_1m_krippendorff_ms`,
/// and the ratios `agreement_dims_1m_alpha_speedup` (like for like: α against α) and
/// `agreement_dims_1m_speedup` (the whole audit against the package's α only).
func benchAgreementDimensions() throws {
  let items = 100_000
  let raters = 10
  var random = SeededRandom(seed: 23, stream: "bench.agreement.dims")
  var inputs: [DimensionRatingsInput] = []
  // Dense raters × items per dimension for the package (NaN = missing).
  var dense = [Double](repeating: .nan, count: 3 * raters * items)
  let itemNames = (0..<items).map { "item\($0)" }
  let itemLocations = (0..<items).map { "bench.csv:\($0 + 2)" }
  for (d, name) in ["arousal", "valence", "dominance"].enumerated() {
    var input = DimensionRatingsInput(
      name: name, scale: [1, 5], itemNames: itemNames, itemLocations: itemLocations,
      raterNames: (0..<raters).map { "rater\($0)" })
    input.items.reserveCapacity(items * raters)
    input.raters.reserveCapacity(items * raters)
    input.values.reserveCapacity(items * raters)
    for i in 0..<items {
      let truth = Int(random.next() % 5)
      for r in 0..<raters {
        guard random.next() % 10 != 0 else { continue }
        let noise = Int(random.next() % 3) - 1
        let v = Double(min(4, max(0, truth + (random.next() % 2 == 0 ? noise : 0))) + 1)
        input.items.append(i)
        input.raters.append(r)
        input.values.append(v)
        dense[(d * raters + r) * items + i] = v
      }
    }
    inputs.append(input)
  }
  var sink = 0.0

  // The whole audit of the three dimensions, as `audit` runs it.
  var cpu: [Double] = []
  var wall: [Double] = []
  for _ in 0..<5 {
    let wallStart = DispatchTime.now().uptimeNanoseconds
    let cpuStart = processCPUms()
    let results = DimensionAgreement.run(inputs)
    cpu.append(processCPUms() - cpuStart)
    wall.append(Double(DispatchTime.now().uptimeNanoseconds - wallStart) / 1e6)
    sink += results.reduce(0) { $0 + ($1.alphaOrdinal.value ?? 0) + ($1.icc2.value ?? 0) }
  }
  // α interval and ordinal only, from the triples (what the package computes).
  var alphaCPU: [Double] = []
  for _ in 0..<5 {
    let cpuStart = processCPUms()
    for input in inputs {
      let m = NumericRatings(
        items: input.items, raters: input.raters, values: input.values, itemCount: items, raterCount: raters)
      let (interval, ordinal) = NumericAlpha.both(m)
      sink += (interval.value ?? 0) + (ordinal.value ?? 0)
    }
    alphaCPU.append(processCPUms() - cpuStart)
  }
  // Where the time goes, one thread, one phase at a time, as `DimensionAgreement.run` does them.
  var phases = [Double](repeating: 0, count: 4)
  for _ in 0..<5 {
    for input in inputs {
      var t = threadCPUms()
      func lap(_ k: Int) {
        let now = threadCPUms()
        phases[k] += now - t
        t = now
      }
      let m = NumericRatings(
        items: input.items, raters: input.raters, values: input.values, itemCount: items, raterCount: raters)
      lap(0)
      guard let passes = DimensionPasses(m, scale: input.scale) else { continue }
      lap(1)
      if let chosen = IntraclassCorrelation.chooseBlock(passes.table) {
        sink +=
          IntraclassCorrelation.twoWay(
            m, masks: passes.masks, chosen: chosen.mask, rows: chosen.items, origin: m.values[0]
          )
          .icc2.value ?? 0
      }
      lap(2)
      sink += IntraclassCorrelation.oneWay(passes.oneWay).icc1.value ?? 0
      lap(3)
    }
  }
  if !sink.isFinite { FileHandle.standardError.write(Data("agreement_dims_1m: non-finite result\n".utf8)) }
  let ours = median(cpu)
  let alphaOnly = median(alphaCPU)
  FileHandle.standardError.write(Data("agreement_dims_1m: wall-time median \(median(wall)) ms\n".utf8))
  let names = ["grouping", "one_pass", "block_icc2_3", "icc1_f"]
  let shares = zip(names, phases).map { "\($0) \(String(format: "%.1f", $1 / 5)) ms" }.joined(separator: ", ")
  FileHandle.standardError.write(Data("agreement_dims_1m: CPU per round by phase: \(shares)\n".utf8))
  print("BENCH agreement_dims_1m_ms \(String(format: "%.2f", ours)) ms")
  print("BENCH agreement_dims_1m_alpha_ms \(String(format: "%.2f", alphaOnly)) ms")

  // The krippendorff package on the same data, when python3 and the package are present.
  let file = FileManager.default.temporaryDirectory.appendingPathComponent("emobench-dims-\(getpid()).f64").path
  defer { try? FileManager.default.removeItem(atPath: file) }
  try dense.withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: file)) }
  guard
    let package = runDevScript("bench_krippendorff.py", arguments: [file, "3", "\(raters)", "\(items)"])
  else {
    FileHandle.standardError.write(
      Data("agreement_dims_1m: python3 with krippendorff not available, no comparison\n".utf8))
    return
  }
  print("BENCH agreement_dims_1m_krippendorff_ms \(String(format: "%.2f", package)) ms")
  print("BENCH agreement_dims_1m_alpha_speedup \(String(format: "%.1f", package / alphaOnly)) x")
  print("BENCH agreement_dims_1m_speedup \(String(format: "%.1f", package / ours)) x")
}

/// The median of measurements.
func median(_ values: [Double]) -> Double {
  let sorted = values.sorted()
  return sorted[sorted.count / 2]
}

/// Runs scripts/dev/NAME with python3 and reads the one number it prints (nil when python3, the
/// script or its packages are missing).
func runDevScript(_ name: String, arguments: [String]) -> Double? {
  let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("scripts/dev/\(name)").path
  guard FileManager.default.fileExists(atPath: script) else { return nil }
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = ["python3", script] + arguments
  let pipe = Pipe()
  process.standardOutput = pipe
  process.standardError = FileHandle.nullDevice
  do { try process.run() } catch { return nil }
  let output = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  guard process.terminationStatus == 0,
    let text = String(data: output, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines)
  else { return nil }
  return Double(text)
}
