// `make bench`: release-built benchmarks; one `BENCH <name> <value> <unit>` line per figure.
import Foundation

print("BENCH placeholder 0 none")
try benchTrainer()
