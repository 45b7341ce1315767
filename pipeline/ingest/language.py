"""The language of an article's text: English unless there is positive evidence of another language or script."""

from __future__ import annotations

import re

from pipeline.lexicon.function_words import ENGLISH_FUNCTION_WORDS, OTHER_FUNCTION_WORDS

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


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
    letters = [c for c in sample if c.isalpha()]
    if letters and sum(1 for c in letters if _foreign_script(c)) > len(letters) / 2:
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


def _foreign_script(c: str) -> bool:
    """True for a letter outside the Latin script (Latin-1, Latin Extended A/B and Additional)."""
    o = ord(c)
    return o > 0x24F and not 0x1E00 <= o <= 0x1EFF
