"""Bytes → text: binary detection, encoding detection (BOM, UTF-8, damaged UTF-8, Windows-1252, charset-normalizer)."""

from __future__ import annotations

import codecs


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text in any encoding we read (NULs, many control bytes)."""
    head = data[:65536]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return False
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return control > max(8, len(head) // 100)


def decode(data: bytes) -> tuple[str, str]:
    """Bytes → (text, encoding name). Raises ValueError when no encoding gives sensible text.

    A BOM wins; then strict UTF-8; then UTF-8 with a handful of bad bytes replaced (a damaged
    UTF-8 file); then Windows-1252; then charset-normalizer's best guess.
    """
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise ValueError(f"file starts with a {enc} byte-order mark but does not decode: {exc}") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    if bad <= max(3, len(text) // 1000) and multibyte >= bad:
        return text, "utf-8-replaced"
    # Windows-1252 (a superset of Latin-1) is by far the commonest legacy encoding of English
    # news; take it when it decodes without control characters, else ask charset-normalizer.
    try:
        legacy = data.decode("cp1252")
        if not any(0x80 <= ord(c) <= 0x9F for c in legacy):
            return legacy, "cp1252"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # imported lazily: only damaged files need it

    best = from_bytes(data).best()
    if best is None:
        raise ValueError("no text encoding fits these bytes")
    return str(best), best.encoding


def clean_text(text: str) -> str:
    """Plain-text normalisation that keeps the words: line endings → ``\\n``, NULs dropped."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
