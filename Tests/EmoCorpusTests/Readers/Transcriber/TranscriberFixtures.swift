/// Generated Transcriber `.trs` fixtures (trans-14.dtd); line numbers are relied on by the error tests.
enum TranscriberFixtures {
  /// A call: agent turn with two Syncs, a silent turn, a caller turn (one stretch unlabeled), an
  /// overlapping turn. Lines: 5–6 speakers, 10 first turn (Syncs 11, 14; emotion Events 13, 16),
  /// 18 silent turn, 21 caller turn (Syncs 22, 26; emotion Event 25), 29 overlap turn (Sync 30, Event 35).
  static func call(audio: String = "call01") -> String {
    """
    <?xml version="1.0" encoding="ISO-8859-1"?>
    <!DOCTYPE Trans SYSTEM "trans-14.dtd">
    <Trans scribe="annot" audio_filename="\(audio)" version="2" version_date="081125">
    <Speakers>
    <Speaker id="spk1" name="Opératrice" check="no" type="female" dialect="native" accent="" scope="local"/>
    <Speaker id="spk2" name="Appelant" check="no" type="male" dialect="native" accent="" scope="local"/>
    </Speakers>
    <Episode>
    <Section type="report" startTime="0" endTime="9.5">
    <Turn speaker="spk1" startTime="0" endTime="3.2" channel="telephone">
    <Sync time="0"/>
    Samu bonjour
    <Event desc="emotion:Neutral" type="entities" extent="instantaneous"/>
    <Sync time="1.5"/>
    je vous écoute
    <Event desc="emotion[c2]:Neutral" type="entities" extent="instantaneous"/>
    </Turn>
    <Turn startTime="3.2" endTime="4">
    <Sync time="3.2"/>
    </Turn>
    <Turn speaker="spk2" startTime="4" endTime="7.25">
    <Sync time="4"/>
    <Event desc="b" type="noise" extent="instantaneous"/>
    ma femme est tombée
    <Event desc="emotion:Peur/Colère froide" type="entities" extent="instantaneous"/>
    <Sync time="6"/>
    elle ne répond plus
    </Turn>
    <Turn speaker="spk2 spk1" startTime="7.25" endTime="9.5">
    <Sync time="7.25"/>
    <Who nb="1"/>
    oui
    <Who nb="2"/>
    d'accord
    <Event desc="emotion:Stress" type="entities" extent="instantaneous"/>
    </Turn>
    </Section>
    </Episode>
    </Trans>

    """
  }

  /// A second call (UTF-8, no DOCTYPE) whose agent is the same person as call01's spk1.
  static let secondCall = """
    <?xml version="1.0" encoding="UTF-8"?>
    <Trans audio_filename="call02.wav">
    <Speakers>
    <Speaker id="spk1" name="Opératrice" type="female"/>
    <Speaker id="spk3" name="Appelante" type="female"/>
    </Speakers>
    <Episode>
    <Section type="report" startTime="0" endTime="4">
    <Turn speaker="spk1" startTime="0" endTime="2">
    <Sync time="0"/>
    <Event desc="emotion:Compassion" type="entities" extent="instantaneous"/>
    </Turn>
    <Turn speaker="spk3" startTime="2" endTime="4">
    <Sync time="2"/>
    <Event desc="emotion:Relief" type="entities" extent="instantaneous"/>
    </Turn>
    </Section>
    </Episode>
    </Trans>

    """
}
