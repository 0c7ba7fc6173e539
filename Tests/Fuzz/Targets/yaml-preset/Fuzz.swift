import FuzzSupport

@testable import EmoCorpus
@testable import EmoSupport
@testable import Readers

/// A file-name preset (`mappings/presets/*.yaml`), decoded as `FilePreset.bundled` decodes the
/// bundled ones, then its pattern compiled as `prep --source files` compiles it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  do {
    let document = try YAMLSource(text: Fuzz.text(Fuzz.bytes(data, size)), file: "preset.yaml")
    let preset = try document.decode(FilePreset.self, shape: FilePreset.shape)
    if let pattern = preset.pattern { _ = try FileNamePattern(pattern) }
  } catch {
    Fuzz.refused(error)
  }
  return 0
}
