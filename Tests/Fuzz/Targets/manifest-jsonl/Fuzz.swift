import EmoCorpus
import Folds
import FuzzSupport

/// A JSONL fold manifest, line by line as `check-folds` and `train` read it; an accepted entry
/// must write itself back as a line that reads as the same entry.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let text = Fuzz.text(Fuzz.bytes(data, size))
  for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
    do {
      let entry = try ManifestEntry(jsonLine: line, file: "train.jsonl", line: n + 1)
      Fuzz.requireFinite(entry, "a manifest entry")
      let written = try entry.jsonLine()
      let again = try ManifestEntry(jsonLine: Substring(written), file: "again.jsonl", line: 1)
      Fuzz.require(again == entry, "a manifest entry changed when written and read back")
    } catch {
      Fuzz.refused(error)
    }
  }
  return 0
}
