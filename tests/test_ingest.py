"""Ingest: formats, encodings, ids and rejects (pure functions, no model)."""

from __future__ import annotations

import codecs
import json
from datetime import datetime

from pipeline.ingest import (
    FORMATS,
    READERS,
    ArticleRecord,
    Reason,
    Reject,
    article_id_for,
    decode,
    dedupe,
    detect_language,
    parse_source,
    scan,
)

TEXT = "Ashton Kutcher resigned on Thursday.\nThe charity said it was grateful.\n"


def only(items):
    assert len(items) == 1, items
    return items[0]


def test_plain_text_keeps_words_and_normalises_line_endings():
    rec = only(parse_source("a.txt", "txt", TEXT.replace("\n", "\r\n").encode(), 10_000))
    assert isinstance(rec, ArticleRecord)
    assert rec.text == TEXT
    assert rec.encoding == "utf-8"
    assert rec.article_id == article_id_for(TEXT, None)


def test_article_id_depends_on_content_only():
    a = only(parse_source("a.txt", "txt", TEXT.encode(), 10_000))
    b = only(parse_source("other/name.txt", "txt", TEXT.encode(), 10_000))
    c = only(parse_source("a.txt", "txt", (TEXT + "More.").encode(), 10_000))
    assert a.article_id == b.article_id != c.article_id
    assert len(a.article_id) == 16


def test_utf16_with_bom_and_latin1_are_decoded():
    text = "Zoë Saldaña met Kutcher in São Paulo."
    assert decode(codecs.BOM_UTF16_LE + text.encode("utf-16-le")) == (text, "utf-16")
    decoded, enc = decode(text.encode("latin-1"))
    assert decoded == text and enc != "utf-8"


def test_damaged_utf8_keeps_the_good_text():
    data = "Café society in Zürich, ".encode() * 20 + b"\xff\xfe broken" + " more café.".encode()
    text, enc = decode(data)
    assert enc == "utf-8-replaced"
    assert "Zürich" in text and "\ufffd" in text


def test_binary_and_empty_files_are_rejected_with_reasons():
    binary = only(parse_source("x.txt", "txt", bytes(range(256)) * 10, 10_000))
    assert isinstance(binary, Reject) and binary.reason == "binary"
    empty = only(parse_source("e.txt", "txt", b"   \n\t\n", 10_000))
    assert isinstance(empty, Reject) and empty.reason == "empty"


def test_too_long_article_is_refused():
    rej = only(parse_source("big.txt", "txt", b"word " * 5000, 1000))
    assert isinstance(rej, Reject) and rej.reason == "too_large"


def test_jsonl_keeps_text_exactly_and_rejects_bad_lines():
    lines = [
        json.dumps({"id": "a1", "text": "  Exact\r\ntext  ", "title": "T", "published": "2023-09-15", "author": "Ann"}),
        "{not json",
        json.dumps({"id": "a2"}),
        json.dumps({"id": "a3", "text": 42}),
        json.dumps({"id": "a4", "text": "Second article."}),
    ]
    items = parse_source("feed.jsonl", "jsonl", "\n".join(lines).encode(), 10_000)
    recs = [i for i in items if isinstance(i, ArticleRecord)]
    rejects = {i.source_line: i.reason for i in items if isinstance(i, Reject)}
    assert [r.text for r in recs] == ["  Exact\r\ntext  ", "Second article."]
    assert recs[0].published == datetime(2023, 9, 15) and recs[0].published_grain == "day"
    assert recs[0].title == "T" and recs[0].author == "Ann" and recs[0].external_id == "a1"
    assert rejects == {2: "bad_json", 3: "missing_text", 4: "bad_text"}


def test_json_list_and_object():
    items = parse_source("l.json", "json", json.dumps([{"text": "One."}, {"text": "Two."}]).encode(), 10_000)
    assert [i.text for i in items] == ["One.", "Two."]
    item = only(parse_source("o.json", "json", json.dumps({"text": "Solo."}).encode(), 10_000))
    assert item.text == "Solo."


def test_html_main_text_and_metadata():
    html = """<html><head><title>Kutcher resigns | News</title>
    <meta name="author" content="Caden Pearson"><meta property="article:published_time" content="2023-09-15"></head>
    <body><nav><a href="/">Home</a> <a href="/x">Latest Posts</a></nav>
    <article><h1>Kutcher resigns</h1><p>Actor Ashton Kutcher resigned from the board of Thorn on Thursday
    amid criticism of letters he wrote in support of a former co-star.</p>
    <p>The charity thanked him for his work over the past 15 years and said it remains focused on its mission.</p></article>
    <script>alert("x")</script></body></html>"""
    rec = only(parse_source("page.html", "html", html.encode(), 100_000))
    assert isinstance(rec, ArticleRecord)
    assert "resigned from the board of Thorn" in rec.text
    assert "alert" not in rec.text
    assert rec.author == "Caden Pearson"
    assert rec.published == datetime(2023, 9, 15)


