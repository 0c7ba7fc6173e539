import Foundation

/// Generated CEMO-style XML fixtures; line numbers are relied on by the error tests.
enum CEMOFixtures {
  /// A valid file: three speakers (an agent in two dialogs), two coders, four segments.
  /// Line map: 3 coders, 5–7 speakers, 9 dialog D0001, 10/14/18 its segments, 22 dialog D0002, 23 its segment.
  static func valid(encoding: String = "UTF-8", name: String = "cemo-test") -> String {
    """
    <?xml version="1.0" encoding="\(encoding)"?>
    <corpus name="\(name)" version="1">
      <coders><coder id="c1"/><coder id="c2"/></coders>
      <speakers>
        <speaker id="A07" role="agent" gender="female"/>
        <speaker id="C0001" role="caller" gender="male"/>
        <speaker id="C0002" role="caller" gender="unknown"/>
      </speakers>
      <dialog id="D0001" audio="audio/D0001.wav">
        <segment id="D0001-001" speaker="C0001" start="0.52" end="2.10">
          <annotation coder="c1" major="Stress" minor="Fear"/>
          <annotation coder="c2" major="Anxiety"/>
        </segment>
        <segment id="D0001-002" speaker="A07" start="2.10" end="4.00">
          <annotation coder="c1" major="Neutral"/>
          <annotation coder="c2" major="Neutral" note="calm voice"/>
        </segment>
        <segment id="D0001-003" speaker="C0002" start="3.00" end="5.25">
          <annotation coder="c1" major="Colère froide" minor="Soulagement"/>
        </segment>
      </dialog>
      <dialog id="D0002" audio="./audio/../audio/D0002.wav">
        <segment id="D0002-001" speaker="A07" start="0" end="1.5">
          <annotation coder="c2" major="Interest"/>
        </segment>
      </dialog>
    </corpus>

    """
  }

  /// A second file of the same corpus: the agent A07 again, a new caller, a new dialog.
  static func second(name: String = "cemo-test", agentGender: String = "female") -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <corpus name="\(name)" version="1">
      <coders><coder id="c2"/><coder id="c3"/></coders>
      <speakers>
        <speaker id="A07" role="agent" gender="\(agentGender)"/>
        <speaker id="C0003" role="caller" gender="female"/>
      </speakers>
      <dialog id="D0003" audio="audio/D0003.wav">
        <segment id="D0003-001" speaker="C0003" start="1" end="2">
          <annotation coder="c3" major="Panic"/>
        </segment>
        <segment id="D0003-002" speaker="A07" start="1.5" end="3">
          <annotation coder="c2" major="Compassion"/>
        </segment>
      </dialog>
    </corpus>

    """
  }

  /// An XXE attempt: an external entity naming /etc/passwd, used in an attribute.
  static let xxe = """
    <?xml version="1.0" encoding="UTF-8"?>
    <!DOCTYPE corpus [
      <!ENTITY xxe SYSTEM "file:///etc/passwd">
    ]>
    <corpus name="&xxe;" version="1">
      <coders><coder id="c1"/></coders>
      <speakers><speaker id="S" role="caller" gender="male"/></speakers>
    </corpus>

    """

  /// Billion laughs: nested entities that would expand to 10^9 copies.
  static let billionLaughs: String = {
    var lines = ["<?xml version=\"1.0\"?>", "<!DOCTYPE corpus [", "  <!ENTITY lol0 \"lol\">"]
    for level in 1...9 {
      lines.append("  <!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">")
    }
    lines += ["]>", "<corpus name=\"&lol9;\" version=\"1\"/>", ""]
    return lines.joined(separator: "\n")
  }()
}
