// `make bench`: release-built benchmarks; one `BENCH <name> <value> <unit>` line per figure.
// `EmoBench kappa folds` (or `make bench ONLY="kappa folds"`) runs only the groups named.
import Foundation

let only = Set(CommandLine.arguments.dropFirst())
func runs(_ group: String) -> Bool { only.isEmpty || only.contains(group) }

if runs("features") {
  try benchFeaturesMemory()
  try benchFeaturesDisk()
}
if runs("kappa") { print("BENCH kappa_1m_pairs_ms \(String(format: "%.2f", benchKappa1MPairs())) ms") }
if runs("folds") { try benchFolds() }
if runs("trainer") { try benchTrainer() }
