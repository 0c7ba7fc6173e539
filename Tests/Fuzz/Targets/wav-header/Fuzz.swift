import AudioFeatures
import FuzzSupport

/// An audio file as the audio stage opens it: from memory (`AudioFileBytes`, the hashed bytes) and
/// from its path, RIFF/WAVE length check first, then libsndfile; an accepted file's header facts
/// agree both ways and its first second decodes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let root = Fuzz.freshFolder()
  let file = Fuzz.write(Fuzz.bytes(data, size), to: "audio.wav", in: root)
  var fromMemory: AudioInfo?
  do {
    if let bytes = try AudioFileBytes.read(file) {
      let audio = try AudioFile(bytes: bytes)
      fromMemory = audio.info
      let seconds = Double(min(audio.info.frames, audio.info.sampleRate)) / Double(audio.info.sampleRate)
      _ = try audio.read(start: 0, end: seconds)
    }
  } catch {
    Fuzz.refused(error)
  }
  do {
    let info = try AudioFile.probe(file)
    Fuzz.require(fromMemory == nil || fromMemory == info, "header facts differ between memory and path")
  } catch {
    Fuzz.refused(error)
  }
  return 0
}
