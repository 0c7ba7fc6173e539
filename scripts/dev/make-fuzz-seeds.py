#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (Tests/Fuzz/<target>/) from the shapes of the test
fixtures (Tests/TestSupport, Tests/*/Fixtures, mappings/, schemas/models/). Re-run after changing
a fixture shape; findings' minimized inputs are added beside these by hand (named finding-*)."""
import gzip
import pathlib
import shutil
import struct

ROOT = pathlib.Path(__file__).resolve().parents[2]
FUZZ = ROOT / "Tests" / "Fuzz"
SEP = b"\n%%%%\n"


def put(target, name, data):
    folder = FUZZ / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


HEADER = "% [START_TIME - END_TIME] TURN_NAME EMOTION [V, A, D]"
impro01 = "\r\n".join([
    HEADER, "",
    "[6.2901 - 8.2357]\tSes01F_impro01_F000\tneu\t[2.5000, 2.5000, 2.5000]",
    "C-E2:\tNeutral;\t()", "C-E3:\tNeutral; Frustration;\t(calm; a bit\ttired)", "C-E4:  Neutral state;  ()",
    "A-E3:\tval 3; act 2; dom  2;\t()", "A-E4:\tval 2; act 3; dom ;\t(mildly aggravated)", "",
    "[10.0100 - 11.3925]\tSes01F_impro01_F001\txxx\t[2.0000, 3.0000, 3.5000]",
    "C-E1:\tOther;\t(bored)", "C-E2:\tSadness\t()", "A-E1:\tval 2; act 3; dom 3\t()", "",
    "[3.0100 - 5.5000]   Ses01F_impro01_M000   ang   [1.5000, 4.0000, 4.0000]   ",
    "C-E2:\tAnger; Frustration; Other;\t(shouting)", "C-M1:\tAnger;\t()", "A-M1:\tval 1; act 4; dom 4;\t()", ""])
script01 = "\n".join([
    HEADER, "[1.0000 - 2.5000]\tSes01F_script01_1_F000\thap\t[4.0000, 3.0000, 3.0000]",
    "C-E1:\tHappiness;\t()", "C-E2:\tHappiness; Excited;\t()",
    "[2.6000 - 4.0000]\tSes01F_script01_1_M000\texc\t[4.5000, 4.0000, 3.0000]", "C-E1:\tExcited;\t()", ""])
impro05a = "\n".join([
    HEADER, "[0.5000 - 1.7500]\tSes03M_impro05a_F000\tsad\t[1.0000, 1.5000, 2.0000]", "C-E1:\tSadness;\t()",
    "A-E1:\tval ; act ; dom 2;\t()", "", "", "[2.0000 - 3.0000]\tSes03M_impro05a_M000\tfru\t[5.5000, 0.5000, 2.0000]",
    "C-E1:\tFrustration;\t()"])
put("iemocap", "impro01-crlf.txt", impro01)
put("iemocap", "script01.txt", script01)
put("iemocap", "impro05a-no-final-newline.txt", impro05a)

cemo = """<?xml version="1.0" encoding="UTF-8"?>
<corpus name="cemo-test" version="1">
  <coders><coder id="c1"/><coder id="c2"/></coders>
  <speakers>
    <speaker id="A07" role="agent" gender="female"/>
    <speaker id="C0001" role="caller" gender="male"/>
  </speakers>
  <dialog id="D0001" audio="audio/D0001.wav">
    <segment id="D0001-001" speaker="C0001" start="0.52" end="2.10">
      <annotation coder="c1" major="Stress" minor="Fear"/>
      <annotation coder="c2" major="Anxiety"/>
    </segment>
    <segment id="D0001-002" speaker="A07" start="2.10" end="4.00">
      <annotation coder="c2" major="Neutral" note="calm voice"/>
    </segment>
  </dialog>
  <dialog id="D0002" audio="./audio/../audio/D0002.wav">
    <segment id="D0002-001" speaker="A07" start="0" end="1.5">
      <annotation coder="c2" major="Interest"/>
    </segment>
  </dialog>
</corpus>
"""
put("cemo-xml", "valid.xml", cemo)
put("cemo-xml", "latin1.xml", cemo.replace("UTF-8", "ISO-8859-1").replace("Interest", "Col\u00e8re").encode("latin-1"))
put("cemo-xml", "entity.xml", '<?xml version="1.0"?>\n<!DOCTYPE corpus [\n  <!ENTITY e "x">\n]>\n'
    '<corpus name="&e;" version="1"><coders><coder id="c1"/></coders>'
    '<speakers><speaker id="S" role="caller" gender="male"/></speakers></corpus>\n')

trs = """<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE Trans SYSTEM "trans-14.dtd">
<Trans scribe="annot" audio_filename="call01" version="2" version_date="081125">
<Speakers>
<Speaker id="spk1" name="Op\u00e9ratrice" check="no" type="female" dialect="native" accent="" scope="local"/>
<Speaker id="spk2" name="Appelant" check="no" type="male" dialect="native" accent="" scope="local"/>
</Speakers>
<Episode>
<Section type="report" startTime="0" endTime="9.5">
<Turn speaker="spk1" startTime="0" endTime="3.2" channel="telephone">
<Sync time="0"/>
<Event desc="emotion:Neutral" type="entities" extent="instantaneous"/>
<Sync time="1.5"/>
<Event desc="emotion[c2]:Neutral" type="entities" extent="instantaneous"/>
</Turn>
<Turn startTime="3.2" endTime="4">
<Sync time="3.2"/>
</Turn>
<Turn speaker="spk2" startTime="4" endTime="7.25">
<Sync time="4"/>
<Event desc="b" type="noise" extent="instantaneous"/>
<Event desc="emotion:Peur/Col\u00e8re froide" type="entities" extent="instantaneous"/>
<Sync time="6"/>
</Turn>
<Turn speaker="spk2 spk1" startTime="7.25" endTime="9.5">
<Sync time="7.25"/>
<Who nb="1"/>
<Who nb="2"/>
<Event desc="emotion:Stress" type="entities" extent="instantaneous"/>
</Turn>
</Section>
</Episode>
</Trans>
"""
put("transcriber", "call.trs", trs.encode("latin-1"))
put("transcriber", "call-with-tables", trs.encode("latin-1") + SEP
    + b"speaker,gender,role\nspk1,female,agent\nspk2,male,caller\n" + SEP
    + b"file,start,end,label,coder\ncall.trs,0,1.5,Neutral,c1\ncall.trs,4,6,Fear,c2\n")

table = "path,speaker,label,gender,start,end,dialog,coder\naudio/a.wav,s1,anger,f,0,1.5,d1,c1\naudio/b.wav,s2,neutral,m,,,d1,c1\n"
put("table", "utf8.csv", table)
put("table", "bom.csv", b"\xef\xbb\xbf" + table.encode())
put("table", "utf16le.csv", b"\xff\xfe" + table.encode("utf-16-le"))
put("table", "tabs.tsv", table.replace(",", "\t"))
put("table", "semicolon-latin1.csv", table.replace(",", ";").replace("anger", "col\u00e8re").encode("latin-1"))
put("table", "quoted-trailing.csv", 'path,speaker,label,\n"audio/x, y.wav","s 1","a ""b""",\r\n')

msp_consensus = ("FileName,EmoClass,EmoAct,EmoVal,EmoDom,SpkrID,Gender,Split_Set\n"
                 "MSP-PODCAST_0001_0001.wav,N,4.8,4.4,2.6,127,Male,Train\n"
                 "MSP-PODCAST_0001_0002.wav,X,4,4,4,Unknown,Unknown,Test1\n")
msp_detailed = ("FileName,WorkerID,EmoClass_Major,EmoClass_Second,EmoAct,EmoVal,EmoDom\n"
                "MSP-PODCAST_0001_0001.wav,W1,Neutral,\"Sad,Other-calm\",4,4,9\n")
msp_text = ("MSP-PODCAST_0001_0001.wav; N; A:2.200000; V:4.000000; D:2.600000;\n"
            "WORKER00014566; Neutral; Neutral,Other-calm; A:2.000000; V:4.000000; D:3.000000;\n")
put("msp-podcast", "consensus-detailed", msp_consensus + SEP.decode() + msp_detailed)
put("msp-podcast", "labels-text-1x", SEP.decode() + SEP.decode() + msp_text)
votes = (ROOT / "Tests/EmoCorpusTests/Fixtures/votes/tabulatedVotes.csv").read_text().splitlines()
put("votes", "tabulatedVotes-head.csv", "\n".join(votes[:12]) + "\n")
put("votes", "small.tsv", "fileName\tA\tD\tF\tH\tN\tS\n1001_X\t1\t0\t0\t2\t0\t0\n1002_Y\t0\t0\t0\t0\t3\t0\n")

put("ratings", "long.csv", "item,rater,label\nu1,r1,anger\nu1,r2,anger\nu1,r3,neutral\nu2,r1,joy\nu2,r2,joy\n"
    "u3,r1,neutral\nu3,r3,neutral\nu3,r2,anger\n")
put("ratings", "one-rater.tsv", "item\trater\tlabel\nu1\tr1\ta\nu2\tr1\tb\n")

for name in ["cemo-fine-to-macro.yaml", "iemocap-labels.yaml"]:
    text = (ROOT / "mappings" / name).read_text()
    put("yaml-mapping", name, text[:6000])
for name in ["iemocap-4.yaml", "cemo-4.yaml", "anger-neutral.yaml"]:
    put("yaml-task", name, (ROOT / "mappings/tasks" / name).read_text())
for name in ["emodb.yaml", "nemo.yaml", "ravdess.yaml"]:
    put("yaml-preset", name, (ROOT / "mappings/presets" / name).read_text())
for name in ["cnn2d-bilstm.yaml", "temporal-cnn-bilstm.yaml"]:
    put("model-config", name, (ROOT / "schemas/models" / name).read_text())

put("yaml-config", "table.yaml", """tool_version: 0.1.0
source: table
root: /data/t.csv
task: iemocap-4
out: /tmp/out
subset: null
sessions: null
roles: null
exclude_all_neutral: false
min_duration: null
neutral_target: null
consensus: majority
drop_unknown: false
labels_only: false
strict: false
table_layout:
  columns:
    path: file
  audio_dir: wav
folds: 5
seed: 1
audio:
  rate: 16000
  channel: mix
features:
  mels: 40
  deltas: true
  floor: 1.0e-10
""")
put("yaml-config", "minimal-cemo.yaml", "source: cemo\nroot: /data/cemo\ntask: cemo-4\nout: /tmp/o\n")
put("yaml-config", "files.yaml", "source: files\nroot: /data/emodb\ntask: iemocap-4\nout: /tmp/o\nfiles:\n  preset: emodb\n")

put("manifest-jsonl", "train.jsonl",
    '{"id":"Ses01F_impro01_F000","speaker":"Ses01F","dialog":"Ses01F_impro01","gender":"female","role":"speaker",'
    '"label":"neutral","path":"Session1/sentences/wav/Ses01F_impro01/Ses01F_impro01_F000.wav","start":0.0,"end":1.9455,'
    '"duration":1.9455,"windows":3,"audio_hash":"00ff"}\n'
    '{"id":"s2","speaker":"B","dialog":"d","gender":"male","role":"caller","label":"anger","path":"a.wav",'
    '"start":1.5,"end":2.0,"duration":0.5,"windows":1,"soft_label":[0.25,0.75]}\n')


def emobox_line(stem, emo, length=1.5):
    return ('{"key": "emodb-%s", "dataset": "emodb", "wav": "downloads/emodb/wav/%s.wav", "type": "raw", '
            '"sample_rate": 16000, "num_frame": %s, "task": "category", "length": %s, "emo": "%s", "channel": 1}'
            % (stem, stem, length * 16000, length, emo))


def stm_line(stem, speaker, emo, length=1.5):
    return "emodb-%s 1 %s 0 %s <id=emodb-%s,lang=en,spk=%s,emotion=%s> %s" % (stem, speaker, length, stem, speaker, emo, emo)


put("split-emobox", "fold1", "\n".join([emobox_line("03a01Wa", "anger"), emobox_line("10 b05 La", "boredem")]) + "\n"
    + SEP.decode() + emobox_line("03a02Wb", "anger") + "\n" + SEP.decode()
    + "\n".join([stm_line("03a01Wa", "male_03", "anger"), stm_line("03a02Wb", "male_03", "anger"),
                 stm_line("10 b05 La", "male 10 x", "boredem")]) + "\n"
    + SEP.decode() + '{\n    "anger": "Angry",\n    "sad": "Sad"\n}')


def sb_json(items):
    entries = []
    for uid, emo in items:
        entries.append('  "%s": {\n    "wav": "/data/IEMOCAP/Session1/sentences/wav/x/%s.wav",\n    "length": 2.5,\n'
                       '    "emo": "%s"\n  }' % (uid, uid, emo))
    return "{\n" + ",\n".join(entries) + "\n}"


put("split-speechbrain", "fold", sb_json([("Ses01F_impro01_F000", "neu"), ("Ses01M_impro02_M000", "hap")]) + SEP.decode()
    + sb_json([("Ses01F_impro01_M000", "ang")]) + SEP.decode() + sb_json([("Ses02M_script01_1_F000", "ang")]))


def s3prl_json(items):
    meta = ['{"path": "Session1/sentences/wav/d/%s.wav", "label": "%s", "speaker": "%s"}' % i for i in items]
    return '{"labels": {"neu": 0, "hap": 1, "ang": 2, "sad": 3}, "meta_data": [' + ", ".join(meta) + "]}"


put("split-s3prl", "session1", s3prl_json([("Ses01M_impro02_M000", "hap", "Ses01M"), ("Ses01M_impro02_F000", "sad", "Ses01M")])
    + SEP.decode() + s3prl_json([("Ses01F_impro01_M000", "ang", "Ses01F")]))

wav = "/data/IEMOCAP/Session1/sentences/wav"
put("split-kaldi", "fold", SEP.decode().join([
    "Ses01F-Ses01F_impro01_F000 Ses01F\nSes01M-Ses01F_impro01_M000 Ses01M\n",
    "Ses01F-Ses01F_impro01_F000 %s/Ses01F_impro01/Ses01F_impro01_F000.wav\n" % wav,
    "Ses01M-Ses01M_impro02_M000 Ses01M\nSes02M-Ses02F_impro01_M000 Ses02M\n",
    "Ses01M-Ses01M_impro02_M000 sox %s/Ses01M_impro02/Ses01M_impro02_M000.wav -t wav - |\n" % wav,
    "Ses01M-Ses01M_impro02_M000 hap\nSes02M-Ses02F_impro01_M000 neu\n",
    "Ses01F-Ses01F_impro01_F000 neu\n"]))


def cut(turn, speaker, emotion):
    src = "/data/IEMOCAP/Session1/sentences/wav/%s/%s.wav" % (turn.rsplit("_", 1)[0], turn)
    return ('{"id": "%s-0", "start": 0, "duration": 2.0, "channel": 0, "supervisions": [{"id": "%s", "recording_id": '
            '"%s", "start": 0.0, "duration": 2.0, "channel": 0, "speaker": "%s", "gender": "f", "custom": '
            '{"emotion": "%s"}}], "recording": {"id": "%s", "sources": [{"type": "file", "channels": [0], "source": '
            '"%s"}], "sampling_rate": 16000, "num_samples": 32000, "duration": 2.0, "channel_ids": [0]}, '
            '"type": "MonoCut"}' % (turn, turn, turn, speaker, emotion, turn, src))


put("split-lhotse", "fold", cut("Ses01F_impro01_F000", "Ses01F", "neu") + "\n" + SEP.decode()
    + cut("Ses01F_impro02_M000", "Ses01M", "hap") + "\n")
put("split-lhotse", "fold-gz", (cut("Ses01F_impro01_F000", "Ses01F", "neu") + "\n" + SEP.decode()
    + cut("Ses01F_impro02_M000", "Ses01M", "hap") + "\n" + SEP.decode()).encode()
    + gzip.compress((cut("Ses01F_impro03_F000", "Ses01F", "sad") + "\n").encode(), mtime=0))

csv = "id,speaker,fold,split\n" + "".join("s%d,spk%d,1,%s\n" % (i, i % 4, "test" if i % 4 == 0 else "train") for i in range(8))
put("split-csv", "split.csv", csv)
put("split-csv", "labels-paths.tsv", "id\tspeaker\tfold\tsplit\tlabel\tpath\na\tx\t1\ttrain\tang\ta.wav\nb\ty\t1\ttest\tneu\tb.wav\n"
    "b\ty\t2\ttrain\tneu\tb.wav\na\tx\t2\tvalid\tang\ta.wav\nc\tz\t2\ttest\thap\tc.wav\n")


def wav_file(rate, channels, bits, frames, fmt=1, extra=b"", truncate=0):
    block = channels * bits // 8
    data = bytes((i * 37) & 0xFF for i in range(frames * block))
    fmt_chunk = struct.pack("<4sIHHIIHH", b"fmt ", 16, fmt, channels, rate, rate * block, block, bits)
    body = b"WAVE" + fmt_chunk + extra + struct.pack("<4sI", b"data", len(data)) + data
    out = struct.pack("<4sI", b"RIFF", len(body)) + body
    return out[:len(out) - truncate] if truncate else out


put("wav-header", "pcm16-mono.wav", wav_file(16000, 1, 16, 64))
put("wav-header", "pcm8-stereo.wav", wav_file(8000, 2, 8, 32))
put("wav-header", "float32.wav", wav_file(16000, 1, 32, 16, fmt=3))
put("wav-header", "list-chunk.wav", wav_file(16000, 1, 16, 16, extra=b"LIST\x04\x00\x00\x00INFO"))
put("wav-header", "truncated.wav", wav_file(16000, 1, 16, 64, truncate=40))
