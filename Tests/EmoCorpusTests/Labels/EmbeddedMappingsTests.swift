import Foundation
import TestSupport
import Testing

@testable import EmoCorpus

@Suite struct EmbeddedMappingsTests {
  /// `mappings/` of this checkout.
  static let mappingsFolder = repositoryFile("mappings")

  static func filesOnDisk() -> [String] {
    let root = mappingsFolder.path
    let enumerator = FileManager.default.enumerator(atPath: root)
    var files: [String] = []
    while let relative = enumerator?.nextObject() as? String {
      if relative.hasSuffix(".yaml") { files.append(relative) }
    }
    return files.sorted()
  }

  @Test func embeddedCopiesEqualTheFilesOnDiskByteForByte() throws {
    let onDisk = Self.filesOnDisk()
    #expect(!onDisk.isEmpty)
    #expect(
      EmbeddedMappings.files.keys.sorted() == onDisk,
      "mappings/ changed: run python3 scripts/dev/embed-mappings.py")
    for relative in onDisk {
      let data = try Data(contentsOf: Self.mappingsFolder.appendingPathComponent(relative))
      #expect(
        EmbeddedMappings.files[relative].map { Data($0.utf8) } == data,
        "\(relative) differs from its embedded copy: run python3 scripts/dev/embed-mappings.py")
    }
  }

  @Test func everyBundledMappingParses() throws {
    #expect(
      LabelMapping.bundledNames == [
        "cemo-fine-to-macro", "emotion-words", "iemocap-labels", "msp-podcast-labels",
      ])
    for name in LabelMapping.bundledNames {
      #expect(try LabelMapping.bundled(name).name == name)
    }
  }
}
