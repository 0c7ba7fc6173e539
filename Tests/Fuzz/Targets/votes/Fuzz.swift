import EmoCorpus
import FuzzSupport

/// A vote table as `audit votes FILE --counts A,D,F,H,N,S --item fileName` reads it, then the
/// audit it feeds: the report must encode (no NaN or infinity).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let root = Fuzz.freshFolder()
  let file = Fuzz.write(Fuzz.bytes(data, size), to: "votes.csv", in: root)
  for strict in [false, true] {
    let options = try! VoteTableOptions(countColumns: "A,D,F,H,N,S", item: "fileName", strict: strict)
    do {
      let report = runAudit(try AuditInput.votes(file: file, options: options))
      Fuzz.requireFinite(report, "the votes audit report")
    } catch {
      Fuzz.refused(error)
    }
  }
  return 0
}
