import EmoSupport
import Foundation

/// Which channel of the dialog recordings a role or a speaker talks on (`--channel-map
/// agent=0,caller=1`), 0-based like the CEMO XML `channel` attribute and the table column
/// `channel`. A speaker id in the map wins over its role; the map wins over the corpus's own
/// channels. Written in config files as a mapping (`agent: 0`).
public struct ChannelMap: Sendable, Hashable, Codable, CustomStringConvertible {
  /// Role name or speaker id → channel (0-based).
  public private(set) var channels: [String: Int]

  /// No entry: speakers keep the corpus's own channels.
  public static let empty = ChannelMap(unchecked: [:])

  private init(unchecked channels: [String: Int]) { self.channels = channels }

  public init(_ channels: [String: Int]) throws {
    for (name, channel) in channels { try ChannelMap.check(name: name, channel: channel) }
    self.channels = channels
  }

  /// Parses `ROLE_OR_SPEAKER=N,…` (N ≥ 0); the error says what is wrong.
  public init(parsing text: String) throws {
    let list: KeyValueList
    do {
      list = try KeyValueList.parse(text)
    } catch {
      switch error {
      case .empty:
        throw ChannelMapError(
          "'\(text.trimmingCharacters(in: .whitespaces))' is not ROLE_OR_SPEAKER=N with a channel number N")
      case .notAPair(let item)
      where item.hasPrefix("=") && Int(item.dropFirst().trimmingCharacters(in: .whitespaces)) != nil:
        throw ChannelMapError("a channel without a role or speaker before '='")
      case .notAPair(let item):
        throw ChannelMapError("'\(item)' is not ROLE_OR_SPEAKER=N with a channel number N")
      case .repeated(let name):
        throw ChannelMapError("'\(name)' is given two channels")
      }
    }
    var channels: [String: Int] = [:]
    for entry in list.entries {
      guard let channel = entry.value.flatMap({ Int($0) }) else {
        throw ChannelMapError("'\(entry.text)' is not ROLE_OR_SPEAKER=N with a channel number N")
      }
      try ChannelMap.check(name: entry.key, channel: channel)
      channels[entry.key] = channel
    }
    self.channels = channels
  }

  /// The channel `speaker` talks on: this map's entry for the speaker's id, else for its role,
  /// else the corpus's own (`Speaker.channel`); nil = mix the channels down.
  public func channel(for speaker: Speaker) -> Int? {
    channels[speaker.id] ?? channels[speaker.role.rawValue] ?? speaker.channel
  }

  /// The key of this map that gives `speaker` its channel, if any (for messages).
  public func entry(for speaker: Speaker) -> String? {
    if let n = channels[speaker.id] { return "\(speaker.id)=\(n)" }
    if let n = channels[speaker.role.rawValue] { return "\(speaker.role.rawValue)=\(n)" }
    return nil
  }

  /// `agent=0,caller=1`, sorted by name.
  public var description: String {
    channels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    do {
      try self.init(try container.decode([String: Int].self))
    } catch let error as ChannelMapError {
      throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(channels)
  }

  private static func check(name: String, channel: Int) throws {
    guard !name.isEmpty else { throw ChannelMapError("a channel without a role or speaker before '='") }
    guard channel >= 0 else { throw ChannelMapError("channel \(channel) of '\(name)' is negative") }
  }
}

/// Why a channel map does not parse; `description` is the sentence for the user.
public struct ChannelMapError: Error, Sendable, Hashable, CustomStringConvertible {
  public var description: String
  init(_ what: String) {
    description =
      "--channel-map: \(what) (expected ROLE_OR_SPEAKER=N,… such as agent=0,caller=1; channels count from 0)"
  }
}

extension Substring {
  fileprivate var trimmingWhitespace: String { trimmingCharacters(in: .whitespaces) }
}
