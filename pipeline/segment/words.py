"""Word lists only the segmenter reads (by-words, page-furniture words, sentence abbreviations);
the lists other stages share (function words, month names, state abbreviations) are in
:mod:`pipeline.lexicon`."""

from __future__ import annotations


from pipeline.lexicon.names import US_STATE_ABBREVIATIONS

# words that introduce an author, in several languages (matched case-insensitively)
BY_WORDS = (
    r"by|written by|posted by|words by|story by|reporting by|von|autor(?:in)?|author|verfasst von|"
    r"geschrieben von|erstellt von|text|texte|par|auteur|por|autor|di|door|przez|redakteur(?:in)?|"
    r"reporter|interview|fotos?|text (?:&|und|and) fotos?"
)

# common words of page furniture (menus, teasers, sharing) in a few languages: a line made of them
# is a heading, not a person's name ("Latest Posts", "Don't Miss", "Mehr Artikel")
UI_WORDS = frozenset(
    """
    latest posts post news home menu contact share comments comment related popular search login
    subscribe read more miss top stories story articles article trending video videos newsletter
    recent archive archives categories category tags tag next previous back follow email print
    picks featured most viewed best new blog about privacy terms cookies sign
    advertisement sponsored partner free download app apps shop deals watch listen live sports
    weather business politics entertainment lifestyle opinion world local
    startseite kontakt suche teilen kommentare kommentar mehr weitere artikel beiträge beitrag
    neueste aktuell aktuelles themen thema meistgelesen empfehlungen impressum datenschutz
    anmelden abonnieren zurück weiter alle seite nachrichten newsticker
    accueil recherche partager articles plus actualités inicio buscar compartir noticias más
    """.split()
)

#: abbreviations after which a full stop does not end a sentence
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof st jr sr mt ft gen gov sen rep rev lt col capt sgt maj cmdr adm supt insp
    inc ltd co corp llc plc bros no nos nr vol vols pp p fig figs ed eds est approx ca cf vs etc
    e.g i.e z.b bzw usw ggf vgl evtl inkl ca d.h u.a s.o s.u sog jh jhd hr fr frau str
    jan feb mar apr jun jul aug sep sept oct okt nov dec dez
    u.s u.k u.n e.u d.c a.m p.m ph.d m.d b.a m.a
    av avda sra sr sres dña dpto pág
    mme mlle m
    """.split()
) | {state.lower() for state in US_STATE_ABBREVIATIONS}  # "Calif." (the lexicon's list adds "Wisc.")

