"""The language of an article's text: English unless there is positive evidence of another language or script.

Two steps.  Most English news says so at once: its lower-case words are full of English function
words and of no other language's, and the text is English without further work.  Any other
text goes to a language identifier, ``py3langid`` (the langid.py naive Bayes model over byte
n-grams, 97 languages, BSD licence, bundled in the wheel: nothing is downloaded), which is taken
at its word only when it is confident.  The earlier test, function-word shares of 17 hand-listed
languages with a fixed threshold, called 33 of the 822 bench web pages English that are Polish,
German, Finnish or Hungarian (menus dilute the share; German shares words with English): those
went through the English NER model.
"""

from __future__ import annotations

import re
import threading
from collections import Counter

from pipeline.lexicon.function_words import ENGLISH_FUNCTION_WORDS, OTHER_FUNCTION_WORDS

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
#: characters outside the Latin script (Latin-1, Latin Extended A/B and Additional): the letters
#: among them are counted (a regex finds the few candidates; a loop over every character was the
#: slowest step of reading a source file)
_NOT_LATIN = re.compile("[^\x00-\u024f\u1e00-\u1eff]")
#: characters of the text the test reads
SAMPLE_CHARS = 20000
#: fewer lower-case words than this: no evidence of anything, the text stays English.  The identifier
#: needs few words: a two-sentence German note has 19, and the identifier's first choice is English for
#: all 187 bench news texts with 8-19 (CoNLL-2003 results tables: "beat", "halftime", "tabulated under")
MIN_WORDS = 8
#: English at once when at least this share of the lower-case words are English function words and
#: at least ``CLEAR_ENGLISH_MARGIN`` times the share of any other listed language's.  On the bench's
#: English news (CoNLL-2003, TempEval-3, PolNeAR: 2,342 texts) the share is 0.12-0.6; the non-English
#: web pages reach 0.27 (German: "in", "an", "so", "was", "will"), always with a German share above it.
CLEAR_ENGLISH_SHARE = 0.25
CLEAR_ENGLISH_MARGIN = 2.0
#: the identifier's normalised probability above which another language is believed.  On the bench web
#: pages its calls are 0.997 or more where they are right (0.90 for a Chinese page of menus and
#: lists); below that: pinyin song lyrics (Nigerian Pidgin, 0.95: not English either), a
#: Papiamento/Spanish page with English menus (0.51) and a German page of fixture lists (Galician,
#: 0.12), which stay English as before.
MIN_CONFIDENCE = 0.9
#: the same for a text mostly in a script English does not use: the script has already ruled English
#: out and the identifier only names the language.  It is right on the bench's 8 such web pages
#: (zh, ja, ar, ru, bn: 0.90-1.0) and gives Chinese news sentences 0.75-0.86 (Han script, which
#: Chinese shares with Japanese kanji).
SCRIPT_MIN_CONFIDENCE = 0.5

_identifier = None
_lock = threading.Lock()


def _identify(words: list[str]) -> tuple[str, float]:
    """(language code, probability) of the identifier for these words; its model is loaded once (0.5 s)."""
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    lang, prob = _identifier.classify(" ".join(words))
    return str(lang), float(prob)


#: each listed function word with the languages it belongs to ("en" among them), for counting every
#: language's share in one pass over the words
_LANGUAGES_OF: dict[str, tuple[str, ...]] = {}
for _lang, _vocab in (("en", ENGLISH_FUNCTION_WORDS), *OTHER_FUNCTION_WORDS.items()):
    for _w in _vocab:
        _LANGUAGES_OF[_w] = (*_LANGUAGES_OF.get(_w, ()), _lang)


def _clearly_english(words: list[str]) -> bool:
    """English function words are at least ``CLEAR_ENGLISH_SHARE`` of ``words`` and at least
    ``CLEAR_ENGLISH_MARGIN`` times any other listed language's."""
    counts: Counter = Counter()
    for langs in filter(None, map(_LANGUAGES_OF.get, words)):
        counts.update(langs)
    english = counts.pop("en", 0)
    return english >= CLEAR_ENGLISH_SHARE * len(words) and english >= CLEAR_ENGLISH_MARGIN * max(counts.values(), default=0)


def detect_language(text: str) -> str:
    """The language of ``text`` (an ISO 639-1 code): ``en`` unless there is positive evidence of another.

    Only lower-case words count (names, headings and the figures of a results table say nothing
    about the language).  A text written mostly in a script English does not use (CJK, Cyrillic,
    Arabic…) is the language the identifier is confident of (``zh``, ``ru``, ``ar``…), else
    ``und``.  Short or word-poor texts (a sports results table: "beat", "metres", "seconds") stay
    English: they have no evidence of anything else.  A text whose lower-case
    words are clearly English function words is English; any other is what the identifier says
    when it is confident (``MIN_CONFIDENCE``), else English.
    """
    sample = text[:SAMPLE_CHARS]
    n_letters = sum(map(str.isalpha, sample))
    if n_letters and sum(1 for c in _NOT_LATIN.findall(sample) if c.isalpha()) > n_letters / 2:
        lang, prob = _identify([sample])
        return lang if lang != "en" and prob >= SCRIPT_MIN_CONFIDENCE else "und"
    words = [w for w in _WORD.findall(sample) if w.islower()]
    if len(words) < MIN_WORDS:
        return "en"
    if _clearly_english(words):
        return "en"
    lang, prob = _identify(words)
    return lang if lang != "en" and prob >= MIN_CONFIDENCE else "en"
