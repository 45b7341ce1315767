"""Shared word lists and the one number-word parser: data every stage may read (imports nothing above it).

- :mod:`pipeline.lexicon.calendar_words`: month and weekday names, their abbreviations and patterns;
- :mod:`pipeline.lexicon.numbers`: number words, scales, fractions, ordinals and :func:`parse_number`;
- :mod:`pipeline.lexicon.names`: honorifics and titles, company legal forms, abbreviations that end
  a name (US states, "Inc", "Jr"), the minor words of a name.

Every list here was written by hand for this project from general knowledge of English (and AP
style for the state abbreviations); none is derived from a benchmark.  A list used by one stage
only stays with that stage; a list two stages share lives here, once.
"""
