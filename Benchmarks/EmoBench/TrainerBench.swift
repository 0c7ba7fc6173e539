import Foundation
import Trainer

/// Throughput of the default model, `temporal-cnn-bilstm` (batch 32, 300 × 120 windows, both
/// cores): training steps (forward, backward, clipping, Adam) and inference.
///
/// The headline lines use masking with window lengths uniform in 1…300; the `_full` lines use
/// full 300-frame windows. The `_per_cpu_s` lines divide by the process's CPU time: on a machine
/// shared with other jobs they show what the code does per core-second (× 2 is the two-core figure
/// of a quiet machine). Each figure is the best of five rounds. `train_gflops_per_core_full` is
/// the achieved arithmetic rate (88.6 MFLOP per training sample) and `train_peak_share_full` its
/// share of `sgemm_peak_gflops_per_core`, OpenBLAS's single-core rate on a 512³ product measured
/// in the same run. Where the time goes is printed on stderr.
///
/// For comparison, PyTorch 2.15 on the project's 2-core test machine, idle
/// (`scripts/dev/pytorch_reference.py --bench`: same network, batch and step, 1 and 2 threads,
/// OMP_WAIT_POLICY active and passive, packed and unpacked LSTM): at best 612 samples/s (2 threads,
/// active) and 460 per CPU-second (1 thread), where this bench gave 1,427 samples/s and 756 per
/// CPU-second (`_full` lines; 67 GFLOP/s per core, 70 % of a measured sgemm rate of 96 GFLOP/s).
func benchTrainer() throws {
  let seconds = Double(ProcessInfo.processInfo.environment["EMOBENCH_SECONDS"] ?? "") ?? 3
  for (suffix, lengths) in [("", ThroughputProbe.Lengths.uniform), ("_full", .full)] {
    let train = try ThroughputProbe.trainingSamplesPerSecond(lengths: lengths, seconds: seconds)
    print("BENCH train_samples_per_s\(suffix) \(Int(train.perSecond.rounded())) samples/s")
    print("BENCH train_samples_per_cpu_s\(suffix) \(Int(train.perCPUSecond.rounded())) samples/cpu-s")
    let infer = try ThroughputProbe.inferenceSamplesPerSecond(lengths: lengths, seconds: seconds)
    print("BENCH infer_samples_per_s\(suffix) \(Int(infer.perSecond.rounded())) samples/s")
    print("BENCH infer_samples_per_cpu_s\(suffix) \(Int(infer.perCPUSecond.rounded())) samples/cpu-s")
    if lengths == .full {
      // Achieved per-core GFLOP/s, to compare with the machine's single-core sgemm peak (~100).
      let flops = try ThroughputProbe.flopsPerSample()
      let trainG = train.perCPUSecond * flops.training / 1e9
      let inferG = infer.perCPUSecond * flops.inference / 1e9
      print("BENCH train_gflops_per_core_full \(String(format: "%.1f", trainG)) GFLOP/s")
      print("BENCH infer_gflops_per_core_full \(String(format: "%.1f", inferG)) GFLOP/s")
      let peak = ThroughputProbe.sgemmPeakGFLOPS()
      print("BENCH sgemm_peak_gflops_per_core \(String(format: "%.1f", peak)) GFLOP/s")
      print("BENCH train_peak_share_full \(String(format: "%.0f", 100 * trainG / peak)) %")
      let shares = try ThroughputProbe.trainingBreakdown()
        .map { "\($0.phase) \(String(format: "%.0f", 100 * $0.share)) %" }
      FileHandle.standardError.write(
        Data("note: training CPU time by phase (full windows): \(shares.joined(separator: ", "))\n".utf8))
      let inference = try ThroughputProbe.inferenceBreakdown()
        .map { "\($0.phase) \(String(format: "%.0f", 100 * $0.share)) %" }
      FileHandle.standardError.write(
        Data("note: inference CPU time by phase (full windows): \(inference.joined(separator: ", "))\n".utf8))
    }
  }
}
