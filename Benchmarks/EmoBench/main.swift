// `make bench`: release-built benchmarks; one `BENCH <name> <value> <unit>` line per figure.
// `BENCH_ONLY=resample,prep EmoBench` runs only the groups named (features, resample, prep,
// kappa, folds, trainer).
import Foundation

let only = ProcessInfo.processInfo.environment["BENCH_ONLY"].map { Set($0.split(separator: ",").map(String.init)) }
func wanted(_ group: String) -> Bool { only?.contains(group) ?? true }

if wanted("features") {
  try benchFeaturesMemory()
  try benchFeaturesDisk()
}
if wanted("resample") { try benchResample44k() }
if wanted("prep") { try benchPrep44k() }
if wanted("kappa") { print("BENCH kappa_1m_pairs_ms \(String(format: "%.2f", benchKappa1MPairs())) ms") }
if wanted("folds") { try benchFolds() }
if wanted("trainer") { try benchTrainer() }
