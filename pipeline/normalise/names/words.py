"""Word lists the name rules read: the head nouns that say what kind of thing a name is, making verbs.

Origin: written by hand for this project from general knowledge of English (head nouns from how
news copy introduces people, companies, products, venues, places and events: "Spotlight, a
software program", "the nonprofit Thorn", "at Tequila Cowboy, a bar in Nashville").  None is derived from a benchmark.  Lower case; a plural is found
by :func:`singular`.  The closed-class words are shared: ``pipeline.lexicon.function_words``.
"""

from __future__ import annotations

import functools

from pipeline.lexicon.function_words import ENGLISH_CLOSED_CLASS_WORDS as FUNCTION_WORDS  # noqa: F401 (read here)

#: head nouns by the label of the name they describe ("X, a software program", "the nonprofit X")
HEAD_NOUNS: dict[str, frozenset[str]] = {
    "PRODUCT": frozenset("""
        software program programme app application tool platform device gadget phone smartphone handset tablet
        laptop computer chip processor console game videogame drug medicine vaccine pill vehicle car truck
        aircraft plane jet helicopter rifle missile weapon browser database algorithm chatbot product
        website toolkit
    """.split()),
    "ORG": frozenset("""
        organisation organization nonprofit non-profit charity company firm group foundation agency startup
        start-up corporation institute association union bank ministry university college party council committee
        board network retailer manufacturer publisher newspaper broadcaster channel studio label airline
        maker insurer lender subsidiary unit division conglomerate cooperative co-operative club team
        band outlet magazine regulator authority department commission coalition alliance movement church school
        hospital think-tank trust fund chain
    """.split()),
    "PERSON": frozenset("""
        actor actress singer rapper musician comedian writer author novelist poet director producer journalist
        reporter photographer artist painter designer model dancer chef lawyer attorney judge politician senator
        congressman congresswoman lawmaker diplomat ambassador minister governor mayor president businessman
        businesswoman entrepreneur investor billionaire millionaire executive founder co-founder chairman
        chairwoman ceo spokesman spokeswoman spokesperson scientist researcher professor doctor nurse teacher
        student activist advocate campaigner philanthropist father mother son daughter brother sister husband
        wife widow uncle aunt grandfather grandmother boy girl man woman teenager resident citizen native
        soldier officer detective pilot priest bishop pastor rabbi imam monk nun
    """.split()),
    "FAC": frozenset("""
        bar pub restaurant cafe café nightclub venue hotel motel casino stadium arena theatre theater cinema
        museum gallery airport station bridge tower building mall store shop prison jail palace castle
        cathedral temple mosque synagogue park zoo highway motorway tunnel dam port harbour harbor
    """.split()),
    "GPE": frozenset("city town village country state province county region capital suburb district nation".split()),
    "LOC": frozenset("river lake mountain island sea ocean valley desert peninsula coast bay".split()),
    "EVENT": frozenset("""
        ceremony festival gala premiere summit conference convention awards tournament championship championships
        cup marathon race parade concert fair expo exhibition war battle election
    """.split()),
}
#: nouns that describe people and teams alike ("X, the defending champion"): no evidence of a person
NOT_ONLY_PERSONS = frozenset("champion champions winner winners leader leaders holder holders side".split())

#: verbs whose object is a made thing, not a person ("Thorn built Spotlight")
MAKING_VERBS = frozenset("""
built builds build developed develops develop designed designs design launched launches launch created creates
create manufactured manufactures manufacture unveiled unveils unveil coded codes programmed
""".split())
#: verbs whose subject, when followed by a product noun, is a maker ("Thorn makes software")
MAKER_VERBS = frozenset("makes made builds built develops developed sells manufactures produces designs designed".split())


def singular(word: str) -> str:
    """A plural noun's singular, roughly ("companies" → "company", "apps" → "app"); other words unchanged."""
    w = word.lower()
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


@functools.lru_cache(maxsize=1 << 16)  # a pure function of a word, asked about every word near every name
def head_class(word: str) -> str | None:
    """The label a head noun gives the name it describes (None: not a head noun of the lists)."""
    w = word.lower().strip(".,;:!?\"'’“”")
    for form in (w, singular(w)):
        for label, nouns in HEAD_NOUNS.items():
            if form in nouns:
                return label
    return None
