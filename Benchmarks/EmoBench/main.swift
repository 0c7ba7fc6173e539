// `make bench`: release-built benchmarks; one `BENCH <name> <value> <unit>` line per figure.
import Foundation

try benchFolds()
