"""Word lists the segmenter reads (function words, month names, by-words, page-furniture words, abbreviations).

Kept here, apart from the code, until the lead merges them into ``pipeline.lexicon``: they are
small, multilingual and general (not site-specific).  The regular expressions built from them
(``MONTH_RE``, ``BY_WORDS``) are here too.
"""

from __future__ import annotations

import re

#: function words of common European languages (function-word density is a prose signal)
STOPWORDS = frozenset(
    """
    a about after all also an and any are as at be because been but by can could did do does
    for from had has have he her his how i if in into is it its just more most my no not of on
    one only or other our out over she so some than that the their them then there these they
    this those to up was we were what when where which while who will with would you your
    der die das den dem des ein eine einer eines einem einen und oder aber auch auf aus bei bis
    durch für gegen mit nach ohne über um unter von vor zu zum zur ist sind war waren wird werden
    wurde wurden hat haben hatte nicht noch nur sich sie er es wir ihr ich man dass daß wie wenn
    als im am an in so sehr schon dann doch mehr kann können diese dieser dieses auch beim vom
    le la les un une des du de et ou mais dans sur pour par avec sans est sont été être avoir
    il elle ils elles nous vous qui que quoi dont où ce cette ces au aux pas plus ne se sa son
    el los las del al y o pero en con sin por para es son fue ser ha han lo que como más su sus
    una unos unas este esta esto ese esa se le les no muy ya también entre sobre hasta cuando
    il lo gli i della delle dei degli e ma nel nella con per tra fra è sono che non più suo sua
    o os as da do das dos em na no nas nos um uma é são foi com por para não mais seu sua
    het een en van op te dat die niet met voor zijn aan er maar ook als bij uit dan nog wel
    i w z na do nie się że jest to jak od po przez oraz ale czy są był była było dla jego jej
    och att det som för med på av är inte til og er på av som ikke jeg
    """.split()
)

#: month names and abbreviations in several languages → month number
MONTHS: dict[str, int] = {}
for _num, _names in enumerate(
    [
        "january jan januar janvier janv enero ene gennaio genn janeiro januari stycznia styczeń styczen tammikuuta jänner jän",
        "february feb febr februar février fevrier févr fevr febrero febbraio fevereiro fev februari lutego luty helmikuuta",
        "march mar märz maerz mär mars marzo março marco maart marca marzec maaliskuuta",
        "april apr avril avr abril abr aprile aprilie kwietnia kwiecień kwiecien huhtikuuta",
        "may mai mayo maggio mag maio mei maja maj toukokuuta",
        "june jun juni juin junio giugno giu junho czerwca czerwiec kesäkuuta",
        "july jul juli juillet juil julio luglio lug julho lipca lipiec heinäkuuta",
        "august aug août aout agosto ago augustus sierpnia sierpień sierpien elokuuta",
        "september sep sept septembre septiembre settembre set setembro setiembre września wrzesien wrzesień syyskuuta",
        "october oct okt oktober octobre octubre ottobre ott outubro out października pazdziernika październik lokakuuta",
        "november nov novembre noviembre novembro listopada listopad marraskuuta",
        "december dec dez dezember décembre decembre déc diciembre dic dicembre dezembro grudnia grudzień grudzien joulukuuta",
    ],
    start=1,
):
    for _n in _names.split():
        MONTHS[_n] = _num
for _num, _n in enumerate("января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split(), 1):
    MONTHS[_n] = _num
#: regex alternation of every month word, longest first
MONTH_RE = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))

# words that introduce an author, in several languages (matched case-insensitively)
BY_WORDS = (
    r"by|written by|posted by|words by|story by|reporting by|von|autor(?:in)?|author|verfasst von|"
    r"geschrieben von|erstellt von|text|texte|par|auteur|por|autor|di|door|przez|redakteur(?:in)?|"
    r"reporter|interview|fotos?|text (?:&|und|and) fotos?"
)

#: second-person words (addressing the reader: notices, teasers)
SECOND_PERSON = frozenset(
    "you your yours yourself du dich dir dein deine deinen deinem deiner ihr euch euer eure sie ihnen ihre "
    "vous votre vos tu te toi ton ta tes usted ustedes tu tus su sus voi vostro vostra tuo tua jij je jou jouw "
    "u uw ty ciebie cię tobie twój twoja wy was wasz".split()
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
    ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont
    neb nev okla ore pa tenn tex va vt wash wis wyo
    u.s u.k u.n e.u d.c a.m p.m ph.d m.d b.a m.a
    av avda sra sr sres dña dpto pág
    mme mlle m
    """.split()
)

#: very common English words (the share of English on a page, for reading 03/05/2022)
EN_WORDS = frozenset("the and of to is was with that for on are this from have has".split())
