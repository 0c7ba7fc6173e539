import ArgumentParser
import EmoCorpus
import Pipeline

/// `prep` options on content leakage: transcripts, what a sentence is, text-independent folds,
/// identical audio with different labels. Nil when not given (a config file's values stand).
struct ContentOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "A folder of transcripts, one <audio stem>.txt per audio file (MSP-Podcast's Transcripts/); never printed.",
      valueName: "dir"))
  var transcripts: String?

  @Option(
    name: .long,
    help: "Texts of fewer words are not compared as sentences (default 3: 'yeah', 'okay'); sentence codes always are.")
  var minWords: Int?

  @Option(
    name: .long,
    help: ArgumentHelp(
      """
      What folds keep apart: speaker (default) or speaker,text (neither a speaker nor a sentence crosses \
      training and evaluation; segments whose speaker and sentence fall in different parts are unused in that fold).
      """, valueName: "speaker[,text]"))
  var independent: String?

  @Flag(
    name: .long,
    help: "Keep identical audio carrying different labels (once per label) instead of dropping every copy.")
  var keepConflicts = false

  func apply(to c: inout PrepConfig) throws {
    if let transcripts { c.transcripts = ArgumentValues.absolute(transcripts) }
    if let minWords { c.minWords = minWords }
    if let independent {
      guard let value = Independence(parsing: independent) else {
        throw ValidationError("--independent must be speaker or speaker,text (got '\(independent)')")
      }
      c.independent = value
    }
    if keepConflicts { c.keepConflicts = true }
  }
}
