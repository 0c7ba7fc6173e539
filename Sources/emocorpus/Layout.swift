import ArgumentParser
import Folds
import Foundation
import Trainer

/// `emocorpus layout prep|run DIR`: whether a folder holds what the next step needs, by the same
/// rules the commands apply, for scripts (the cluster templates) that would otherwise test paths
/// themselves.
struct Layout: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "layout",
    abstract: "Check that a prep or run folder holds what a next step needs (for scripts).",
    discussion: """
      Exits 0 and prints nothing when the folder is complete for the need; otherwise prints one line
      naming what is missing and exits 1. Needs of a prep folder: outputs (summary and catalog),
      folds (and fold manifests), features (and the feature cache: what train needs). Needs of a run
      folder: trained-fold (at least one fold-K trained to the end, printed: what train --collect
      gathers), results (a finished run).
        emocorpus layout prep work/cemo --need features
        emocorpus layout run run/cemo --need trained-fold
      """)

  enum Kind: String, ExpressibleByArgument, CaseIterable { case prep, run }

  enum Need: String, ExpressibleByArgument, CaseIterable {
    case outputs, folds, features
    case trainedFold = "trained-fold"
    case results
  }

  @Argument(help: "prep or run.")
  var kind: Kind

  @Argument(help: "The folder.")
  var dir: String

  @Option(name: .long, help: "What must be there (prep: outputs, folds, features; run: trained-fold, results).")
  var need: Need?

  func validate() throws {
    switch (kind, need) {
    case (.prep, .trainedFold?), (.prep, .results?):
      throw ValidationError("--need \(need!.rawValue) is a need of a run folder (prep: outputs, folds, features)")
    case (.run, .outputs?), (.run, .folds?), (.run, .features?):
      throw ValidationError("--need \(need!.rawValue) is a need of a prep folder (run: trained-fold, results)")
    default: break
    }
  }

  func run() throws {
    switch kind {
    case .prep:
      let wanted: PrepDirectory.Need =
        switch need ?? .outputs {
        case .folds: .folds
        case .features: .features
        default: .outputs
        }
      try PrepDirectory(dir).validate(wanted)
    case .run:
      let run = RunDirectory(dir)
      if need == .trainedFold {
        print(try run.trainedFolds().map(String.init).joined(separator: " "))
      } else {
        try run.validate()
      }
    }
  }
}
