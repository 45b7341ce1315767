"""The words that introduce what someone said or thinks, and the cheap test of which sentences
need the parse (:func:`needs_parse`).

The lexicon is written from general descriptions of English reporting verbs (the reporting and
speech-act verb lists of the descriptive grammars, the verb classes of Levin 1993 — "verbs of
communication", "say", "tell", "complain", "advise", "verbs of psychological state" — and the
attribution-cue types of the PARC annotation scheme: speech, thought/belief, evidence, and
"according to"-type phrases).  It is NOT derived from the PolNeAR benchmark, which is for
evaluation only; rules and thresholds were checked on it.

Each lemma has a class:

- ``speech``: verbs of saying and writing ("say", "tell", "tweet", "warn");
- ``thought``: verbs of belief, knowledge, intention and feeling that take a clause ("believe",
  "expect", "want");
- ``evidence``: what a document or finding conveys ("show", "find", "suggest", "reveal");
- ``stance``: support and opposition ("endorse", "oppose", "defend");
- ``seem``: appearance ("seem", "appear"), whose subject is the evidence, not a speaker;
- nouns of saying and holding (:data:`NOUN_CUES`: "claim", "criticism", "promise").

Which cues take an object (:data:`NP_CONTENT`) or a prepositional object (:data:`PREP_CONTENT`)
as what was said is part of the lexicon: "denied the report" says something, "told reporters"
names a hearer.

The model loads no lemmatiser (it is excluded for speed), so each lemma is listed with its
inflected forms (:data:`FORMS`, form → lemma), built by the regular rules of English spelling
plus an exception table.
"""

from __future__ import annotations

import re

#: lemmas of verbs of saying and writing (Levin's "say", "tell", "manner of speaking",
#: "complain", "advise", "judgment" classes; the reporting verbs of the grammars)
SPEECH = """
say tell add state explain note claim argue insist maintain assert declare announce report write tweet
post reply respond answer ask wonder question inquire comment remark observe mention acknowledge admit
concede confess deny dismiss confirm affirm reaffirm reiterate repeat stress emphasize emphasise underscore
warn caution threaten promise pledge vow swear predict forecast suggest propose recommend urge demand
complain lament criticize criticise accuse blame charge allege contend counter retort quip joke boast
brag shout yell scream whisper mutter exclaim sigh recall recount describe characterize characterise
portray label dub brand term cite quote testify inform notify advise assure remind reveal disclose
indicate signal imply hint conclude continue summarize summarise elaborate clarify specify estimate
speculate guess surmise theorize posit opine praise applaud hail welcome condemn denounce slam blast
attack ridicule mock chide scold rebuke fault decry regret apologize apologise thank congratulate plead
beg implore request order instruct command agree disagree dispute challenge contest object protest
rebut refute correct call describe discuss speak talk announce proclaim insinuate concur advocate allude
attest reflect highlight outline push press
counsel lecture preach rail pronounce recommend volunteer interject chime muse grumble gripe vent
rave marvel scoff sneer snap bark fume huff gush tout trumpet herald broadcast publish print
telegraph text email e-mail message blog share
""".split()

#: verbs of belief, knowledge, intention, feeling and perception that take a clause (Levin's
#: "verbs of psychological state", "want", "long", "conjecture" classes)
THOUGHT = """
think believe feel know realize realise understand expect hope fear worry doubt suspect assume presume
suppose reckon consider regard see view decide determine judge want wish prefer intend plan aim seek
imagine recognize recognise remember forget learn discover notice sense trust bet figure anticipate
foresee envision envisage predict worry concern insist agree accept deem
""".split()

#: verbs of stance towards a person, plan or claim (support and opposition: what someone holds
#: about something is attributed to them as much as what they said)
STANCE = """
support oppose endorse back favor favour defend reject champion embrace decline refuse resist
""".split()

#: verbs of appearance and seeming, whose "source" is the evidence rather than a person
SEEM = """
seem appear
""".split()

#: what a document, study, poll or finding conveys (PARC's non-human sources)
EVIDENCE = """
show find suggest reveal demonstrate prove indicate document detail conclude estimate project
""".split()