def test_duplicates_keep_the_first_by_path():
    a = only(parse_source("b.txt", "txt", TEXT.encode(), 10_000))
    b = only(parse_source("a.txt", "txt", TEXT.encode(), 10_000))
    kept, rejects = dedupe([a, b])
    assert [k.source_path for k in kept] == ["a.txt"]
    assert rejects[0].reason == "duplicate_content" and rejects[0].source_path == "b.txt"


def test_language_detection():
    assert detect_language(TEXT * 5) == "en"
    german = "Der Bundestag hat am Donnerstag das Gesetz beschlossen, das die Regierung vorgelegt hatte, und die Opposition kritisierte es scharf. " * 3
    assert detect_language(german) == "de"
    french = "Le gouvernement a présenté jeudi un projet de loi qui doit être examiné par les députés avant la fin de l'année, et les syndicats ne sont pas d'accord. " * 3
    assert detect_language(french) == "fr"
    chinese = "国务院总理周四在北京主持召开会议，研究部署进一步推动经济发展的政策措施。" * 5
    assert detect_language(chinese) == "zh"
    russian = "Правительство в четверг одобрило законопроект, который теперь будет рассмотрен депутатами. " * 3
    assert detect_language(russian) == "ru"
    assert detect_language("★ ☆ ✦ " + "▒" * 200) == "en"  # symbols are not letters: no evidence of anything


def test_language_of_scraped_pages_whose_menus_dilute_the_text():
    # menus and headings are title case; what is left is the story's lower-case words
    menu = "\n".join(f"* {w}" for w in ("Wiadomości", "Polityka", "Kraj", "Świat", "Sport", "Kultura", "Zaloguj")) + "\n"
    polish = menu + ("Rząd przyjął w czwartek projekt ustawy, który trafi teraz do sejmu, a opozycja zapowiada "
                     "głosowanie przeciw niemu, bo jej zdaniem przepisy są niejasne i szkodliwe dla przedsiębiorców. ") * 3
    assert detect_language(polish) == "pl"
    # German shares "in", "an", "so", "was", "will" with English: a high English share is not enough
    german = ("Es ist schon einige Zeit her, dass ich hier was geschrieben habe, so ging es mir in den letzten Wochen "
              "nicht so gut, aber ich will es wieder versuchen, denn man kann ja nicht immer nur an die Arbeit denken. ") * 3
    assert detect_language(german) == "de"
    # a short note: one sentence is evidence enough for the identifier
    assert detect_language("Hafen wird erweitert\n\nDer Stadtrat hat am Montag die Erweiterung des Hafens beschlossen, "
                           "und die ersten Schiffe sollen dort im Jahr 2027 anlegen.") == "de"
    hungarian = ("A kormány csütörtökön elfogadta a törvényjavaslatot, amelyet most a parlament elé terjesztenek, "
                 "az ellenzék szerint azonban a szabályok homályosak és károsak a vállalkozások számára. ") * 3
    assert detect_language(hungarian) == "hu"


def test_clear_english_does_not_need_the_identifier(monkeypatch):
    from pipeline.ingest import language

    def refuse(words):
        raise AssertionError("the identifier was asked about a clearly English text")

    monkeypatch.setattr(language, "_identify", refuse)
    assert detect_language(TEXT * 5) == "en"


def test_word_poor_english_is_still_english():
    # a results table has few function words, and none of another language: no evidence of anything but English
    rows = [f"{i}. Runner Name{i} ( Country ) {10 + i}.{i:02d} seconds" for i in range(1, 9)]
    table = "Men's 100 metres hurdles results\n" + "\n".join(rows) + "\nWomen's singles , third round\n" + "\n".join(
        f"Player{i} ( Country ) beat Opponent{i} ( Country ) 6-{i % 5} 6-{(i + 2) % 5}" for i in range(12))
    assert detect_language(table) == "en"


def test_scan_flags_links_outside_and_unsupported_files(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a b é.txt").write_text(TEXT)
    (raw / "notes.docx").write_bytes(b"PK")
    outside = tmp_path / "secret.txt"
    outside.write_text("secret")
    (raw / "link.txt").symlink_to(outside)
    found = {s.rel: s for s in scan(raw, 1_000_000)}
    assert found["a b é.txt"].problem is None
    assert found["notes.docx"].problem[0] == "unsupported_format"
    assert found["link.txt"].problem[0] == "outside_raw"


def test_every_format_has_a_reader_and_every_reject_a_named_reason():
    assert set(FORMATS.values()) == set(READERS)
    reasons = {v for k, v in vars(Reason).items() if k.isupper()}
    items = parse_source("x.jsonl", "jsonl", b'{"id": 1}\n{not json\n{"text": 3}\n', 10_000)
    assert {i.reason for i in items if isinstance(i, Reject)} <= reasons
