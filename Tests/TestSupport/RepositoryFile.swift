import Foundation

/// A file of this repository (`schemas/…`, `mappings/…`), found by walking up from the calling test
/// file to the folder that holds `Package.swift`, so tests do not depend on their folder depth.
public func repositoryFile(_ relativePath: String, from testFile: String = #filePath) -> URL {
  var folder = URL(fileURLWithPath: testFile).deletingLastPathComponent()
  while folder.path != "/" {
    if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
      return folder.appendingPathComponent(relativePath)
    }
    folder = folder.deletingLastPathComponent()
  }
  preconditionFailure("no Package.swift above \(testFile)")
}