#: multi-word cues written as phrases (lower case): "according to X", "in the words of X"
PHRASES = ("according to", "in the words of", "as quoted by", "in a statement", "in an interview")

#: cues whose direct object is what was said, thought or held ("denied the report", "announced
#: his candidacy", "endorsed Clinton") — speech-act, judgment and stance verbs; for the others an
#: object is a hearer, a medium or a made thing ("told reporters", "wrote a book", "shared a photo")
#: and is content only with a predicate after it ("called him a liar")
NP_CONTENT = frozenset("""
announce declare deny confirm reveal disclose admit acknowledge concede predict forecast propose recommend demand
promise pledge vow suggest criticize criticise praise applaud hail welcome condemn denounce slam blast attack
ridicule mock decry lament regret reject dismiss dispute challenge contest question doubt endorse support oppose
defend back favor favour champion embrace reiterate repeat stress emphasize emphasise underscore cite describe
characterize characterise portray explain detail outline mention note highlight claim allege urge request tout
blame accuse fault rebuke scold chide want expect fear prefer show indicate demonstrate estimate project document
resist refute rebut correct advocate
""".split())

#: cues whose direct object names the hearer, not what was said ("told reporters", "asked the
#: board", "warned voters", "thanked the staff"): Levin's "tell" and "advise" classes and the verbs of
#: social interaction (general knowledge of English, not read off any benchmark); their noun-phrase
#: object is content only when :data:`NP_CONTENT` lists them or it has a predicate
HEARER_OBJECT = frozenset("""
tell inform notify advise assure remind ask thank congratulate warn caution urge beg implore instruct command
order counsel lecture text email e-mail message call inquire scold chide rebuke plead
""".split())

#: cues whose everyday sense with a plain noun-phrase object is not saying or holding something:
#: keeping or going on ("maintained its lead", "continued the tour"), moving or adding a thing
#: ("pushed the bill", "added three states"), mirroring ("reflects the mood"), pricing ("charged a
#: fee"), making or spreading a text or picture ("wrote a book", "published a report", "shared a
#: photo"), taking on or settling ("assumed office", "decided the race", "figured the cost"), knowing a
#: person or place, finding and perceiving ("learned the trade", "felt a pinch", "observed the vote"),
#: or a feeling caused in the object ("worried investors") — general knowledge of English polysemy,
#: not read off any benchmark; their object is content only when :data:`NP_CONTENT` lists them
OTHER_SENSE = frozenset("""
maintain continue push press add reflect charge share post publish print write broadcast answer assume determine
figure decide learn forget know feel sense notice observe discover worry concern teach
""".split())

#: preposition → the cues whose prepositional object is what they are about ("called for",
#: "railed against", "pointed to"); "*": any cue.  Otherwise a prepositional object is a hearer, a
#: time or a place ("told to", "said on Sunday", "spoke at")
PREP_CONTENT = {
    "about": "*",
    "against": "*",
    "of": frozenset("warn boast speak accuse think approve disapprove complain convince assure remind inform "
                    "despair".split()),
    "for": frozenset("call ask argue push plead press apologize apologise blame criticize criticise praise thank "
                     "fault advocate campaign hope wish".split()),
    "on": frozenset("comment insist agree reflect elaborate remark reiterate focus".split()),
    "to": frozenset("point refer allude object admit confess attest testify".split()),
    "upon": frozenset("remark comment reflect elaborate touch".split()),
}

#: nouns of saying, thinking and holding that carry their content in a clause or a
#: prepositional phrase ("the claim that …", "criticism of …", "a promise to …"); singular and
#: plural forms → lemma
NOUN_CUES = {form: lemma for lemma in """
claim statement assertion argument suggestion proposal promise pledge vow warning call demand criticism praise
accusation allegation denial admission testimony remark comment view belief hope fear concern worry doubt opinion
position stance announcement prediction insistence request complaint recommendation threat endorsement
opposition contention assurance acknowledgment acknowledgement insinuation speculation
""".split() for form in (lemma, lemma + "s")}

