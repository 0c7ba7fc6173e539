import EmoCorpus
import FuzzSupport

/// A label mapping file (`mappings/*.yaml` or a user's), parsed as tasks load it; an accepted
/// mapping resolves a few labels without trapping.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  do {
    let mapping = try LabelMapping.parse(Fuzz.text(Fuzz.bytes(data, size)), file: "mapping.yaml")
    for label in ["anger", "Neutral state", "", "xxx", "Colère froide"] {
      _ = mapping.resolve(label)
      _ = mapping.nearestLabels(to: label)
    }
  } catch {
    Fuzz.refused(error)
  }
  return 0
}
