import EmoCorpus
import FuzzSupport

/// A task file as `--task FILE.yaml` loads it; its mapping paths resolve in an empty scratch
/// folder or to the bundled mappings.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let root = Fuzz.freshFolder()
  do {
    let task = try TaskDefinition.parse(Fuzz.text(Fuzz.bytes(data, size)), file: "task.yaml", mappingFolder: root)
    for label in ["anger", "neutral", "Frustration", ""] { _ = task.taskClass(of: label) }
  } catch {
    Fuzz.refused(error)
  }
  return 0
}
