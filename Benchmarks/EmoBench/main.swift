// `make bench`: release-built benchmarks; one `BENCH <name> <value> <unit>` line per figure.
// `EmoBench trainer features` runs only the named groups (features, kappa, folds, trainer);
// `EmoBench profile` only trains the default model on full windows for 15 s (to run under perf).
import Foundation
import Trainer

let wanted = Set(CommandLine.arguments.dropFirst())
func runs(_ group: String) -> Bool { wanted.isEmpty || wanted.contains(group) }

if runs("features") {
  try benchFeaturesMemory()
  try benchFeaturesDisk()
}
if runs("kappa") { print("BENCH kappa_1m_pairs_ms \(String(format: "%.2f", benchKappa1MPairs())) ms") }
if runs("folds") { try benchFolds() }
if runs("trainer") { try benchTrainer() }
if wanted.contains("profile") { _ = try ThroughputProbe.trainingSamplesPerSecond(lengths: .full, seconds: 15) }