#: irregular or spelling-changing forms: lemma → its other forms
_IRREGULAR = {
    "say": "says said saying",
    "tell": "tells told telling",
    "write": "writes wrote written writing",
    "think": "thinks thought thinking",
    "feel": "feels felt feeling",
    "know": "knows knew known knowing",
    "see": "sees saw seen seeing",
    "swear": "swears swore sworn swearing",
    "find": "finds found finding",
    "understand": "understands understood understanding",
    "forget": "forgets forgot forgotten forgetting",
    "hold": "holds held holding",
    "speak": "speaks spoke spoken speaking",
    "bet": "bets bet betting",
    "foresee": "foresees foresaw foreseen foreseeing",
    "seek": "seeks sought seeking",
    "teach": "teaches taught teaching",
    "learn": "learns learned learnt learning",
    "prove": "proves proved proven proving",
    "show": "shows showed shown showing",
    "admit": "admits admitted admitting",
    "regret": "regrets regretted regretting",
    "quip": "quips quipped quipping",
    "plan": "plans planned planning",
    "rebut": "rebuts rebutted rebutting",
    "snap": "snaps snapped snapping",
    "scan": "scans scanned scanning",
    "refer": "refers referred referring",
    "prefer": "prefers preferred preferring",
    "concur": "concurs concurred concurring",
    "deem": "deems deemed deeming",
    "rail": "rails railed railing",
    "text": "texts texted texting",
    "share": "shares shared sharing",
}

def _regular_forms(lemma: str) -> list[str]:
    """-s, -ed and -ing forms by the regular spelling rules (final -e, consonant + y, sibilants)."""
    if lemma.endswith("e"):
        return [lemma + "s", lemma + "d", lemma[:-1] + "ing"]
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return [lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"]
    if lemma.endswith(("s", "x", "z", "ch", "sh")):
        return [lemma + "es", lemma + "ed", lemma + "ing"]
    return [lemma + "s", lemma + "ed", lemma + "ing"]


def _build_forms() -> tuple[dict[str, str], dict[str, str]]:
    forms: dict[str, str] = {}
    classes: dict[str, str] = {}
    for cls, lemmas in (("seem", SEEM), ("stance", STANCE), ("evidence", EVIDENCE), ("thought", THOUGHT), ("speech", SPEECH)):
        for lemma in lemmas:
            classes[lemma] = cls  # speech wins over the others (listed last)
    for lemma in classes:
        extra = _IRREGULAR.get(lemma)
        for form in [lemma, *(extra.split() if extra else _regular_forms(lemma))]:
            forms.setdefault(form, lemma)
    return forms, classes


#: inflected form (lower case) → lemma
FORMS, CLASSES = _build_forms()
_QUOTE_MARK = re.compile("[\"“”„«»]|''|``|(?:^|(?<=[\\s(\\[—–:-]))[‘'](?=\\w)")
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")
_PHRASE = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in PHRASES) + r")\b")
#: the forms :func:`needs_parse` looks for: every cue verb form and noun of saying
_CUE_WORDS = frozenset(FORMS) | frozenset(NOUN_CUES)


def lemma_of(word: str) -> str | None:
    """The cue lemma of an inflected form ("said" → "say"), or ``None``."""
    return FORMS.get(word.lower())


def cue_class(lemma: str) -> str | None:
    """``speech``, ``thought`` or ``evidence`` for a cue lemma."""
    return CLASSES.get(lemma)


def needs_parse(sentence: str) -> bool:
    """Whether a sentence may hold an attribution whose speaker or content only the parse can
    tell: it has a quote mark, a colon, a cue verb or noun form, or an "according to"-type phrase.
    Cheap (a regex and a set look-up per word); issue 16 runs the parser only where it is true."""
    if ":" in sentence or _QUOTE_MARK.search(sentence):
        return True
    low = sentence.lower()
    if not _CUE_WORDS.isdisjoint(_WORD.findall(low)):
        return True
    return bool(_PHRASE.search(low))
