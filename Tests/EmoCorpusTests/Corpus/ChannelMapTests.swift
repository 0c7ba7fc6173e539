import Foundation
import Testing
import Yams

@testable import EmoCorpus

@Suite struct ChannelMapTests {
  static func speaker(_ id: String, _ role: Role, channel: Int? = nil) -> Speaker {
    Speaker(id: id, gender: .unknown, role: role, origin: Origin(file: "c.xml", line: 1), channel: channel)
  }

  @Test func speakerBeatsRoleBeatsTheCorpus() throws {
    let map = try ChannelMap(parsing: " agent = 0 ,caller=1,C0002=0")
    #expect(map.channels == ["agent": 0, "caller": 1, "C0002": 0])
    #expect(map.description == "C0002=0,agent=0,caller=1")
    #expect(map.channel(for: Self.speaker("A07", .agent, channel: 1)) == 0)
    #expect(map.channel(for: Self.speaker("C0001", .caller)) == 1)
    #expect(map.channel(for: Self.speaker("C0002", .caller)) == 0)
    #expect(map.entry(for: Self.speaker("C0002", .caller)) == "C0002=0")
    #expect(map.entry(for: Self.speaker("C0001", .caller)) == "caller=1")
    let roles = try ChannelMap(parsing: "caller=1")
    #expect(roles.channel(for: Self.speaker("A07", .agent, channel: 0)) == 0)  // the corpus's own
    #expect(roles.channel(for: Self.speaker("A08", .agent)) == nil)  // mixed down
    #expect(roles.entry(for: Self.speaker("A08", .agent)) == nil)
    #expect(ChannelMap.empty.channel(for: Self.speaker("A07", .agent, channel: 1)) == 1)
  }

  @Test(arguments: [
    ("agent", "'agent' is not ROLE_OR_SPEAKER=N with a channel number N"),
    ("agent=left", "'agent=left' is not ROLE_OR_SPEAKER=N with a channel number N"),
    ("agent=-1", "channel -1 of 'agent' is negative"),
    ("=1", "a channel without a role or speaker before '='"),
    ("agent=0,agent=1", "'agent' is given two channels"),
    ("agent=0,", "'' is not ROLE_OR_SPEAKER=N with a channel number N"),
  ])
  func badMapsSayWhatIsWrong(_ text: String, _ what: String) {
    #expect(throws: ChannelMapError.self) { try ChannelMap(parsing: text) }
    do {
      _ = try ChannelMap(parsing: text)
    } catch {
      #expect(
        "\(error)"
          == "--channel-map: \(what) (expected ROLE_OR_SPEAKER=N,… such as agent=0,caller=1; channels count from 0)")
    }
  }

  @Test func configFilesHoldAMapping() throws {
    let map = try ChannelMap(parsing: "agent=0,caller=1")
    let yaml = try YAMLEncoder().encode(map)
    #expect(yaml.contains("agent: 0") && yaml.contains("caller: 1"))
    #expect(try YAMLDecoder().decode(ChannelMap.self, from: yaml) == map)
    #expect(throws: DecodingError.self) { try YAMLDecoder().decode(ChannelMap.self, from: "agent: -2\n") }
  }
}
