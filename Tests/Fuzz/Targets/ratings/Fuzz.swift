import EmoCorpus
import FuzzSupport

/// A long table of ratings (item, rater, label) as `audit ratings FILE` reads it, then the audit
/// it feeds (few bootstrap replicates, to stay fast): the report must encode (no NaN or infinity).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let root = Fuzz.freshFolder()
  let file = Fuzz.write(Fuzz.bytes(data, size), to: "ratings.csv", in: root)
  for strict in [false, true] {
    let options = RatingsTableOptions(strict: strict, bootstrapReplicates: 8)
    do {
      let report = runAudit(try AuditInput.ratings(file: file, options: options))
      Fuzz.requireFinite(report, "the ratings audit report")
    } catch {
      Fuzz.refused(error)
    }
  }
  return 0
}
