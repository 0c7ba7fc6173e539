import EmoCorpus
import EmoSupport
import Foundation
import FuzzSupport
import Readers

/// A delimited corpus table (any encoding, delimiter, BOM), read by the reader
/// `prep --source table` uses, lenient and strict.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let root = Fuzz.freshFolder()
  let file = Fuzz.write(Fuzz.bytes(data, size), to: "corpus.csv", in: root)
  for strict in [false, true] {
    do {
      let corpus = try TableReader(layout: TableLayout(), strict: strict).read(root: file)
      // A table may name audio by absolute path (its explicit choice); every other path stays
      // inside the root. An absolute path must be one a field of the table wrote (as decoded and
      // unquoted: the table may be Latin-1 or UTF-16 and a quoted field doubles its quotes); the
      // rest are checked against the root.
      let absolute = absoluteFields(file)
      var inside = corpus
      inside.segments = corpus.segments.filter { segment in
        guard let path = segment.audio?.path, !Fuzz.isInside(path, root: root) else { return true }
        Fuzz.require(
          absolute.contains(path), "segment \(segment.id.debugDescription) audio path leaves the corpus root")
        return false
      }
      inside.dialogs = corpus.dialogs.filter { dialog in
        guard let path = dialog.audioPath, !Fuzz.isInside(path, root: root) else { return true }
        Fuzz.require(absolute.contains(path), "dialog \(dialog.id.debugDescription) audio path leaves the corpus root")
        return false
      }
      Fuzz.check(inside, root: root)
    } catch {
      Fuzz.refused(error)
    }
  }
  return 0
}

/// Every field of the table at `path` that starts with '/' once trimmed of whitespace as the reader
/// trims its cells (Unicode spaces too: a Latin-1 table's 0xA0 is a no-break space), standardized
/// as an absolute path.
private func absoluteFields(_ path: String) -> Set<String> {
  guard let table = try? DelimitedTable.read(path, expected: "a table") else { return [] }
  var found: Set<String> = []
  for record in [table.header] + table.rows {
    for field in record.fields {
      let cell = field.trimmingCharacters(in: .whitespaces)
      if cell.hasPrefix("/") { found.insert(ReaderPaths.absolute(cell)) }
    }
  }
  return found
}
