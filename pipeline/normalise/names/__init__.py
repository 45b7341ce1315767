"""Names: one label and one canonical name per person or organisation in an article, and the cross-article entity ids.

:func:`resolve_names` runs the name rules over one article's mentions, in this order:

1. spans (:mod:`.spans`): no leading "the" or title, an abbreviation keeps its period, no number,
   lower-case word or punctuation at either end, a span over two names is split ("Kilmarnock 1
   Celtic"), spans shaped like a person refined ("K." -> "K. Curran", "American Dennis
   Mitchell"), an event's name cut at "of" joined;
2. layout (:mod:`.layout`, rules for wire copy and results pages): datelines, topic slugs,
   result lines, standings rows, competitors with their country, lists of people, bracketed
   abbreviations; and the layout of scraped pages: photo credits (:mod:`.credits`), headlines
   and other lines in title case or in capitals read against the body (:mod:`.titles`);
3. how the article writes a name (:mod:`.context`): a duration written as a title ("48 Hours")
   is a programme, a capitalised common noun ("the Board" beside "board members") is no name;
4. document-level labels (:mod:`.labels`): the article's majority label, a person's full name,
   organisation cues, the words around the name's occurrences (:mod:`.context`: "Spotlight, a
   software program", "at Tequila Cowboy in Nashville"), sides in results, company legal forms;
5. propagation (:mod:`.propagate`): a recognised name added where the model missed it;
6. names and ids (:mod:`.entities`): a person named by one word gets the full name the article
   uses; ``entity_id`` comes from the label kind and the case-folded canonical name, so the same
   person gets the same id in every article.

Every rule is registered in ``NAME_RULES`` (:mod:`.registry`) with examples; a mention a rule
added or relabelled names it in ``Mention.rule``, and :func:`pipeline.normalise.rules.counting`
counts the firings.  To add a rule: write it in its step's module, register it with examples,
and call it from that step.
"""

from __future__ import annotations

from pipeline.normalise.names.entities import (
    ENTITY_LABELS,
    aggregate_entities,
    clean_name,
    entity_contributions,
    entity_id_for,
    name_entities,
    name_key,
    pick_display_name,
)
from pipeline.normalise.names.context import drop_capitalised_common_nouns, titles_shaped_like_durations
from pipeline.normalise.names.credits import credit_labels
from pipeline.normalise.names.labels import harmonise_labels
from pipeline.normalise.names.layout import abbreviates, layout_labels
from pipeline.normalise.names.propagate import propagate_mentions
from pipeline.normalise.names.registry import NAME_RULES
from pipeline.normalise.names.spans import tidy_mentions, tidy_span
from pipeline.normalise.names.titles import read_title_case_lines, title_case_lines
from pipeline.recognise import Mention, SentenceIndex

__all__ = [
    "ENTITY_LABELS", "NAME_RULES", "abbreviates", "aggregate_entities", "clean_name", "entity_contributions",
    "entity_id_for", "harmonise_labels", "layout_labels", "name_key", "pick_display_name", "propagate_mentions",
    "resolve_names", "tidy_mentions", "tidy_span",
]


def resolve_names(mentions: list[Mention], text: str = "", blocks=None, sentences=None) -> None:
    """Tidy, relabel, complete and name the name mentions of one article (in place).

    ``text`` is the article text; ``blocks`` the article's ``segments`` rows and ``sentences`` its
    ``sentences`` rows, both optional.  The steps are those of the module docstring.  Without
    ``text`` only labels and names are set.  Mentions stay sorted by offset.
    """
    if text:
        tidy_mentions(mentions, text)
    index = SentenceIndex.from_rows(sentences) if sentences else None
    fixed = layout_labels(mentions, text, blocks, index) if text else set()
    if text:
        fixed |= credit_labels(mentions, text, blocks, index)
        lines, casing = title_case_lines(text, blocks, mentions)
        titles_shaped_like_durations(mentions, lines)
        read_title_case_lines(mentions, text, blocks, index, fixed, (lines, casing))
        drop_capitalised_common_nouns(mentions, text, casing, fixed)
    harmonise_labels(mentions, text, fixed)
    if text:
        propagate_mentions(mentions, text, blocks, index, fixed)
        mentions.sort(key=lambda m: (m.char_start, m.char_end))
    name_entities(mentions)
