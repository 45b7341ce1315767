"""Currencies: their names, signs and codes (as data), the currency markers in a span, and which number a marker belongs to.

Origin of the table: ISO 4217 codes and the usual English names and signs of currencies in
international news; the dollar and pound families resolve to the article's home currency.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from pipeline.normalise.quantities.units import alternation

if TYPE_CHECKING:
    from pipeline.normalise.quantities.scanner import Num

_DOLLAR_ISO = frozenset(
    "USD AUD CAD NZD SGD HKD TWD JMD TTD BZD BSD BBD BMD FJD GYD LRD NAD SBD SRD XCD KYD ZWL "
    "BND".split()
)
_POUND_ISO = frozenset("GBP EGP LBP SYP SDG SSP FKP GIP SHP".split())

#: surface form -> ISO code, "$" (dollar family), "£" (pound family), "?" (ambiguous name)
CURRENCY_ALIASES: dict[str, str] = {}
#: minor units: surface form -> (family or ISO, fraction of the major unit)
_MINOR_ALIASES: dict[str, tuple[str, float]] = {}


def _cur(target: str, *forms: str) -> None:
    """Register ``forms`` as surface forms of the currency ``target``."""
    for f in forms:
        CURRENCY_ALIASES[f] = target


def _minor(target: str, factor: float, *forms: str) -> None:
    """Register ``forms`` as a minor unit of ``target`` worth ``factor`` of it."""
    for f in forms:
        _MINOR_ALIASES[f] = (target, factor)


_cur("$", "$", "dollar", "dollars", "buck", "bucks", "grand")
_cur("USD", "usd", "us$", "us $", "u.s.$", "us dollar", "us dollars", "u.s. dollar",
     "u.s. dollars", "american dollars")
_cur("AUD", "aud", "a$", "au$", "aus$", "australian dollar", "australian dollars")
_cur("CAD", "cad", "c$", "ca$", "can$", "canadian dollar", "canadian dollars")
_cur("NZD", "nzd", "nz$", "new zealand dollar", "new zealand dollars")
_cur("HKD", "hkd", "hk$", "hong kong dollar", "hong kong dollars")
_cur("SGD", "sgd", "s$", "singapore dollar", "singapore dollars")
_cur("TWD", "twd", "nt$", "taiwan dollar", "taiwan dollars", "new taiwan dollars")
_cur("JMD", "jmd", "j$", "jamaican dollar", "jamaican dollars")
_cur("TTD", "ttd", "tt$", "trinidad and tobago dollars")
_cur("ZWL", "zimbabwe dollars", "zimbabwean dollars")
_cur("EUR", "€", "eur", "euro", "euros", "€ur", "eur.")
_cur("£", "£", "pound", "pounds", "quid", "pound sterling", "pounds sterling")
_cur("GBP", "gbp", "sterling", "british pound", "british pounds", "uk£")
_cur("EGP", "egp", "egyptian pound", "egyptian pounds", "egyptianpound", "egyptianpounds",
     "le", "l.e", "l.e.", "geneh", "genihat", "genihat masriya", "egp.")
_cur("LBP", "lbp", "lebanese pound", "lebanese pounds", "lebanesepound", "lira lubnaniya")
_cur("SYP", "syp", "syrian pound", "syrian pounds")
_cur("JPY", "jpy", "¥", "yen", "円")
_cur("CNY", "cny", "rmb", "yuan", "renminbi", "元")
_cur("INR", "inr", "₹", "rs", "rs.", "rupee", "rupees", "indian rupee", "indian rupees")
_cur("PKR", "pkr", "pakistani rupee", "pakistani rupees", "pakistan rupees")
_cur("LKR", "lkr", "sri lankan rupee", "sri lankan rupees")
_cur("NPR", "npr", "nepalese rupee", "nepalese rupees", "nepali rupees")
_cur("MYR", "myr", "rm", "ringgit", "ringgits", "malaysia ringgit", "malaysia ringgits",
     "malaysian ringgit", "malaysian ringgits")
_cur("ILS", "ils", "nis", "₪", "shekel", "shekels", "sheqel", "sheqels", "new shekels",
     "new israeli shekels")
_cur("KWD", "kwd", "kuwaiti dinar", "kuwaiti dinars", "kd")
_cur("IQD", "iqd", "iraqi dinar", "iraqi dinars")
_cur("JOD", "jod", "jordanian dinar", "jordanian dinars")
_cur("BHD", "bhd", "bahraini dinar", "bahraini dinars")
_cur("DZD", "dzd", "algerian dinar", "algerian dinars")
_cur("TND", "tnd", "tunisian dinar", "tunisian dinars")
_cur("LYD", "lyd", "libyan dinar", "libyan dinars")
_cur("RSD", "rsd", "serbian dinar", "serbian dinars")
_cur("SAR", "sar", "saudi riyal", "saudi riyals", "saudiriyal", "saudiriyals", "sr")
_cur("QAR", "qar", "qatari riyal", "qatari riyals", "qataririyal", "qr")
_cur("IRR", "irr", "iranian rial", "iranian rials", "iranianrial")
_cur("OMR", "omr", "omani rial", "omani rials")
_cur("YER", "yer", "yemeni rial", "yemeni rials")
_cur("AED", "aed", "dirham", "dirhams", "dhs", "uae dirham", "uae dirhams", "emirati dirhams")
_cur("MAD", "mad", "moroccan dirham", "moroccan dirhams")
_cur("BGN", "bgn", "lev", "leva", "bulgarian lev")
_cur("MNT", "mnt", "₮", "tugrik", "tugriks", "tögrög", "tughrik", "tughriks")
_cur("UAH", "uah", "₴", "hryvnia", "hryvnias", "hryvnya", "hryvnyas", "grivna", "grivnas")
_cur("RUB", "rub", "₽", "rouble", "roubles", "ruble", "rubles")
_cur("BRL", "brl", "r$", "real", "reais", "brazilian real", "brazilian reais")
_cur("ZAR", "zar", "rand", "rands", "south african rand")
_cur("NGN", "ngn", "₦", "naira", "nairas")
_cur("GHS", "ghs", "gh₵", "₵", "cedi", "cedis")
_cur("KES", "kes", "ksh", "kshs", "kenyan shilling", "kenyan shillings")
_cur("UGX", "ugx", "ush", "ugandan shilling", "ugandan shillings")
_cur("TZS", "tzs", "tsh", "tanzanian shilling", "tanzanian shillings")
_cur("ETB", "etb", "birr", "birrs")
_cur("TRY", "₺", "lira", "liras", "turkish lira", "turkish liras", "tl")
_cur("KRW", "krw", "₩", "won", "korean won", "south korean won")
_cur("KPW", "kpw", "north korean won")
_cur("PHP", "₱", "philippine peso", "philippine pesos")
_cur("MXN", "mxn", "mex$", "mexican peso", "mexican pesos")
_cur("ARS", "ars", "argentine peso", "argentine pesos", "argentinian pesos")
_cur("CLP", "clp", "chilean peso", "chilean pesos")
_cur("COP", "cop", "colombian peso", "colombian pesos")
_cur("CHF", "chf", "swiss franc", "swiss francs", "sfr", "fr.")
_cur("XOF", "xof", "cfa franc", "cfa francs", "cfa")
_cur("SEK", "sek", "swedish krona", "swedish kronor", "kronor", "krona")
_cur("NOK", "nok", "norwegian krone", "norwegian kroner")
_cur("DKK", "dkk", "danish krone", "danish kroner")
_cur("ISK", "isk", "icelandic krona", "icelandic kronur")
_cur("PLN", "pln", "zloty", "zlotys", "zlotych", "zł")
_cur("CZK", "czk", "koruna", "korunas", "czech crowns", "kč")
_cur("HUF", "huf", "forint", "forints")
_cur("RON", "ron", "lei", "romanian lei")
_cur("THB", "thb", "฿", "baht")
_cur("IDR", "idr", "rupiah", "rupiahs", "rp")
_cur("VND", "vnd", "₫", "dong", "vietnamese dong")
_cur("BDT", "bdt", "৳", "taka", "takas")
_cur("AFN", "afn", "afghani", "afghanis")
_cur("KZT", "kzt", "₸", "tenge")
_cur("GEL", "gel", "₾", "lari")
_cur("AMD", "amd", "dram", "drams")
_cur("AZN", "azn", "₼", "manat", "manats")
_cur("ZMW", "zmw", "zambian kwacha")
_cur("MWK", "mwk", "malawian kwacha")
_cur("XBT", "bitcoin", "bitcoins", "btc", "₿")
_cur("?", "dinar", "dinars", "riyal", "riyals", "rial", "rials", "peso", "pesos", "shilling",
     "shillings", "krone", "kroner", "franc", "francs", "kwacha")
_minor("$", 0.01, "cent", "cents", "c", "¢", "penny", "pennies", "c.")
_minor("$", 0.05, "nickel", "nickels")
_minor("$", 0.10, "dime", "dimes")
_minor("$", 0.25, "quarter", "quarters")
_minor("£", 0.01, "pence", "p", "pennies")
_minor("MYR", 0.01, "sen", "sens")
_minor("UAH", 0.01, "kopiyka", "kopiykas", "kopiyok", "kopeck", "kopecks", "kopek", "kopeks")
_minor("INR", 0.01, "paise", "paisa")
_minor("EUR", 0.01, "eurocent", "eurocents", "euro cent", "euro cents")
_minor("?", 0.01, "centavo", "centavos", "centime", "centimes", "fils", "halala", "halalas")

#: ISO codes recognised when written in capitals in the original text ("42 KWD", "USD3.14")
_ISO_CODES = frozenset(
    {v for v in CURRENCY_ALIASES.values() if len(v) == 3}
    | set("MOP BOB PEN UYU PYG VES DOP GTQ HNL NIO CRC CUP MUR SCR MVR MMK KHR LAK BTN MGA "
          "XAF RWF BIF SOS SZL LSL BWP ALL MKD BAM MDL BYN TJS TMT UZS KGS ISK HRK".split())
)
_ISO_RE = re.compile(r"(?<![A-Za-z])(" + "|".join(sorted(_ISO_CODES)) + r")(?![A-Za-z])")
_CURRENCY_WORD_RE = re.compile(
    r"(?<![a-z])(" + alternation(list(CURRENCY_ALIASES) + list(_MINOR_ALIASES)) + r")(?![a-z])"
)
ARTICLE_CURRENCY_RE = re.compile(
    r"\s+(?:" + alternation(list(CURRENCY_ALIASES) + list(_MINOR_ALIASES)) + r")(?![a-z0-9])(?!\s*[\d.])"
)
CONTEXT_CURRENCY_RE = re.compile(
    r"(?<![a-z])(" + alternation([f for f in CURRENCY_ALIASES if not f.isalpha() or len(f) <= 4])
    + r")\s*$"
)



class CurrencyHit(NamedTuple):
    target: str
    minor: float  # 1.0 for a major unit, else the fraction (cent = 0.01)
    start: int
    end: int


def currency_hits(low: str, orig: str, coins: bool) -> list[CurrencyHit]:
    hits: list[CurrencyHit] = []
    for m in _CURRENCY_WORD_RE.finditer(low):
        f = m.group(1)
        if f in CURRENCY_ALIASES:
            target = CURRENCY_ALIASES[f]
            if f in ("le", "rs", "rm", "sr", "qr", "kd", "tl", "rp", "lev", "lei", "real", "won",
                     "dong", "rand", "lari", "dram", "cfa", "sar", "mad", "gel", "amd", "all",
                     "cop", "ron") and len(f) <= 4:
                # short or common-word forms count only next to a number
                before = low[: m.start()].rstrip()
                after = low[m.end():].lstrip()
                if not (before[-1:].isdigit() or after[:1].isdigit() or after[:1] == "."):
                    continue
            hits.append(CurrencyHit(target, 1.0, m.start(1), m.end(1)))
        else:
            target, factor = _MINOR_ALIASES[f]
            if f in ("quarter", "quarters", "nickel", "nickels", "dime", "dimes") and not coins:
                continue
            if f in ("c", "p", "c.") and not low[: m.start()].rstrip()[-1:].isdigit():
                continue
            hits.append(CurrencyHit(target, factor, m.start(1), m.end(1)))
    for m in _ISO_RE.finditer(orig):
        hits.append(CurrencyHit(m.group(1), 1.0, m.start(1), m.end(1)))
    hits.sort(key=lambda h: (h.start, -h.end))
    # drop hits nested in a longer one ("us$" vs "$")
    out: list[CurrencyHit] = []
    for h in hits:
        if out and h.start < out[-1].end:
            if h.end - h.start > out[-1].end - out[-1].start:
                out[-1] = h
            continue
        out.append(h)
    return out


def resolve_currency(target: str, local: str | None) -> str | None:
    if target == "$":
        return local if local in _DOLLAR_ISO else "USD"
    if target == "£":
        return local if local in _POUND_ISO else "GBP"
    if target == "?":
        return None
    return target


def currency_near(hits: list[CurrencyHit], num: Num, low: str) -> CurrencyHit | None:
    """The currency marker that belongs to num: adjacent before it, else the first after it."""
    best: CurrencyHit | None = None
    best_d = 10 ** 9
    for h in hits:
        if h.end <= num.start:
            d = len(low[h.end:num.start].strip()) * 10 + (num.start - h.end)
            if d > 30:
                continue
        elif h.start >= num.end:
            d = h.start - num.end
        else:
            continue
        if d < best_d:
            best, best_d = h, d
    return best
