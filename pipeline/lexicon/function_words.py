"""Function words: the small closed-class words whose share of a text says what language it is in
and whether a block is prose.  Written from general knowledge of these languages (articles,
pronouns, prepositions, auxiliaries), not from any benchmark.

The lists differ on purpose, each tuned to its own use: ``PROSE_FUNCTION_WORDS`` feeds the
segmenter's function-word density (its trained weights were fitted on this exact list);
``ENGLISH_FUNCTION_WORDS`` and ``OTHER_FUNCTION_WORDS`` tell a text's language at ingest (the other
languages' lists leave out every word that is also English); ``COMMON_ENGLISH_WORDS`` is the
handful the date picker counts to tell an English page (month/day order);
``ENGLISH_CLOSED_CLASS_WORDS`` is the full closed class the name rules read (a title-case line's
"While", "A", "Of" are no names).
"""

from __future__ import annotations

#: function words of common European languages (function-word density is a prose signal)
PROSE_FUNCTION_WORDS = frozenset(
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

#: second-person words (addressing the reader: notices, teasers)
SECOND_PERSON_WORDS = frozenset(
    "you your yours yourself du dich dir dein deine deinen deinem deiner ihr euch euer eure sie ihnen ihre "
    "vous votre vos tu te toi ton ta tes usted ustedes tu tus su sus voi vostro vostra tuo tua jij je jou jouw "
    "u uw ty ciebie cię tobie twój twoja wy was wasz".split()
)


#: common English function words (and "said"): their share of a text's lower-case words says English
ENGLISH_FUNCTION_WORDS = frozenset(
    """a about after all also an and any are as at be been but by can could did do for from had has
    have he her his how i if in into is it its just more most my no not of on one or our out over
    said she so some than that the their them then there these they this to up was we were what when
    which who will with would you""".split()
)

#: the commonest function words of other languages that use the Latin script (words that are
#: also English, like "in", "on", "die", are left out: they are evidence of nothing, and so are one-letter
#: words, which tokenised English is full of: "s" of "Men 's", "o" of "o'clock")
OTHER_FUNCTION_WORDS = {
    lang: frozenset(w for w in words.split() if len(w) > 1) - ENGLISH_FUNCTION_WORDS
    for lang, words in {
        "de": "der die das den dem des ein eine einer eines einem einen und oder aber auch auf aus bei bis durch für "
              "gegen mit nach ohne über um unter von vor zu zum zur ist sind war waren wird werden wurde hat haben "
              "nicht noch nur sich sie er es wir ich dass wie wenn als im am sehr schon dann doch kann diese",
        "fr": "le la les un une des du de et ou mais dans sur pour par avec sans est sont été être il elle ils elles "
              "nous vous qui que dont où ce cette ces au aux pas plus ne se sa son ses leur",
        "es": "el la los las del al y o pero en con sin por para es son fue ser ha han lo que como más su sus una "
              "unos unas este esta esto ese esa se le les muy ya también entre sobre hasta cuando",
        "it": "il lo la gli le della delle dei degli di del e ed ma nel nella con per tra fra è sono che non più suo "
              "sua un una uno anche come questo questa alla alle",
        "pt": "o os as da do das dos em na nas nos um uma é são foi com por para não mais seu sua que de e se ao "
              "também pelo pela",
        "nl": "het een en van op te dat die niet met voor zijn aan er maar ook als bij uit dan nog wel de is werd "
              "wordt naar door over hij zij",
        "pl": "w z na do nie się że jest to jak od po przez oraz ale czy są był była było dla jego jej i tak już",
        "sv": "och att det som för med på av är inte till den har de ett en om var men från vid",
        "da": "og at det som for med på af er ikke til den har de et en om var men fra ved",
        "no": "og at det som for med på av er ikke til den har de et en om var men fra ved jeg",
        "fi": "ja on ei se että oli ovat mutta kun niin myös joka tai ole hän sen mitä",
        "tr": "ve bir bu da de için ile olarak çok daha gibi ama olan en ne kadar sonra",
        "id": "dan yang di ke dari untuk dengan ini itu tidak ada pada akan juga dalam oleh",
        "ro": "și în la de cu pe că nu este sunt fost pentru din care mai un o ale al",
        "cs": "a v na se že je to s z do o jako ale pro jsou by byl bylo jeho",
        "vi": "và của là có trong được cho không các những với này một người đã",
    }.items()
}

#: very common English words (the share of English on a page, for reading 03/05/2022)
COMMON_ENGLISH_WORDS = frozenset("the and of to is was with that for on are this from have has".split())

#: English closed-class words (prepositions, conjunctions, determiners, pronouns, auxiliaries,
#: particles), the fuller list the name rules read: capitalised inside a name only by a title-case
#: line ("… Breaks Down While Giving A …")
ENGLISH_CLOSED_CLASS_WORDS = frozenset("""
a about above across after against ago along amid amidst among amongst an and any are around as at be because
been before behind being below beneath beside besides between beyond both but by can could despite did do does
doing down during each either even ever every few for from had has have having he her here hers him his how i if
in inside into is it its just less like may me might more most much must my near neither never no nor not now of
off on once one only onto or our out outside over past per since so some such than that the their them then there
these they this those though through throughout till to too toward towards under underneath unless unlike until
up upon us via was we were what whatever when where whether which while who whom whose why will with within
without would yet you your
""".split())
