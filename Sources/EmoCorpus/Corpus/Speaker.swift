/// Gender of a speaker as the corpus states it.
public enum Gender: String, Sendable, Hashable, Codable, CaseIterable {
  case male, female, unknown
}

/// Role of a speaker in a dialog: `caller`/`agent` in call-center corpora, `speaker` otherwise.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
  case caller, agent, speaker
}

/// One person; in call-center corpora agents recur across dialogs.
public struct Speaker: Sendable, Hashable, Codable, Identifiable {
  public var id: String
  public var gender: Gender
  public var role: Role
  public var origin: Origin
  /// Corpus-only facts (e.g. IEMOCAP session) that no other stage interprets.
  public var extra: [String: String]
  /// The channel of the dialog recordings this speaker talks on, 0-based (call centres record
  /// agent and caller on separate channels), when the corpus says so; nil = all channels mixed.
  public var channel: Int?

  public init(
    id: String, gender: Gender, role: Role, origin: Origin, extra: [String: String] = [:], channel: Int? = nil
  ) {
    self.id = id
    self.gender = gender
    self.role = role
    self.origin = origin
    self.extra = extra
    self.channel = channel
  }
}
