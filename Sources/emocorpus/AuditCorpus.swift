import ArgumentParser
import EmoCorpus
import Foundation
import Pipeline
import Readers

/// `emocorpus audit SOURCE ROOT [--task T] --out DIR` (the default of `audit`): agreement and
/// distribution report of a corpus.
struct AuditCorpus: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "corpus",
    abstract: "Audit a corpus: Cohen's kappa (strict/relaxed, per role), multi-rater coefficients, raters.",
    discussion: """
      Writes DIR/audit.json and a self-contained DIR/audit.html. Without --task every class of the
      corpus's label mapping is kept. Examples:
        emocorpus audit cemo corpus/ --out work/audit
        emocorpus audit iemocap /data/IEMOCAP_full_release --subset all --out work/iemocap-audit
        emocorpus audit files /data/ASED_V1 --preset ased --out work/ased-audit
      """)

  @OptionGroup var corpus: CorpusOptions
  @OptionGroup var output: OutputOptions
  @OptionGroup var seed: SeedOption

  @Option(name: .long, help: "Output folder.")
  var out: String?

  func validate() throws {
    if corpus.listsPresets { return }
    guard corpus.source != nil, corpus.root != nil else {
      throw ValidationError("missing SOURCE and ROOT (e.g. emocorpus audit cemo corpus/ --out work/audit)")
    }
    guard out != nil else { throw ValidationError("missing --out DIR") }
    var request = CorpusRequest(source: corpus.source!, root: corpus.root!)
    try corpus.apply(to: &request)
    if let problem = request.problems().first { throw ValidationError(problem) }
  }

  func run() throws {
    if corpus.listsPresets {
      print(try FilePreset.listing())
      return
    }
    output.apply()
    let absolute = ArgumentValues.absolute
    var request = CorpusRequest(source: corpus.source!, root: absolute(corpus.root!))
    try corpus.apply(to: &request)
    request.seed = seed.seed
    let out = absolute(out!)
    let report = try AuditPipeline.run(request, task: corpus.task, out: out, verbose: output.verbose)
    print(AuditSummary.text(report, out: out))
  }
}
