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

  /// A broadcast file as real Transcriber files are (ISO-8859-1, ms times): a Sync 2 ms after its
  /// Turn's end (`863.398` in `[846.941, 863.396]`) and a Sync 3 ms before the previous boundary
  /// (`871.497` after `871.500`), each a rounding disagreement. Lines: 12 first Sync, 15 second,
  /// 18 the late Sync; 20 second turn, 24 Sync 871.500, 26 Sync 871.497 (Event 28).
  static let broadcast = """
    <?xml version="1.0" encoding="ISO-8859-1"?>
    <!DOCTYPE Trans SYSTEM "trans-14.dtd">
    <Trans scribe="annot" audio_filename="20040607_1900_1920" version="6" version_date="040708">
    <Speakers>
    <Speaker id="spk1" name="Présentateur" check="no" type="male" dialect="native" accent="" scope="global"/>
    <Speaker id="spk2" name="Invitée" check="no" type="female" dialect="native" accent="" scope="local"/>
    </Speakers>
    <Episode>
    <Section type="report" startTime="846.941" endTime="880.112">
    <Turn speaker="spk1" startTime="846.941" endTime="863.396" mode="planned" fidelity="high" channel="studio">
    <Sync time="846.941"/>
    <Sync time="846.941"/>
    bonsoir à tous
    <Event desc="emotion:Neutral" type="entities" extent="instantaneous"/>
    <Sync time="855.120"/>
    nous recevons ce soir une invitée
    <Event desc="emotion:Interest" type="entities" extent="instantaneous"/>
    <Sync time="863.398"/>
    </Turn>
    <Turn speaker="spk2" startTime="863.396" endTime="880.112" mode="spontaneous" fidelity="high" channel="studio">
    <Sync time="863.396"/>
    merci de m'avoir invitée
    <Event desc="emotion:Amusement" type="entities" extent="instantaneous"/>
    <Sync time="871.500"/>
    euh
    <Sync time="871.497"/>
    c'est vrai
    <Event desc="emotion[c2]:Neutral" type="entities" extent="instantaneous"/>
    </Turn>
    </Section>
    </Episode>
    </Trans>

    """
}
