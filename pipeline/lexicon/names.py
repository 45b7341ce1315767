"""Words around names: honorifics and titles, company legal forms, abbreviations that end a name, minor words.

Origin: written by hand from English news usage; the state abbreviations are the Associated
Press style ones ("Calif.", "Fla."), the legal forms the usual company suffixes of the countries
whose companies make international news.  Lower-case entries are compared case-insensitively.
"""

from __future__ import annotations

#: courtesy titles and the few roles that are written as part of a person's name ("Mr.", "Dr.", "Senator")
HONORIFICS = (
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lord", "lady", "rev", "gen", "col", "capt",
    "sgt", "lt", "sen", "rep", "gov", "pres", "president", "senator", "judge", "justice", "actor", "actress",
    "singer", "chairman", "ceo",
)

#: words that stand before a person's name as a title or a role ("Archbishop", "striker", "analyst");
#: every honorific is one
TITLE_WORDS = (
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "rev", "reverend",
    "fr", "father", "sister", "brother", "gen", "general", "col", "colonel", "capt", "captain", "cmdr", "commander",
    "adm", "admiral", "maj", "major", "sgt", "sergeant", "lt", "lieutenant", "cpl", "corporal",
    "sen", "senator", "rep", "representative", "gov", "governor", "pres", "president", "vice-president", "premier",
    "chancellor", "minister", "secretary", "ambassador", "mayor", "judge", "justice", "king", "queen", "prince",
    "princess", "emperor", "empress", "sheikh", "sheik", "pope", "cardinal", "archbishop", "bishop", "rabbi", "imam",
    "ayatollah", "mullah", "chairman", "chairwoman", "chairperson", "ceo",
    "coach", "manager", "striker", "goalkeeper", "midfielder", "defender", "skipper", "captain", "actor", "actress",
    "singer", "rapper", "officer", "inspector", "detective", "constable", "superintendent", "chief", "deputy",
    "spokesman", "spokeswoman", "dj", "mp", "mep",
    "centre", "center", "winger", "scrum-half", "fly-half", "flanker", "full-back", "fullback", "forward",
    "playmaker", "sweeper", "pitcher", "outfielder", "infielder", "shortstop", "batsman", "bowler", "all-rounder",
    "opener", "spinner", "wicketkeeper", "jockey", "trainer", "cyclist", "sprinter", "swimmer", "boxer",
    "quarterback", "champion", "compatriot", "veteran", "rookie",
    "broker", "analyst", "economist", "trader", "dealer", "strategist", "editor", "reporter", "correspondent",
    "columnist", "lawyer", "attorney", "prosecutor", "historian", "novelist", "director", "founder", "co-founder",
    "leader",
)

#: words that qualify a title ("Prime Minister", "former President", "acting Chief")
TITLE_QUALIFIERS = (
    "prime", "foreign", "finance", "defence", "defense", "interior", "deputy", "vice", "chief", "head", "former",
    "acting", "crown", "grand", "supreme",
)

#: the last word of a company's legal name (lower case, without points: "S.p.A." is "spa")
COMPANY_LEGAL_FORMS = frozenset(
    "inc corp co ltd plc spa ag nv bv gmbh llc llp kk bhd tbk oyj asa ab sarl srl bancorp holdings".split()
)

#: abbreviations that end a name and keep their full stop ("Acme Inc.", "Martin Luther King Jr.")
NAME_ABBREVIATIONS = ("Inc", "Corp", "Co", "Cos", "Ltd", "Plc", "Bros", "Jr", "Sr", "Assn", "Dept", "Intl", "Mt",
                      "Ft", "St")

#: US state abbreviations in AP style ("Calif.", "Fla."), which end a place's name in a dateline
US_STATE_ABBREVIATIONS = (
    "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Ky", "La", "Md", "Mass",
    "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Tenn", "Tex", "Va", "Vt", "Wash", "Wis",
    "Wisc", "Wyo",
)

#: words an organisation's initials skip ("Organisation for Security and Co-operation in Europe" -> OSCE)
MINOR_WORDS = frozenset("of and the for de des du la le del di da der und für in on at to a an & y et".split())

#: honorifics that say the sex of the person they precede ("m" or "f")
GENDERED_HONORIFICS = {"mr": "m", "sir": "m", "lord": "m", "mrs": "f", "ms": "f", "miss": "f", "dame": "f", "lady": "f"}

#: picture and news agencies that sign photo credits ("(Mario Anzuoni/Reuters)", "AP Photo/…",
#: "… /Getty Images for Netflix"): the big wire services and picture libraries, written from general
#: knowledge of how captions are signed (not a complete list: a credit's shape alone also decides,
#: see pipeline/normalise/names/credits.py).  Compared case-insensitively.
PICTURE_AGENCIES = (
    "Reuters", "AP", "Associated Press", "AFP", "Agence France-Presse", "Getty Images", "Getty", "EPA", "EPA-EFE",
    "EFE", "dpa", "ANP", "ANSA", "PA", "PA Images", "PA Wire", "PA Media", "Shutterstock", "Rex", "Rex Features",
    "Alamy", "Bloomberg", "Xinhua", "Kyodo", "Yonhap", "TASS", "Sputnik", "Anadolu", "Anadolu Agency", "UPI",
    "AAP", "Sipa", "Sipa USA", "ZUMA Press", "Zuma", "NurPhoto", "SOPA Images", "LightRocket", "WireImage",
    "FilmMagic", "Invision", "Corbis", "iStock", "iStockphoto", "Unsplash", "Pixabay", "Pexels", "Imago", "Keystone",
    "picture alliance", "Wikimedia Commons", "NASA", "Newscom", "Polaris", "Redux", "Bauer-Griffin", "Splash News",
    "Backgrid", "MEGA", "GC Images", "Bettmann", "Hulton Archive",
)
#: credit words that are no agency and no person ("(Reuters/Handout)", "(AP Photo/Pool)")
CREDIT_NON_NAMES = frozenset("contributor stringer pool handout file staff courtesy photo photos image images".split())
