import Foundation

/// Runs the real `emocorpus` binary built beside the test bundle, capturing its output.
public enum CLIRunner {
  public struct Result: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    /// The process ended by a signal (`status` is then the signal's number).
    public var killedBySignal = false
  }

  /// The `emocorpus` executable in the same build folder as the running tests.
  public static var binary: String {
    if let explicit = ProcessInfo.processInfo.environment["EMOCORPUS_BIN"] { return explicit }
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    // On Linux the test runner is `<bin>/EmoCorpusPackageTests.xctest`; on macOS a bundle inside <bin>.
    while !FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("emocorpus").path),
      folder.path != "/"
    {
      folder = folder.deletingLastPathComponent()
    }
    return folder.appendingPathComponent("emocorpus").path
  }

  /// Runs `emocorpus args…` in `directory` (or the current folder) and waits for it; `environment`
  /// adds variables to this process's (e.g. `EMOCORPUS_FAULT` to stop it at a fault point).
  public static func run(
    _ args: [String], in directory: String? = nil, environment: [String: String] = [:]
  ) throws -> Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = args
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    if !environment.isEmpty {
      process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Drain both pipes while the process runs so a large output never blocks it.
    let group = DispatchGroup()
    nonisolated(unsafe) var outData = Data()
    nonisolated(unsafe) var errData = Data()
    group.enter()
    DispatchQueue.global().async {
      outData = out.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    group.enter()
    DispatchQueue.global().async {
      errData = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    process.waitUntilExit()
    group.wait()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self), killedBySignal: process.terminationReason == .uncaughtSignal)
  }
}
