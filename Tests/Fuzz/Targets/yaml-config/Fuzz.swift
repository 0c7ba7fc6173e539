import FuzzSupport
import Pipeline

/// A prep config file as `prep --config FILE` loads it; an accepted config must write itself back
/// as YAML that loads again.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let root = Fuzz.freshFolder()
  let file = Fuzz.write(Fuzz.bytes(data, size), to: "prep.yaml", in: root)
  do {
    let config = try PrepConfig.load(file)
    let again = Fuzz.write(Array(try config.yaml().utf8), to: "again.yaml", in: root)
    _ = try PrepConfig.load(again)
  } catch {
    Fuzz.refused(error)
  }
  return 0
}
