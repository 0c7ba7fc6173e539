/// Namespace marker; see DESIGN.md for the layers of this module.
public enum EmoCorpusModule { public static let version = "0.1.0" }
