import Foundation
import Testing

@testable import EmoCorpus
@testable import Folds

@Suite struct FoldCheckSoftLabelTests {
  /// Soft labels on every line pass; a wrong length or a line without one is a finding.
  @Test func softLabelsOfTheWrongLengthOrOnSomeLinesOnlyAreCaught() throws {
    let (dir, _) = try ManifestWriterTests.written()
    defer { dir.remove() }
    let folds = dir.path + "/folds"
    let files = (1...5).flatMap { k in ["train", "val", "test"].map { "\(folds)/fold-\(k)/\($0).jsonl" } }
    for file in files {
      let lines = FoldCheckTests.lines(file).map { String($0.dropLast()) + ",\"soft_label\":[0.25,0.25,0.25,0.25]}" }
      try FoldCheckTests.save(lines, file)
    }
    #expect(try FoldCheck.check(prepDir: dir.path) == [])

    var train = FoldCheckTests.lines(files[0])
    let id = FoldCheckTests.entry(train[0]).id
    train[0] = train[0].replacingOccurrences(of: "[0.25,0.25,0.25,0.25]", with: "[0.5,0.5]")
    let plainID = FoldCheckTests.entry(train[1]).id
    train[1] = train[1].replacingOccurrences(of: ",\"soft_label\":[0.25,0.25,0.25,0.25]", with: "")
    try FoldCheckTests.save(train, files[0])
    let findings = try FoldCheck.check(prepDir: dir.path)
    #expect(
      findings.contains(
        "\(files[0]):1: soft_label of segment \(id) has 2 probabilities (expected one per task class (4: Anger, Fear, "
          + "Positive, Neutral))"))
    #expect(findings.contains { $0.hasPrefix("\(files[0]):2: segment \(plainID) has no soft_label") })
  }
}
