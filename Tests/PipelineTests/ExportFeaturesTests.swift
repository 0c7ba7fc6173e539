import EmoSupport
import Foundation
import TestSupport
import Testing

@testable import Pipeline

/// `export-features` reads labels with the one manifest parser used by train and check-folds.
@Suite struct ExportFeaturesTests {
  @Test func aBrokenManifestLineIsAnErrorWithItsFileAndLine() throws {
    let prep = try TemporaryDirectory()
    defer { prep.remove() }
    let path = try prep.write(
      "folds/fold-1/val.jsonl",
      #"{"id":"a","speaker":"S1","dialog":"D1","gender":"male","role":"caller","label":"Anger","path":"","start":0,"end":1,"duration":1,"windows":1}"#
        + "\nnot json\n")
    try prep.write("folds/fold-1/train.jsonl", "")
    try prep.write("folds/fold-1/test.jsonl", "")
    // The rest of a finished prep output is there (export-features checks the folder first).
    for name in ["summary.json", "catalog.sqlite", "folds/summary.json", "features/index.json"] {
      try prep.write(name, "")
    }
    let error = #expect(throws: LocatedError.self) {
      try ExportPipeline.features(prepDir: prep.path, out: prep.path + "/out", progress: false)
    }
    #expect(error?.description.hasPrefix("\(path):2: ") == true, "\(String(describing: error))")
    #expect(!FileManager.default.fileExists(atPath: prep.path + "/out/index.csv"))
  }

  @Test func anIncompletePrepFolderIsRefusedBeforeAnyWork() throws {
    let prep = try TemporaryDirectory()
    defer { prep.remove() }
    try prep.write("folds/fold-1/train.jsonl", "")
    let error = #expect(throws: LocatedError.self) {
      try ExportPipeline.features(prepDir: prep.path, out: prep.path + "/out", progress: false)
    }
    #expect(error?.description.hasPrefix("\(prep.path)/summary.json: missing") == true, "\(String(describing: error))")
    #expect(!FileManager.default.fileExists(atPath: prep.path + "/out"))
  }
}
