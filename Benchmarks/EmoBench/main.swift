// `make bench`: release-built benchmarks; one `BENCH <name> <value> <unit>` line per figure.
// `EmoBench kappa folds` (or `make bench ONLY="kappa folds"`) runs only the groups named:
// features, resample, prep, kappa, agreement, folds, content, trainer, scale (the label-only scale
// figures, from the release `emocorpus` binary run as a child process: several minutes).
// `EmoBench profile` only trains the default model on full windows for 15 s (to look at under perf);
// `EmoBench profile-infer` only runs inference on them for 15 s and prints its rates.
import AudioFeatures
import Foundation
import Trainer

SingleThreadedBLAS.ensure()
let only = Set(CommandLine.arguments.dropFirst())
func runs(_ group: String) -> Bool { only.isEmpty || only.contains(group) }

if runs("features") {
  try benchFeaturesMemory()
  try benchFeaturesDisk()
}
if runs("resample") { try benchResample44k() }
if runs("prep") { try benchPrep44k() }
if runs("kappa") { try benchKappa1MPairs() }
if runs("agreement") {
  print("BENCH agreement_votes_100k_ms \(String(format: "%.2f", benchAgreementVotes())) ms")
  print("BENCH agreement_raters_10k_ms \(String(format: "%.2f", benchAgreementRaters())) ms")
  try benchAgreementDimensions()
}
if runs("folds") { try benchFolds() }
if runs("content") { try benchContentCheck() }
if runs("trainer") { try benchTrainer() }
if runs("scale") { try benchScale() }
if only.contains("profile") { _ = try ThroughputProbe.trainingSamplesPerSecond(lengths: .full, seconds: 15) }
if only.contains("profile-infer") {
  let rate = try ThroughputProbe.inferenceSamplesPerSecond(lengths: .full, seconds: 15)
  print("inference, full windows: \(Int(rate.perSecond)) samples/s, \(Int(rate.perCPUSecond)) samples/cpu-s")
  let shares = try ThroughputProbe.inferenceBreakdown().map {
    "\($0.phase) \(String(format: "%.0f", 100 * $0.share)) %"
  }
  print("inference CPU time by phase: \(shares.joined(separator: ", "))")
}
