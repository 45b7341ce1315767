"""The spaCy model: loading it with only the components a run needs, and running it over blocks in bounded batches."""

from __future__ import annotations

from typing import Iterable, Iterator, Sequence

from pipeline.recognise.blocks import BlockRef


def load_nlp(model: str, components: Sequence[str]):
    """Load the spaCy pipeline with only ``components`` (others are excluded, not just disabled)."""
    import spacy

    from pipeline.models import component_names

    names = component_names(model)
    exclude = [c for c in names if c not in components]
    return spacy.load(model, exclude=exclude)


def pipe_batches(nlp, items: Iterable[tuple[str, object]], batch_size: int, batch_chars: int = 50_000) -> Iterator[tuple[object, object]]:
    """``nlp.pipe`` over (text, context) pairs, in order, in batches of at most ``batch_size`` texts
    and about ``batch_chars`` characters: the model's memory grows with the tokens in a batch, so
    a batch of long texts is cut short (memory stays bounded whatever the input)."""
    batch: list[tuple[str, object]] = []
    size = 0
    for item in items:
        batch.append(item)
        size += len(item[0])
        if len(batch) >= batch_size or size >= batch_chars:
            yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))
            batch, size = [], 0
    if batch:
        yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))


def run_components(nlp, items: Iterable[tuple[str, object]], components: Sequence[str], batch_size: int = 64,
                   batch_chars: int = 50_000) -> Iterator[tuple[object, object]]:
    """:func:`pipe_batches` with only ``components`` enabled."""
    with nlp.select_pipes(enable=list(components)):
        yield from pipe_batches(nlp, items, batch_size, batch_chars)


def run_ner(nlp, items: Iterable[tuple[str, BlockRef]], batch_size: int, batch_chars: int = 50_000) -> Iterator[tuple[object, BlockRef]]:
    """The NER model alone over (block text, ref) pairs (``ner`` has its own embedding layer: the
    parser and its ``tok2vec`` are not run here, see :mod:`pipeline.recognise.parse`)."""
    yield from run_components(nlp, items, ("ner",), batch_size, batch_chars)
