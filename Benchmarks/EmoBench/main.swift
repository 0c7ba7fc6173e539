// `make bench`: release-built benchmarks; one `BENCH <name> <value> <unit>` line per figure.
import Foundation

try benchFeaturesMemory()
if ProcessInfo.processInfo.environment["ONLY_MEMORY"] == nil { try benchFeaturesDisk() }
