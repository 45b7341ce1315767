"""The language of an article's text: English unless there is positive evidence of another language or script."""

from __future__ import annotations

import re

from pipeline.lexicon.function_words import ENGLISH_FUNCTION_WORDS, OTHER_FUNCTION_WORDS

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
#: characters outside the Latin script (Latin-1, Latin Extended A/B and Additional): the letters
#: among them are counted (a regex finds the few candidates; a loop over every character was the
#: slowest step of reading a source file)
_NOT_LATIN = re.compile("[^\x00-\u024f\u1e00-\u1eff]")


def detect_language(text: str) -> str:
    """The language of ``text``: ``en`` unless there is positive evidence of another language.

    Only lower-case words count (names, headings and the figures of a results table say nothing
    about the language).  A text whose lower-case words are mostly common English function words
    is English; otherwise the function words of other common languages (``OTHER_FUNCTION_WORDS``)
    are counted too, and the text is that language only when its share is high and beats
    English's.  A text written mostly in a script English does not use (CJK, Cyrillic, Arabic…)
    is ``und``.  Short or word-poor texts (a sports results table: "beat", "metres", "seconds")
    stay English: they have no evidence of anything else.
    """
    sample = text[:20000]
    n_letters = sum(map(str.isalpha, sample))
    if n_letters and sum(1 for c in _NOT_LATIN.findall(sample) if c.isalpha()) > n_letters / 2:
        return "und"
    words = [w for w in _WORD.findall(sample) if w.islower()]
    if len(words) < 20:
        return "en"
    english = sum(w in ENGLISH_FUNCTION_WORDS for w in words) / len(words)
    if english >= 0.12:
        return "en"
    best, best_share = "en", english
    for lang, vocab in OTHER_FUNCTION_WORDS.items():
        share = sum(w in vocab for w in words) / len(words)
        if share >= 0.12 and share > best_share:
            best, best_share = lang, share
    return best

