import FuzzSupport
import Trainer

/// A model config file as `train --model FILE` loads it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  do {
    _ = try ModelConfig.parse(yaml: Fuzz.text(Fuzz.bytes(data, size)), file: "model.yaml")
  } catch {
    Fuzz.refused(error)
  }
  return 0
}
