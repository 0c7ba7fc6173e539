import EmoCorpus
import Folds
import FuzzSupport

/// A split table (`id,speaker,fold,split`, any delimiter and encoding).
/// Read as `check-folds --external csv:PATH` reads it (the leakage audit, under both speaker
/// rules) and as `prep --folds-from` reads it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let root = Fuzz.freshFolder()
  let files = ["split.csv"]
  for (part, name) in zip(Fuzz.parts(Fuzz.bytes(data, size), count: files.count), files) where !part.isEmpty {
    Fuzz.write(part, to: name, in: root)
  }
  let source = ExternalSplitSource(format: .csv, path: root + "/split.csv")
  for rule in [SpeakerRule.split, .iemocap] {
    do {
      let (report, _) = try SplitLeakage.audit(source, speakerRule: rule)
      _ = report.text(title: "fuzz")
    } catch {
      Fuzz.refused(error)
    }
  }
  do {
    _ = try ExternalSplit.read(source, needSpeakers: false)
  } catch {
    Fuzz.refused(error)
  }
  return 0
}
