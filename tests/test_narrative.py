"""The narrative reference: an anaphoric date ("the following month", "that day") is placed against
the last suitable date mentioned earlier in the article, across blocks; deictic ones against the
publication date."""

from __future__ import annotations

import re
from datetime import datetime

from pipeline.normalise import date_rows
from pipeline.normalise.dates import normalise_date
from pipeline.normalise.dates.narrative import Narrative, anaphor_grain
from pipeline.recognise.mentions import Mention

PUBLISHED = datetime(2021, 11, 19)  # a Friday


def _rows(blocks: list[str]) -> dict[str, str]:
    """date_rows over an article made of ``blocks`` (one per paragraph), with every [bracketed]
    phrase a DATE mention: phrase -> value."""
    text, spans, offsets = "", [], {}
    for i, block in enumerate(blocks):
        start = len(text)
        for m in re.finditer(r"\[([^\]]+)\]", block):
            spans.append((f"b{i}", m.group(1)))
        plain = block.replace("[", "").replace("]", "")
        text += plain + "\n\n"
        offsets[f"b{i}"] = (start, start + len(plain))
    mentions, cursor = [], {k: v[0] for k, v in offsets.items()}
    for seg, phrase in spans:
        s = text.index(phrase, cursor[seg])
        cursor[seg] = s + len(phrase)
        mentions.append(Mention.create("a1", seg, "body", None, s, s + len(phrase), text, "DATE", "model"))
    mentions.reverse()  # date_rows reads them in text order whatever order they come in
    return {r["text"]: r["value"] for r in date_rows("a1", text, mentions, offsets, PUBLISHED, "meta")}


def test_anaphors_take_the_story_date_across_blocks():
    got = _rows(["The mill closed in [May 2019].",
                 "[The following month], the workers formed a cooperative.",
                 "They voted on [March 3, 2020]. [Later that day] the board resigned."])
    assert got["The following month"] == "2019-06"
    assert got["Later that day"] == "2020-03-03"


def test_deictic_expressions_keep_the_publication_date():
    got = _rows(["The mill closed in [May 2019].",
                 "Its owner said [yesterday] that a buyer was found [last week].",
                 "A vote is due [next month]."])
    assert got["yesterday"] == "2021-11-18"
    assert got["last week"] == "2021-W45"
    assert got["next month"] == "2021-12"


def test_an_anaphor_needs_a_date_fine_enough():
    # a year does not say which day "that day" is: the publication date stays the reference
    got = _rows(["The fair opened in [1998].", "Crowds came [that day]."])
    assert got["that day"] == "2021-11-19"
    # but it says which year "that year" is, even in another block
    got = _rows(["The fair opened on [June 2, 1998].", "It closed early [that year]."])
    assert got["that year"] == "1998"


def test_a_bare_clock_time_is_no_reference():
    got = _rows(["The talks began on [April 4, 2016].", "At [9 a.m.] a deal was near.",
                 "[That day] it was signed."])
    assert got["That day"] == "2016-04-04"


def test_a_bare_clock_time_falls_on_the_story_day():
    # a time of day names no day: it is the day the story last named, in whichever block
    got = _rows(["The bombs went off on [Aug. 7, 1998].", "The first exploded at [10:30 a.m.]."])
    assert got["10:30 a.m."] == "1998-08-07T10:30"
    got = _rows(["The vote was held [Tuesday].", "Polls closed at [8 p.m. EST]."])
    assert got["8 p.m. EST"] == "2021-11-16T20:00"
    # with no day named before it, the publication day as before; a time with its day keeps it
    got = _rows(["Polls close at [8 p.m.]."])
    assert got["8 p.m."] == "2021-11-19T20:00"
    got = _rows(["The fair opened on [June 2, 1998].", "It shuts at [noon tomorrow]."])
    assert got["noon tomorrow"] == "2021-11-20T12:00"


def test_a_part_of_the_day_alone_falls_on_the_story_day():
    got = _rows(["The storm hit on [Oct. 3, 2020].", "By [the afternoon] the river had risen."])
    assert got["the afternoon"] == "2020-10-03TAF"
    # "this morning" is today's (deictic)
    got = _rows(["The storm hit on [Oct. 3, 2020].", "The river fell [this morning]."])
    assert got["this morning"] == "2021-11-19TMO"


def test_anaphor_grains():
    assert anaphor_grain("that day") == "day"
    assert anaphor_grain("later that same day") == "day"
    assert anaphor_grain("the next morning") == "day"
    assert anaphor_grain("the following tuesday") == "day"
    assert anaphor_grain("the previous week") == "week"
    assert anaphor_grain("earlier that month") == "month"
    for clock in ("10 p.m", "at 6:30 a.m. edt", "noon", "around midnight", "9 o'clock", "the afternoon",
                  "in the early morning", "mid-afternoon"):
        assert anaphor_grain(clock) == "day", clock
    for deictic in ("today", "next month", "the next month", "last week", "this year", "the day",
                    "10 p.m. tuesday", "noon tomorrow", "8 hours", "this morning", "tomorrow evening",
                    "overnight"):
        assert anaphor_grain(deictic) is None, deictic


def test_without_references_the_anchor_is_used():
    text = "The following month, prices fell."
    v = normalise_date(text, 0, 19, PUBLISHED, refs={})
    assert v.value == "2021-12"
    story = Narrative()
    story.see(normalise_date("in July 2004", 3, 12, PUBLISHED))
    assert normalise_date(text, 0, 19, PUBLISHED, refs=story.refs()).value == "2004-08"
