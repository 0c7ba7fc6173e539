/// The tool version, written into every config, summary and catalog it produces.
public enum EmoCorpusModule { public static let version = "0.1.0" }
