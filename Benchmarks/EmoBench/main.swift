// `make bench`: release-built benchmarks; one `BENCH <name> <value> <unit>` line per figure.
import Foundation

try benchFeaturesMemory()
try benchFeaturesDisk()
print("BENCH kappa_1m_pairs_ms \(String(format: "%.2f", benchKappa1MPairs())) ms")
print("BENCH agreement_votes_100k_ms \(String(format: "%.2f", benchAgreementVotes())) ms")
print("BENCH agreement_raters_10k_ms \(String(format: "%.2f", benchAgreementRaters())) ms")
try benchFolds()
try benchTrainer()
