import EmoCorpus
import Foundation
import Testing

@testable import Readers

/// Every source is registered once, with what the rest of the tool asks of it.
@Suite struct ReaderRegistryTests {
  static let readme: String = {
    var folder = URL(fileURLWithPath: #filePath)
    while folder.path != "/", !FileManager.default.fileExists(atPath: folder.appendingPathComponent("README.md").path) {
      folder.deleteLastPathComponent()
    }
    return (try? String(contentsOf: folder.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
  }()

  @Test func everySourceHasOneRegistrationAndAReadmeSection() throws {
    #expect(ReaderRegistry.all.map(\.source) == SourceKind.allCases)
    #expect(!Self.readme.isEmpty)
    for entry in ReaderRegistry.all {
      #expect(Self.readme.contains("\n### \(entry.readmeSection)\n"), "README has no section '\(entry.readmeSection)'")
      #expect(try LabelMapping.bundled(entry.labelMapping).canonicalClasses.contains(entry.neutralClass))
      #expect([8000, 16000].contains(entry.defaultRate))
    }
    // Each source-specific option belongs to exactly one source.
    for option in ReaderOption.allCases {
      #expect(ReaderRegistry.all.filter { $0.options.contains(option) }.count == 1, "\(option.rawValue)")
    }
  }

  @Test func optionsOfAnotherSourceAreRefusedNamingTheirSource() {
    var options = ReaderOptions(table: TableLayout(columns: ["label": "emotion"], audioDir: "wav"), timeTolerance: 0.5)
    options.files = FileReaderOptions(preset: "emodb")
    #expect(
      ReaderRegistry.entry(for: .cemo).problems(options) == [
        "--columns and --audio-dir apply to table corpora (got SOURCE cemo)",
        "--time-tolerance applies to trs corpora (got SOURCE cemo)",
        "--preset applies to files corpora (got SOURCE cemo)",
      ])
    #expect(ReaderRegistry.entry(for: .table).problems(ReaderOptions(table: options.table)).isEmpty)
    #expect(
      ReaderRegistry.entry(for: .trs).problems(ReaderOptions(timeTolerance: -1)) == [
        "--time-tolerance must be >= 0 seconds (got -1.0)"
      ])
    #expect(ReaderRegistry.entry(for: .files).problems(ReaderOptions()).first?.contains("--pattern") == true)
    #expect(throws: (any Error).self) { try ReaderRegistry.reader(for: .iemocap, options: options) }
  }
}
