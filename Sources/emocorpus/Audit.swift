import ArgumentParser

/// `emocorpus audit`: a corpus (`audit SOURCE ROOT`, the default), a vote table (`audit votes`) or
/// a ratings table (`audit ratings`).
struct Audit: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit",
    abstract: "Annotation audit: agreement coefficients with standard errors, raters, distributions.",
    discussion: """
      Writes DIR/audit.json and a self-contained DIR/audit.html. Examples:
        emocorpus audit cemo corpus/ --out work/audit
        emocorpus audit iemocap /data/IEMOCAP_full_release --subset all --out work/iemocap-audit
        emocorpus audit files /data/ASED_V1 --preset ased --out work/ased-audit
        emocorpus audit votes tabulatedVotes.csv --counts A,D,F,H,N,S --out work/votes
        emocorpus audit ratings ratings.csv --columns item=clip,rater=worker,label=emotion --out work/r
      """,
    subcommands: [AuditCorpus.self, AuditVotes.self, AuditRatings.self],
    defaultSubcommand: AuditCorpus.self)
}
