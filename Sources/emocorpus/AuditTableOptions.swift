import Agreement
import ArgumentParser
import EmoCorpus

/// Options shared by `audit votes` and `audit ratings`.
struct AuditTableOptions: ParsableArguments {
  @Option(name: .long, help: "Output folder.")
  var out: String

  @Option(name: .long, help: "Map labels through this task (name or YAML file) to its classes.")
  var task: String?

  @Flag(name: .long, help: "Leave out labels the task does not know (each noted) instead of failing.")
  var dropUnknown = false

  @Flag(name: .long, help: "The first bad row is fatal instead of being dropped and listed.")
  var strict = false

  @Option(name: .long, help: "Rater diagnostics: shared items a pair of raters needs for its kappa.")
  var minSharedItems: Int = 10

  @Option(name: .long, help: "Rater diagnostics: items a rater needs to take part in the flag statistics.")
  var minRaterItems: Int = 10

  func validate() throws {
    if minSharedItems < 1 { throw ValidationError("--min-shared-items must be at least 1") }
    if minRaterItems < 1 { throw ValidationError("--min-rater-items must be at least 1") }
  }

  var raterOptions: RaterDiagnostics.Options {
    RaterDiagnostics.Options(minimumSharedItems: minSharedItems, minimumItems: minRaterItems)
  }

  func loadTask() throws -> TaskDefinition? { try task.map { try TaskDefinition.load($0) } }
}
