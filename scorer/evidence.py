"""Stage 2: attributions, hedges and unattributed assertions in the body sentences.

Attributions are found by rules over tokens and the shipped lexicons:

1. "according to X" and "citing X" (the source follows the cue);
2. reporting verbs in any inflection with the source before them ("X said", "X, the role, said",
   "X told Y") or after them (``"...," said X``), extended by "in a statement" and the like;
3. stance verbs ("believes", "wants") only with a person or group subject and a clause after;
4. document verbs ("the report shows", "records found") with a document subject;
5. impersonal phrases ("it was reported", "it is widely believed") with no source;
6. a colon before a quotation, after a source ("Lopez: "...").

Sources are typed from the lexicons (anonymity heads and markers, vague groups, document nouns,
organisation words, titles, given names); pronouns and surnames are resolved to the most recent
compatible mention. A quotation with no cue of its own that follows an attributed sentence is in
that attribution's scope. A sentence the rules leave unattributed is still attributed when the
trained sentence classifier (:mod:`scorer.learned`) reads it as reporting someone's words.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache

from . import lexicon
from .learned import CueModel, SentenceModel, load_cue_model, load_sentence_model, load_stance_model, sentence_features
from .segment import Segmented
from .types import Assertion, Attribution, Evidence, Hedge, Source, Span

Token = tuple[str, int, int]

DETERMINERS = frozenset(
    "the a an some many several two three four five six seven eight nine ten dozens "
    "hundreds thousands other another one all most few his her its their our this these those "
    "both each every more no any".split()
)
PRONOUNS_PERSON = {"he": "m", "she": "f", "him": "m", "her": "f", "i": "?", "we": "pl", "they": "pl", "you": "?"}
_PRONOUNS = ("he", "she", "they", "it", "we", "i", "who", "you")
# A subject pronoun, also when contracted with its verb ("he’s hoping", "they're saying"), mapped
# to the pronoun itself.
PRONOUN_BASE = {p + sfx: p for p in _PRONOUNS for sfx in ("", "’s", "'s", "’re", "'re", "’ve", "'ve", "’ll", "'ll", "’d", "'d", "’m", "'m")}
PRONOUN_WORDS = frozenset(PRONOUN_BASE)
# Back-references to an organisation ("the company said").
ORG_BACKREFS = frozenset(
    "company firm agency department ministry group campaign party government council committee "
    "organization organisation union club board bank court police office administration "
    "team network commission authority".split()
)
BOUNDARY_WORDS = frozenset(
    "and but or nor that which when while because after before as if since although though so "
    "than where whom whose whether until unless once whereas yet also then what".split()
)
ADVERBS_BEFORE_CUE = frozenset(
    "also later previously repeatedly recently then now publicly privately once again further "
    "earlier first initially separately subsequently frequently often has have had will would "
    "was were is are did does do had been already even still has reportedly "
    "allegedly apparently however though too meanwhile quickly long never always since".split()
)
AUXILIARIES = frozenset("has have had will would was were is are did does do been".split())
CUE_EXTENSIONS = frozenset(
    "statement interview letter post tweet email e-mail report filing speech release "
    "briefing testimony conference memo op-ed column video message".split()
)
TIME_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight "
    "morning afternoon evening night week".split()
)
LINKING_PREP = frozenset({"of", "for", "at", "in", "on", "with", "to", "from", "by", "'s", "’s", "-", "&"})
OPEN_QUOTES = frozenset({"“", '"', "‘", "«", "``", "''"})
CLOSE_QUOTES = frozenset({"”", '"', "’", "»", "''", "'"})
# Forms whose noun reading is common: a cue only with a clear subject right before it.
NOUN_LIKE = frozenset(
    "report reports claim claims call calls post posts question questions answer answers record "
    "records list lists show shows find finds note notes quote quotes estimate estimates forecast "
    "forecasts promise promises demand demands request requests plan plans support supports hope "
    "hopes fear fears tweet tweets text texts signal signals comment comments remark remarks "
    "detail details order orders state states counter charge charges document documents review "
    "warning denial testimony read reads need order hail protest protests release project projects "
    "welcome concern concerns doubt doubts advise praise blame blames defend outline outlines "
    "continue continues welcome welcomes question".split()
)
# Past participles that, after "was/were", make a passive with the subject as recipient.
PASSIVE_RECIPIENT = frozenset({"told", "asked", "informed", "urged", "advised", "warned", "called", "accused", "criticized",
                               "criticised", "praised", "blamed", "quoted", "cited", "named", "described", "known",
                               "expected", "reported", "shown", "found", "charged"})
MAX_NP_TOKENS = 12
# A pronoun looks back over at most this many mentions (an article's people are rarely further
# back than that; the cap keeps resolution linear in article length).
MAX_RESOLVE_BACK = 60
# An apposition ("Jo Diaz, the mayor of Lark County, said") longer than this is taken for a clause.
MAX_APPOSITION_TOKENS = 16
# Sentences shorter than this many words are not counted as unattributed assertions
# (fragments such as "No injuries." or "Not yet." state too little to need a source).
MIN_ASSERTION_WORDS = 5


def _is_cap(tok: str) -> bool:
    c = tok[:1]
    return c.isupper() or (len(tok) > 1 and not c.isdigit() and tok.isupper())


@dataclass
class _Mention:
    name: str
    type: str
    gender: str  # "m", "f", "?" or "pl"
    key: str  # grouping key for distinct sources


class _Article:
    """Mutable per-article state: the mention history used for resolution."""

    def __init__(self) -> None:
        self.mentions: list[_Mention] = []

    def remember(self, m: _Mention) -> None:
        self.mentions.append(m)

    def recall(self, surname: str) -> _Mention | None:
        """The most recent person known by ``surname``, moved to the front of the history."""
        for m in reversed(self.mentions[-MAX_RESOLVE_BACK:]):
            if m.type == "named_person" and m.key == surname:
                self.remember(m)
                return m
        return None

    def resolve(self, pronoun: str) -> _Mention | None:
        want = PRONOUNS_PERSON.get(pronoun, "?")
        if want in ("m", "f"):
            # A named person of that gender is preferred to a more recent unnamed one whose
            # gender is unknown ("Ruiz ... a neighbour said ... she said": Ruiz).
            for m in reversed(self.mentions[-MAX_RESOLVE_BACK:]):
                if m.type == "named_person" and m.gender == want:
                    return m
                if m.type == "anonymous" and m.gender == want:
                    return m
        for m in reversed(self.mentions[-MAX_RESOLVE_BACK:]):
            if pronoun in ("it", "its") or pronoun in ORG_BACKREFS:
                if m.type == "named_organization" or (pronoun in ORG_BACKREFS and m.type == "document"):
                    return m
                continue
            if want in ("m", "f"):
                if m.type == "named_person" and m.gender in (want, "?"):
                    return m
                if m.type == "anonymous" and m.gender != "pl":
                    return m
                continue
            if want == "pl":
                if m.gender == "pl" or m.type == "named_organization":
                    return m
                continue
            if m.type in ("named_person", "anonymous"):
                return m
        return None


def _gender(words: list[str]) -> str:
    low = [w.lower().rstrip(".") for w in words]
    if any(w in ("mr", "sir", "lord", "king", "prince", "father", "congressman", "chairman", "councilman", "spokesman") for w in low):
        return "m"
    if any(w in ("mrs", "ms", "miss", "dame", "lady", "queen", "princess", "sister", "congresswoman", "chairwoman", "councilwoman", "spokeswoman") for w in low):
        return "f"
    for w in low:
        if w in lexicon.words("female_names.txt"):
            return "f"
        if w in lexicon.words("male_names.txt"):
            return "m"
    return "?"


@lru_cache(maxsize=1)
def _source_nouns() -> frozenset[str]:
    """Lower-case nouns that can head or extend a source ("Pentagon officials", "Trump campaign")."""
    return (lexicon.words("anonymous.txt") | lexicon.words("vague.txt") | lexicon.words("documents.txt")
            | lexicon.words("organizations.txt") | lexicon.words("titles.txt"))


@lru_cache(maxsize=1)
def _marker_strings() -> tuple[str, ...]:
    """Anonymity markers as space-padded strings, to find them inside a padded phrase."""
    return tuple(f" {' '.join(p)} " for p in lexicon.phrases("anonymous_markers.txt"))


@lru_cache(maxsize=1)
def _name_starts() -> frozenset[str]:
    """Words that open a person's name: given names and courtesy titles (with and without period)."""
    return _given_names() | frozenset({"mr", "mrs", "ms", "dr", "mr.", "mrs.", "ms.", "dr."})


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    return lexicon.words("female_names.txt") | lexicon.words("male_names.txt")


_HEAD_PREPS = frozenset({"of", "by", "from", "for", "at", "in", "with", "on"})


def classify_source(words: list[str]) -> str:
    """The source type of a noun phrase given as its words (pronouns excluded).

    A parenthetical ("Rep. Ana Ruiz (D-Ore.)") is left out.
    """
    if "(" in words:
        kept, depth = [], 0
        for w in words:
            if w == "(":
                depth += 1
            elif w == ")":
                depth = max(0, depth - 1)
            elif not depth:
                kept.append(w)
        words = kept or words
    return _classify(tuple(words))


# Bounded so that memory stays flat over a long batch run (typing a phrase costs ~20 µs).
@lru_cache(maxsize=8192)
def _classify(words: tuple[str, ...]) -> str:
    """Cached body of :func:`classify_source`.

    The head is the last word before the first preposition ("an audit by the comptroller" is
    headed by "audit"), unless that word is capitalised ("Ministry of Health").
    """
    low = [w.lower() for w in words]
    has_given_name = any(_is_cap(w) and w.lower() in _given_names() for w in words)
    for k, w in enumerate(low):
        if w in _HEAD_PREPS and k > 0:
            pre = [x for x in low[:k] if x not in DETERMINERS]
            if pre and _is_cap(words[k - 1]) and _classify(words[:k]) == "named_person" and any(
                _is_cap(x) and x.lower() in _given_names() for x in words[:k]
            ):
                return "named_person"  # "Robert Antonacci of the New York delegation"
            if pre and not _is_cap(words[k - 1]):
                for h in pre:
                    if h in lexicon.words("documents.txt"):
                        return "document"
                    if h == pre[-1] and h in lexicon.words("titles.txt") and len(h) > 3 and not has_given_name:
                        return "anonymous"  # "the ambassador at the time": a role without a name
                    if h in lexicon.words("anonymous.txt") and not has_given_name:
                        return "anonymous"
                    if h in lexicon.words("vague.txt") and not has_given_name:
                        return "vague"
            break
    lowset = set(low)
    joined = " " + " ".join(low) + " "
    content = [w for w in words if w.lower() not in DETERMINERS and w not in ("'s", "’s")]
    if not content:
        return "unresolved"
    head = content[-1].lower()
    caps = [w for w in content if _is_cap(w) and w.lower() not in lexicon.words("titles.txt")]
    orgw = lexicon.words("organizations.txt")
    has_org = any(
        (w.lower() in orgw and (len(w) > 3 or w.isupper()) and _is_cap(w)) or (w.isupper() and len(w) >= 2 and w.isalpha())
        for w in content
    )
    anon_heads = lexicon.words("anonymous.txt")
    if (head in lexicon.words("documents.txt") and (not _is_cap(content[-1]) or (len(content) == 1 and head not in lexicon.words("organizations.txt")))) or (
        len(content) > 1 and content[-2].lower() in lexicon.words("documents.txt") and head in ("said", "shows")
    ):
        return "document"  # a capitalised "Post" or "Journal" is a newspaper, not a document
    marker = any(m in joined for m in _marker_strings())
    if head in _FRACTIONS:
        return "vague"  # "a third", "a majority": a share of a population
    before_prep = low[: next((k for k, w in enumerate(low) if w in _HEAD_PREPS and k > 0), len(low))]
    if low[0] in ("a", "an", "another") and not has_given_name and not any(
        low[k].rstrip(".") in lexicon.words("titles.txt") and _is_cap(words[k + 1]) for k in range(len(words) - 1)
    ) and head not in lexicon.words("organizations.txt") and (any(_person_noun(w) for w in before_prep[1:]) or _is_cap(words[-1])):
        return "anonymous"  # "a New Hampshire Republican", "a columnist for Pando": one unnamed person
    if (head in anon_heads and head not in lexicon.words("vague.txt")) or (head in anon_heads and marker):
        # "Pentagon spokesman John Reyes" would have a capitalised head; here the head is the role.
        return "anonymous"
    if head in lexicon.words("vague.txt") or (lowset & {"critics", "experts", "observers"}):
        return "vague" if not marker else "anonymous"
    if head in anon_heads:
        return "anonymous"
    titles = lexicon.words("titles.txt")
    person_signal = has_given_name or any(
        low[k].rstrip(".") in titles and _is_cap(words[k + 1]) and words[k + 1].lower() not in orgw and not words[k + 1].isupper()
        for k in range(len(words) - 1)
    )
    if has_org and not person_signal:
        return "named_organization"
    if caps and _is_cap(content[-1]):
        return "named_person"
    possessive_name = _is_cap(words[0]) and len(low) >= 2 and (low[0].endswith(("'s", "’s")) or low[1] in ("'s", "’s"))
    if head in orgw and (low[0] == "the" or possessive_name):
        return "named_organization"  # "the transit authority", "Trump's campaign": an identifiable organisation
    if head in lexicon.words("titles.txt") and len(head) > 3:
        return "anonymous"  # "the mayor", "a senior commander": a role without a name
    if has_org:
        return "named_organization"
    if marker:
        return "anonymous"
    if head in ("others", "some", "many"):
        return "vague"
    return "unresolved"


class _Sentence:
    __slots__ = ("idx", "toks", "low", "start", "end", "inside", "quote_state", "content_end", "opened_inside")

    def __init__(self, idx: int, toks: tuple[Token, ...], start: int, end: int, quote_state: tuple[int, bool] = (0, False)) -> None:
        self.idx = idx
        self.opened_inside = quote_state[0] > 0 or quote_state[1]  # it starts inside a quotation
        self.toks = toks
        self.low = [t[0].lower() for t in toks]
        self.start = start
        self.end = end
        self.inside, self.quote_state = _inside_quotes(toks, quote_state, self.low)
        # Where the sentence's words end (before its final punctuation mark).
        self.content_end = toks[-1][1] if toks and not toks[-1][0][0].isalnum() else (toks[-1][2] if toks else end)


def _np_left(s: _Sentence, i: int) -> tuple[int, int] | None:
    """The noun phrase ending at token ``i`` (inclusive), as a token range, or None."""
    if i < 0:
        return None
    toks, low = s.toks, s.low
    if low[i] in PRONOUN_WORDS:
        return i, i
    j = i
    n = 0
    lower_run = 0
    paren = None  # the parenthetical skipped after a name, if any
    while j >= 0 and n < MAX_NP_TOKENS:
        t, lw = toks[j][0], low[j]
        if t == ")" and j > 0 and paren is None:
            k = j - 1
            while k >= 0 and toks[k][0] != "(" and j - k < 20:
                k -= 1
            if k >= 1 and toks[k][0] == "(" and _is_cap(toks[k - 1][0]):
                paren = (k, j)
                j = k - 1  # skip a parenthetical "(D-Ga.)" after a name
                n += 1
                continue
            break
        if lw in BOUNDARY_WORDS or (not t[0].isalnum() and t not in ("'s", "’s", "-", "&", "%")):
            break
        if lw in PRONOUN_WORDS and j != i:
            break
        if lw in lexicon.cue_forms() and j != i and not _is_cap(t) and not (j > 0 and low[j - 1] in DETERMINERS):
            break
        if not _is_cap(t) and lw not in DETERMINERS and lw not in LINKING_PREP:
            lower_run += 1
            if lower_run > 4:
                break
        j -= 1
        n += 1
    start = j + 1
    # Trim leading prepositions and "to" that cannot start a noun phrase.
    while start <= i and low[start] in LINKING_PREP:
        start += 1
    # Keep the last determiner-initial chunk when a longer stretch was collected
    # (but not inside "X of the Y" / "a report by the Z").
    for k in range(i, start - 1, -1):
        if paren is not None and paren[0] <= k <= paren[1]:
            continue
        if low[k] in DETERMINERS and k > start and not _is_cap(toks[k - 1][0]) and low[k - 1] not in LINKING_PREP:
            start = k
            break
    if start > i:
        return None
    return start, i


def _names_source(words: list[str]) -> bool:
    """Whether a noun phrase can be a source: a lone pronoun, or a phrase with a source type."""
    return (len(words) == 1 and words[0].lower() in PRONOUN_WORDS) or classify_source(words) != "unresolved"


def _first_np_end(s: _Sentence) -> int:
    """Index of the last token of the run of capitalised words or pronoun that opens a sentence."""
    j = 0
    while j + 1 < len(s.toks) and (_is_cap(s.toks[j + 1][0]) or s.low[j + 1] in ("'s", "’s")) and s.toks[j + 1][0][0].isalnum():
        j += 1
    return j


_TIME_PREPS = frozenset({"on", "in", "at", "during", "after", "before"})
_MONTHS = frozenset("january february march april may june july august september october november december "
                    "jan feb mar apr jun jul aug sep sept oct nov dec".split())
_POSSESSIVE_DETS = frozenset({"his", "her", "their", "its", "my", "our", "your"})


def _np_right(s: _Sentence, i: int) -> tuple[int, int] | None:
    """The noun phrase starting at token ``i``, as a token range, or None."""
    toks, low = s.toks, s.low
    if i >= len(toks):
        return None
    j = i
    lower_run = 0
    while j < len(toks) and j - i < MAX_NP_TOKENS:
        t, lw = toks[j][0], low[j]
        if lw in BOUNDARY_WORDS and j > i:
            break
        if not t[0].isalnum() and t not in ("'s", "’s", "-", "&"):
            break
        if j > i and lw in lexicon.cue_forms() and not _is_cap(t) and low[j - 1] not in DETERMINERS and not (
                lw in NOUN_LIKE and lw.endswith("s") and low[j - 1].isalpha() and not _is_cap(toks[j - 1][0]) and low[j - 1] not in BOUNDARY_WORDS):
            break  # a verb ends the phrase; a plural noun after a noun does not ("press reports")
        if lw in PRONOUN_WORDS and j > i:
            break
        if lw in AUXILIARIES and j > i:
            break
        if j > i and lw in _TIME_PREPS and j + 1 < len(toks) and (
                low[j + 1] in TIME_WORDS or low[j + 1] in _MONTHS or low[j + 1] in _POSSESSIVE_DETS or low[j + 1][0].isdigit()):
            break  # "said Lopez on Monday", "said Trump in his speech": the phrase ends before the adjunct
        if not _is_cap(t) and lw not in DETERMINERS and lw not in LINKING_PREP:
            if j > i and all(_is_cap(x[0]) for x in toks[i:j]) and lw not in _source_nouns():
                break  # a proper name ends where other lower-case words begin ("McConnell was ...")
            lower_run += 1
            if lower_run > 4 or (j > i and low[j - 1] not in DETERMINERS and lower_run > 2):
                break
        j += 1
    end = j - 1
    while end >= i and low[end] in LINKING_PREP:
        end -= 1
    if end < i:
        return None
    return i, end


def _apposition_right(s: _Sentence, k: int, at_start: bool = False) -> int | None:
    """If tokens from ``k`` are ", the role of Z," return the index of the last token before the closing comma."""
    toks, low = s.toks, s.low
    if k >= len(toks) or toks[k][0] != ",":
        return None
    if k + 1 >= len(toks):
        return None
    first = low[k + 1]
    if not (first in DETERMINERS or first in lexicon.words("titles.txt") or _is_cap(toks[k + 1][0])):
        return None
    j = k + 1
    while j < len(toks) and toks[j][0] not in (",", ".", ";", "—", "–", ":") and j - k <= MAX_APPOSITION_TOKENS:
        if toks[j][0] in OPEN_QUOTES or toks[j][0] in CLOSE_QUOTES:
            return None
        j += 1
    if at_start:
        # "According to X, the role, CONTENT": only a short chunk closed by a comma.
        return j - 1 if j < len(toks) - 1 and toks[j][0] == "," and j - k <= MAX_APPOSITION_TOKENS // 2 else None
    if j >= len(toks) - 1 or toks[j][0] == ",":
        return j - 1
    return None


_DASHES = frozenset({"—", "―", "–", "--"})
# Nouns of opinion polls: "in the polls", "in a new survey" credit what follows to the poll.
_POLL_HEADS = frozenset({"poll", "polls", "survey", "surveys", "polling"})

# Verbs whose subject may be a document ("the report shows"), and those of them that only a
# document takes as subject (a person who "finds" or "suggests" is a cue too).
_DOCUMENT_LEMMAS = frozenset("show find reveal indicate suggest conclude estimate read list detail outline "
                             "record document project identify note".split())
_DOCUMENT_ONLY_LEMMAS = _DOCUMENT_LEMMAS - {"find", "note", "conclude", "estimate", "reveal", "suggest", "indicate"}

# Capitalised labels that end in a colon but name no speaker.
_NOT_SPEAKERS = frozenset("update note editor editors watch listen read related correction photo image video "
                          "source sources credit breaking exclusive warning advertisement q a the latest live "
                          "analysis opinion review timeline explainer contributing remember reporting wow look revealed "
                          "busted so twitter facebook instagram youtube email contact follow tags topics plus yes no "
                          "ok okay well oh hey finally next meanwhile result results bottom line".split())

# Words that open an introductory phrase before the subject.
_INTRO_WORDS = frozenset("in on at after before during when while since as with without by for from "
                         "earlier later last speaking asked addressing writing".split())

def _short_np(words: list[str]) -> bool:
    """A short "the/a + noun" phrase ("the owner", "the ad"): a speaker left unnamed or a back-reference."""
    return words[0].lower() in ("the", "a", "an") and len(words) <= 4


def _unnamed_person_np(words: list[str]) -> bool:
    """A short "the/a + noun" phrase naming a person ("the owner", "a bystander"): a specific person left unnamed."""
    return _short_np(words) and _person_noun(words[-1].lower())


_PERSON_SUFFIXES = ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "man", "men", "ee", "ees")


@lru_cache(maxsize=1)
def _people_nouns() -> frozenset[str]:
    """Source nouns that name people: the source lexicons without documents and organisations."""
    return _source_nouns() - lexicon.words("documents.txt") - lexicon.words("organizations.txt")


@lru_cache(maxsize=4096)
def _person_noun(word: str) -> bool:
    """Whether a lower-case noun names a person by role or description ("owner", "nominee")."""
    if word in lexicon.words("person_nouns.txt") or word in _people_nouns():
        return True
    return len(word) > 4 and word.endswith(_PERSON_SUFFIXES) and word not in lexicon.words("not_person_nouns.txt")


# The verbs that report speech almost whenever they follow a noun phrase: any plain noun phrase
# before them is taken as the speaker ("nine in 10 said", "callers asked", "another said").
_STRONG_SPEECH = frozenset("say tell add write".split())
_NOT_SPEAKER_HEADS = frozenset("it this that which what there here who whom whose something nothing everything "
                               "anything time year years day days week weeks month months can cannot could should "
                               "must may might shall".split())


# Words that cannot open the clause or object a thinking/wanting verb reports ("wants in",
# "thinks about", "hopes for").
_NOT_STANCE_OBJECTS = frozenset("in on for about of with up out off over at by from into as so".split())


def _stance_object(word: str) -> bool:
    """Whether the word after a thinking/wanting verb can open what is thought or wanted."""
    return word.isalpha() and word not in _NOT_STANCE_OBJECTS and word not in AUXILIARIES


# Words ending in -ly that are not adverbs.
_NOT_ADVERBS = frozenset("family assembly supply reply rally ally italy july bully anomaly monopoly butterfly homily "
                         "melancholy jelly belly lily holly folly".split())
# Irregular past tenses that can follow a clause's subject ("The president left no doubt").
_COMMON_PAST = frozenset("left made took gave went came sent put got set began spent kept held won lost met ran saw".split())
_FRACTIONS = frozenset("third thirds half quarter majority minority plurality fifth".split())
_BE_FORMS = frozenset("is are was were be been being".split())  # before a participle: passive, a hedge
_STANDALONE_QUANTIFIERS = frozenset("another one some many several most few both others".split())
_GROUP_OPENERS = frozenset("those these many some most few several all both".split())
_REFLEXIVES = frozenset("himself herself themselves itself myself ourselves".split())


def _nominal_ing(low: list[str], i: int) -> bool:
    """An -ing word inside a noun phrase, after a determiner and a modifier ("a creative writing
    professor", "the annual polling season")."""
    if not low[i].endswith("ing") or i < 2 or i + 1 >= len(low) or low[i - 2] not in DETERMINERS:
        return False
    mod, head = low[i - 1], low[i + 1]
    if (not (mod.isalpha() and head.isalpha()) or head in DETERMINERS or head in _POSSESSIVE_DETS or head in PRONOUN_WORDS
            or head in ("that", "to", "whether", "how", "why", "what", "about")):
        return False  # "a report defending the plan", "a statement saying that": a verb after a noun
    return (mod not in AUXILIARIES and mod not in ADVERBS_BEFORE_CUE and not mod.endswith("ly") and mod not in _BE_FORMS
            and mod not in CUE_EXTENSIONS and not _person_noun(mod) and mod not in _source_nouns())


_NEGATORS = frozenset({"not", "n't", "never", "cannot"})


_VERB_CONTEXTS = frozenset({"other", "first", "participle", "passive"})
_NEGATIVE_SUBJECTS = frozenset({"no", "nobody", "none", "neither", "nothing", "no-one"})
_NEIGHBOURS = ((-2, "p2"), (-1, "p1"), (1, "n1"), (2, "n2"))


def _cue_context(low: list[str], i: int) -> str:
    """How a cue word sits in its clause: negated, an infinitive, after a determiner or a
    possessive (a noun), after a form of "be" (passive), an -ing word after a noun, first, other."""
    lw = low[i]
    prev = low[i - 1] if i > 0 else ""
    if prev in _NEGATORS or (i > 1 and low[i - 2] in _NEGATORS):
        return "negated"
    if prev == "to":
        return "infinitive"
    if prev in DETERMINERS:
        return "determiner"
    if prev.endswith(("'s", "’s", "s’", "s'")) and prev not in PRONOUN_WORDS:
        return "possessive"
    if prev in _BE_FORMS or (prev.endswith("ly") and i > 1 and low[i - 2] in _BE_FORMS):
        return "passive"
    if lw.endswith("ing") and prev not in (",", "and", "but"):
        return "participle"
    return "first" if i == 0 else "other"


# One-word openers that are no one's name, though capitalised at the start of a sentence.
_OPENERS = ADVERBS_BEFORE_CUE | _NOT_SPEAKERS | _NOT_SPEAKER_HEADS | DETERMINERS | frozenset(
    "together overall instead indeed thus yet but and or so now today here there".split())


# Participles whose passive credits the view to no one named: "X is expected / believed / said to"
# (unlike "X is convinced", "X is determined", where X holds the view).
_IMPERSONAL_PASSIVES = frozenset("expected believed thought said rumored rumoured reported understood known considered "
                                 "seen supposed alleged estimated predicted projected tipped viewed regarded".split())


def _stance_subject(words: list[str], typ: str) -> bool:
    """Whether a subject found before a stance word can hold the stance: not a sentence opener
    ("However", "Now", "That"), and, when untyped, a plain noun phrase that names a person or a
    group when it is one word ("superdelegates")."""
    w = words[0].lower()
    if len(words) == 1 and (w in _OPENERS or w.endswith("ly")):
        return False
    if typ != "unresolved":
        return True
    if not _plain_np(words):
        return False
    return len(words) > 1 or _person_noun(w) or (w.endswith("s") and not w.endswith("ss"))


# The stance tagger's features that depend on a word's place in its sentence, in this order.
_STANCE_CONTEXT_KINDS = ("ctx", "pos", "wn", "wp", "p2", "p1", "n1", "n2", "p2s", "p1s", "n1s", "n2s")
_ZEROS = (0.0,) * len(_STANCE_CONTEXT_KINDS)


def _stance_context(low: list[str], toks: tuple[Token, ...], k: int, n: int) -> tuple[str | None, ...]:
    """The values of :data:`_STANCE_CONTEXT_KINDS` for the word at ``k``: how it sits in its
    clause, where it stands, the word pairs it forms, its neighbours and their shapes (None past
    the sentence's ends)."""
    w = low[k]
    p2, p1, s2, s1 = (low[k - 2], low[k - 1], _shape(toks[k - 2][0]), _shape(toks[k - 1][0])) if k > 1 else (
        ("<>", low[0], None, _shape(toks[0][0])) if k == 1 else ("<>", "<>", None, None))
    n1, n2, t1, t2 = (low[k + 1], low[k + 2], _shape(toks[k + 1][0]), _shape(toks[k + 2][0])) if k + 2 < n else (
        (low[k + 1], "<>", _shape(toks[k + 1][0]), None) if k + 1 < n else ("<>", "<>", None, None))
    return (_cue_context(low, k), str(min(k, 4)), w + " " + (n1 if k + 1 < n else "$"), (p1 if k > 0 else "^") + " " + w,
            p2, p1, n1, n2, s2, s1, t1, t2)


def _shape(tok: str) -> str:
    """C capitalised, l lower case, d digit, p punctuation."""
    c = tok[0]
    return "C" if c.isupper() else ("l" if c.isalpha() else ("d" if c.isdigit() else "p"))


def _title_case(s: _Sentence) -> bool:
    """A headline-style sentence ("Mayor Says Pier Will Reopen"): most of its words capitalised."""
    words = [t[0] for t in s.toks if t[0][0].isalpha()]
    return len(words) >= 4 and sum(1 for w in words if w[0].isupper()) >= 0.8 * len(words)


def _typing_words(words: list[str]) -> list[str]:
    """The part of a source phrase that names it: before an apposition (comma or dash), without a
    trailing relative pronoun ("64 percent who") or reflexive ("Ford itself")."""
    for k, w in enumerate(words):
        if k > 0 and (w == "," or w in _DASHES or w == "-" or (w == "and" and all(_is_cap(x) for x in words[:k]))):
            words = words[:k]  # an apposition, or the first of coordinated names ("Trump and other Republicans")
            break
    if len(words) > 1 and words[-1].lower() in ("who", "which"):
        words = words[:-1]
    if len(words) > 1 and words[-1].lower() in _REFLEXIVES | {"there", "here"}:
        words = words[:-1]  # "Ford itself", "Polls there"
    if len(words) > 2 and words[-1].lower() in TIME_WORDS and words[-2].lower() not in LINKING_PREP and words[0].lower() in DETERMINERS:
        words = words[:-1]  # "a statement Wednesday"
    return words


def _plain_np(words: list[str]) -> bool:
    """A short noun phrase headed by a word that can name a speaker."""
    head = words[-1].lower()
    if len(words) == 1 and head in _STANDALONE_QUANTIFIERS:
        return True  # "Another said", "Many said"
    if head == "%" or (len(words) >= 3 and words[-2].lower() == "in" and (head.isdigit() or head in DETERMINERS)):
        return len(words) <= 8  # "42% say", "one in five say"
    return (len(words) <= 8 and (head.isalpha() or head.isdigit()) and head not in _NOT_SPEAKER_HEADS and head not in DETERMINERS
            and head not in _REFLEXIVES and not head.endswith("ly"))


# Verbs of speaking for which "the/a + noun" before them is a person speaking ("the owner said").
_SPEAKING = frozenset("say tell add write explain insist note recall reply respond answer testify tweet post "
                      "announce confirm deny warn argue admit acknowledge claim".split())


# A quotation of at least this many words makes a sentence attributed even without a cue
# (shorter quoted runs are often scare quotes or titles).
MIN_QUOTE_WORDS = 4


def _has_long_quote(toks: tuple[Token, ...], inside: list[bool]) -> bool:
    run = best = 0
    for flag, (t, _, _) in zip(inside, toks):
        if flag and t[0].isalnum():
            run += 1
            best = max(best, run)
        elif not flag:
            run = 0
    return best >= MIN_QUOTE_WORDS


_QUOTE_TOKENS = frozenset({"“", "”", '"', "''", "``"})


def _inside_quotes(toks: tuple[Token, ...], state: tuple[int, bool] = (0, False),
                   low: list[str] | None = None) -> tuple[list[bool], tuple[int, bool]]:
    """For each token, whether it lies inside a double quotation (“...”, "..." or ''...'').

    ``state`` (curly depth, straight quote open) carries over from the previous sentence of the
    same paragraph, so a sentence that starts inside a quotation is read correctly.
    """
    depth, straight = state
    if _QUOTE_TOKENS.isdisjoint(low if low is not None else [t[0] for t in toks]):
        return [depth > 0 or straight] * len(toks), state  # no quotation mark in the sentence
    flags = []
    for t, _, _ in toks:
        if t == "“":
            depth += 1
            flags.append(False)
            continue
        if t == "”":
            if depth:
                depth -= 1
            else:
                straight = False  # a straight opening mark closed by a curly one
            flags.append(False)
            continue
        if t in ('"', "''", "``"):
            if depth and not straight:
                depth -= 1  # a curly opening mark closed by a straight one
            else:
                straight = not straight
            flags.append(False)
            continue
        flags.append(depth > 0 or straight)
    return flags, (depth, straight)


def _by_first_word(phrases: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Index phrases by their first word, longest first, so each token is looked up once."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for ph in phrases:
        index.setdefault(ph[0], []).append(ph)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}


class Extractor:
    """Finds the evidence in a segmented article. Stateless; safe to share between threads."""

    def __init__(self, sentence_model: SentenceModel | None | str = "shipped",
                 cue_model: CueModel | None | str = "shipped", stance_model: CueModel | None | str = "shipped") -> None:
        # The learned parts (scorer.learned): "shipped" loads them from models/; None leaves them out.
        self.sentence_model = load_sentence_model() if sentence_model == "shipped" else sentence_model
        self.cue_model = load_cue_model() if cue_model == "shipped" else cue_model
        self.stance_model = load_stance_model() if stance_model == "shipped" else stance_model
        # When a list, the cue words the rules turn down are collected here (with their features)
        # instead of being put to the cue classifier: the training rows of that classifier.
        self.turned_down: list[tuple[int, int, list[str]]] | None = None
        # Likewise the stance tagger's candidate words, when a list.
        self.stance_rows: list[tuple[int, int, list[str]]] | None = None
        # The words the stance tagger considers, with how often each is a cue (in tenths).
        self.rate_bucket = {w: str(min(int(r * 10), 9)) for w, r in lexicon.cue_rates().items()}
        self.cues = lexicon.cue_forms()
        if self.stance_model is not None:
            # The tagger's weights for each word's own features, summed once, and its context tables.
            t = self.stance_model.table
            self._stance_word_z = {w: self.stance_model.bias + t("w").get(w, 0.0) + t("r").get(b, 0.0) + t("cat").get(self._category(w), 0.0)
                                   for w, b in self.rate_bucket.items()}
            self._stance_tables = tuple(t(kind) for kind in _STANCE_CONTEXT_KINDS)
        self.doc_verbs = lexicon.document_verb_forms()
        self.vague_phrases = _by_first_word(lexicon.phrases("vague_phrases.txt"))  # "it was reported", ...
        self.vague_firsts = frozenset(self.vague_phrases)
        self.hedges = _by_first_word(lexicon.phrases("hedges.txt"))
        # Tokens without which a sentence cannot hold an attribution.
        self.triggers = frozenset(self.cues) | frozenset(self.vague_phrases) | _DASHES | _POLL_HEADS | {"according", "citing", ":"}
        self.titles = lexicon.words("titles.txt")

    # -- source spans -------------------------------------------------------------------------
    def _source(self, s: _Sentence, a: int, b: int, art: _Article) -> tuple[Span, str, str | None, str]:
        toks = s.toks
        text_start, text_end = toks[a][1], toks[b][2]
        words = [t[0] for t in toks[a : b + 1]]
        span = Span(text_start, text_end, "")  # text filled by caller
        head_low = words[-1].lower()
        first_low = words[0].lower()
        if (2 <= len(words) <= 5 and first_low == "the" and "," not in words
                and ((head_low in self.titles and len(head_low) > 3) or head_low in lexicon.words("epithets.txt"))):
            m = art.resolve("i")  # "the mayor said": the most recent named person or official, either gender
            if m is not None and m.type == "named_person":
                return span, m.type, m.name, m.key
        if len(words) == 1 and first_low in PRONOUN_WORDS or (len(words) == 2 and first_low == "the" and head_low in ORG_BACKREFS):
            key = head_low if len(words) == 2 else PRONOUN_BASE[first_low]
            # "who" and "I" point back to a person of either gender, "we" to a group.
            m = art.resolve({"who": "he", "i": "he", "we": "they"}.get(key, key))
            if m is not None:
                return span, m.type, m.name, m.key
            return span, "unresolved", None, "?" + key
        # Strip the apposition when typing: the head phrase is before the first comma.
        head_words = _typing_words(words)
        typ = classify_source(head_words)
        guessed = False
        if typ == "unresolved" and _unnamed_person_np(head_words):
            typ = "anonymous"
        elif typ == "unresolved" and _plain_np(head_words) and (not _is_cap(head_words[-1]) or len(head_words) == 1):
            # An unnamed speaker: a group ("callers", "nine in 10") or one person ("another").
            h = head_words[-1].lower()
            plural = ((h.endswith("s") and not h.endswith("ss")) or h.isdigit() or h == "%" or first_low in _GROUP_OPENERS
                      or h in _FRACTIONS
                      or (len(head_words) >= 3 and head_words[-2].lower() == "in"))
            # "a response", "a name": an indefinite thing, not a person, is no speaker of a type.
            typ = "vague" if plural else ("unresolved" if first_low in ("a", "an") and not _person_noun(h) else "anonymous")
            guessed = True
        if typ in ("anonymous", "vague") and len(words) > len(head_words) + 1:
            # "Another former lawmaker, Sen. Joe Lieberman,": the apposition names the person.
            app = _typing_words(words[len(head_words) + 1 :])
            if classify_source(app) == "named_person" and any(
                    w.lower() in _given_names() or w.lower().rstrip(".") in self.titles for w in app if _is_cap(w)):
                head_words, typ, guessed = app, "named_person", False
        if typ == "unresolved" and len(words) > len(head_words):
            typ = classify_source(words[len(head_words) + 1 :])
            if typ == "named_person":
                typ = "anonymous"
        if typ == "named_person" and a == 0 and len(words) == 1:
            w = head_words[0].lower()
            if (w.endswith(("s", "men")) and not w.endswith("ss") and _person_noun(w) and w not in _given_names()
                    and art.recall(w) is None):
                typ = "vague"  # "Engineers said": a capitalised plural group at the start of a sentence, not a surname
        name = " ".join(head_words[1:] if len(head_words) > 1 and head_words[0].lower() in DETERMINERS else head_words)
        if typ == "named_person":
            caps = [w for w in head_words if _is_cap(w) and w.lower().rstrip(".") not in self.titles]
            person = [w for w in caps if not w.isupper() or len(w) <= 2]
            surname = person[-1] if person else name
            # A surname alone resolves to an earlier full name.
            known = art.recall(surname.lower())
            if known is not None:
                return span, typ, known.name, known.key
            full = " ".join(person) if person else name
            m = _Mention(full, typ, _gender(head_words), surname.lower())
            art.remember(m)
            return span, typ, full, m.key
        gender = "pl" if head_words and head_words[-1].lower().endswith("s") and typ in ("anonymous", "vague") else "?"
        key = name.lower()
        if typ == "named_organization":
            key = " ".join(w.lower() for w in head_words if _is_cap(w) or w.isupper())
        display = " ".join(head_words)
        if not guessed:  # a speaker typed only by its shape is not a safe antecedent for "he"
            art.remember(_Mention(display, typ, gender, key))
        return span, typ, name if typ in ("named_organization", "document") else None, key

    # -- main entry ---------------------------------------------------------------------------
    def extract(self, seg: Segmented) -> Evidence:
        text = seg.text
        art = _Article()
        attributions: list[Attribution] = []
        keys: list[tuple[str, str, str]] = []  # (key, display name, type) per attribution
        hedges: list[Hedge] = []
        attributed: set[int] = set()
        colon_open: int | None = None  # sentence index whose cue ended with a colon
        sents = seg.sentences
        parsed: list[_Sentence] = []
        for s in self._sentences(seg):
            toks = s.toks
            sent = sents[s.idx]
            parsed.append(s)
            self._learn_names(s, art)
            found = self._attributions(s, art, text)
            nxt = sent.index + 1
            if (not found and toks and toks[-1][0] == ":" and nxt < len(sents)
                    and seg.tokens[nxt] and seg.tokens[nxt][0][0] in OPEN_QUOTES):
                # "Park was blunt:" followed by a quotation: the colon is the cue.
                np_ = _np_left(s, _first_np_end(s))
                if np_ is not None and np_[0] == 0:
                    words = [t[0] for t in toks[np_[0] : np_[1] + 1]]
                    if _names_source(words):
                        att, key = self._make(s, text, (len(toks) - 1, len(toks) - 1), np_, None, art)
                        q = sents[nxt]
                        att = Attribution(att.sentence, att.cue, att.source, Span(q.start, q.end, q.text), att.source_type, att.resolved_to)
                        found = [(att, key)]
            for att, key in found:
                attributions.append(att)
                keys.append(key)
            hedges.extend(self._hedges(s, text))
            starts_quote = bool(toks) and toks[0][0] in OPEN_QUOTES
            if found:
                attributed.add(s.idx)
            elif colon_open is not None and colon_open == s.idx - 1:
                attributed.add(s.idx)
            elif starts_quote or _has_long_quote(toks, s.inside):
                attributed.add(s.idx)  # a direct quotation is someone's words, not the article's claim
            colon_open = s.idx if found and sent.text.rstrip().endswith(":") else colon_open
        attributions = self._extend_quotes(seg, attributions, [s.opened_inside for s in parsed])
        # Content that runs into other sentences marks them attributed too.
        starts = [sent.start for sent in seg.sentences]
        for att in attributions:
            if att.content is not None:
                k = max(0, bisect.bisect_right(starts, att.content.start) - 1)
                while k < len(starts) and starts[k] < att.content.end:
                    if att.content.start < seg.sentences[k].end:
                        attributed.add(k)
                    k += 1
        assertions = []
        model = self.sentence_model
        for s in parsed:
            if s.idx in attributed:
                continue
            nwords = sum(1 for t in s.toks if t[0][0].isalnum())
            if nwords < MIN_ASSERTION_WORDS or s.low[-1] == "?":
                continue
            if model is not None and model.reported(s.low, s.inside, self.cues):
                attributed.add(s.idx)  # the classifier reads it as someone's words
                continue
            assertions.append(Assertion(s.idx, s.start, s.end))
        sources = self._sources(keys)
        return Evidence(
            attributions=tuple(attributions),
            hedges=tuple(hedges),
            assertions=tuple(assertions),
            sources=sources,
            attributed_sentences=frozenset(attributed),
        )

    @staticmethod
    def _sentences(seg: Segmented):
        """The article's sentences in order, each knowing which of its tokens are quoted."""
        quote_state = (0, False)
        for sent, toks in zip(seg.sentences, seg.tokens):
            if sent.start in seg.paragraph_starts:
                quote_state = (0, False)
            s = _Sentence(sent.index, toks, sent.start, sent.end, quote_state)
            quote_state = s.quote_state
            yield s

    def sentence_features(self, seg: Segmented) -> list[list[str]]:
        """The sentence classifier's features for every sentence of an article."""
        return [sentence_features(s.low, s.inside, self.cues) for s in self._sentences(seg)]

    @staticmethod
    def _extend_quotes(seg: Segmented, attributions: list[Attribution], opens_inside: list[bool]) -> list[Attribution]:
        """Stretch a quotation's content over the quote sentences around it that have no cue.

        '"A. B." "C," she said.' credits all three sentences to her, as does
        'She said: "A." "B."' for the quote sentences that follow. A quote sentence opens with a
        quotation mark or starts inside a quotation left open by the sentence before it.
        """
        text = seg.text
        sents = seg.sentences
        own = {a.sentence for a in attributions}

        def is_quote(k: int) -> bool:
            toks = seg.tokens[k]
            return bool(toks) and (toks[0][0] in OPEN_QUOTES or opens_inside[k]) and k not in own

        out = []
        for a in attributions:
            if a.content is None:
                out.append(a)
                continue
            cs, ce = a.content.start, a.content.end
            k = a.sentence
            near_quote = any(c in text[max(0, cs - 2) : cs + 1] for c in "“\"'‘") or any(
                c in text[ce - 1 : ce + 3] for c in "”\"'’"
            )
            if near_quote:
                j = k - 1
                while j >= 0 and is_quote(j) and cs <= sents[k].start + 2:
                    cs = sents[j].start
                    j -= 1
                j = k + 1
                while j < len(sents) and is_quote(j) and ce >= sents[k].end - 3:
                    ce = sents[j].end
                    j += 1
            if (cs, ce) != (a.content.start, a.content.end):
                a = Attribution(a.sentence, a.cue, a.source, Span(cs, ce, text[cs:ce]), a.source_type, a.resolved_to)
            out.append(a)
        return out

    @staticmethod
    def _sources(keys: list[tuple[str, str, str] | None]) -> tuple[Source, ...]:
        counts: dict[tuple[str, str], list] = {}
        for item in keys:
            if item is None:
                continue
            key, name, typ = item
            k = (key, typ)
            if k not in counts:
                counts[k] = [name, typ, 0]
            counts[k][2] += 1
        return tuple(Source(n, t, c) for n, t, c in counts.values())

    def _learn_names(self, s: _Sentence, art: _Article) -> None:
        """Remember people named anywhere (title or known given name + capitalised word)."""
        toks, low = s.toks, s.low
        starts = _name_starts()
        if starts.isdisjoint(low):
            return
        free = 0  # the first token after the last name taken
        for i in [k for k, w in enumerate(low[:-1]) if w in starts or (w[-1] == "." and w.rstrip(".") in starts)]:
            if i < free:
                continue
            if _is_cap(toks[i][0]) and _is_cap(toks[i + 1][0]) and toks[i + 1][0][0].isalpha():
                j = i + 1
                while j + 1 < len(toks) and _is_cap(toks[j + 1][0]) and toks[j + 1][0][0].isalpha() and j - i < 3:
                    j += 1
                words = [t[0] for t in toks[i : j + 1]]
                if classify_source(words) == "named_person":
                    person = [w for w in words if w.lower().rstrip(".") not in self.titles]
                    surname = person[-1].lower() if person else words[-1].lower()
                    if art.recall(surname) is None:
                        art.remember(_Mention(" ".join(person), "named_person", _gender(words), surname))
                free = j + 1

    def _make(self, s: _Sentence, text: str, cue: tuple[int, int], src: tuple[int, int] | None,
              content: tuple[int, int] | None, art: _Article, typ: str | None = None) -> tuple[Attribution, tuple[str, str, str]]:
        toks = s.toks
        cs, ce = toks[cue[0]][1], toks[cue[1]][2]
        source_span = None
        resolved = None
        if src is not None:
            sp, styp, name, k = self._source(s, src[0], src[1], art)
            source_span = Span(sp.start, sp.end, text[sp.start : sp.end])
            typ = styp
            resolved = name
            display = name or (art.mentions[-1].name if art.mentions and styp in ("anonymous", "vague") else text[sp.start : sp.end])
            key = (k, display, styp)
        else:
            typ = typ or "vague"
            key = None  # no source span: nothing to count among distinct sources
        content_span = None
        if content is not None and content[0] < content[1]:
            a, b = content
            while a < b and text[a] in " ,;:—–-\"“”'‘’":
                a += 1
            while b > a and text[b - 1] in " ,;:.—–-\"“”'‘’":
                b -= 1
            if a < b:
                content_span = Span(a, b, text[a:b])
        att = Attribution(s.idx, Span(cs, ce, text[cs:ce]), source_span, content_span, typ, resolved)
        return att, key

    def _attributions(self, s: _Sentence, art: _Article, text: str) -> list[tuple[Attribution, tuple[str, str, str]]]:
        toks, low = s.toks, s.low
        n = len(toks)
        out: list[tuple[Attribution, tuple[str, str, str]]] = []
        stance = (self.stance_model is not None or self.stance_rows is not None) and not self.rate_bucket.keys().isdisjoint(low)
        if self.triggers.isdisjoint(low) and not (low and low[0] == "to"):
            # no cue word, colon, dash, poll or impersonal phrase: only the stance tagger may find one
            return self._stance_cues(s, art, text) if stance else out
        used: set[int] = set()
        sent_content_end = s.content_end
        first_start = toks[0][1] if n else s.start

        # Impersonal phrases first ("it was reported", "it is widely believed").
        for i in (range(n) if not self.vague_firsts.isdisjoint(low) else ()):
            for ph in self.vague_phrases.get(low[i], ()):
                L = len(ph)
                if tuple(low[i : i + L]) == ph and not (used & set(range(i, i + L))):
                    cue = (i, i + L - 1)
                    after = toks[i + L][1] if i + L < n else sent_content_end
                    content = (after, sent_content_end) if i + L < n - 1 else (first_start, toks[i][1])
                    out.append(self._make(s, text, cue, None, content, art, "vague"))
                    used.update(range(i, i + L))
                    break

        inside = s.inside
        sources_so_far: list[tuple[int, int]] = []  # source token ranges of this sentence's cues
        triggers = self.triggers
        # Where a cue can start: a trigger word outside quotation marks (words inside a quotation
        # are the speaker's, not the article's), or "To" opening the sentence.
        starts = [k for k, w in enumerate(low) if (w in triggers or (k == 0 and w == "to")) and not inside[k]]
        i = 0
        for pos in starts:
            if pos < i:
                continue  # inside a span already taken
            i = pos
            lw = low[i]
            tok = toks[i][0]
            # 1) according to X / citing X
            if (lw == "according" and i + 1 < n and low[i + 1] == "to") or (lw == "citing" and i + 1 < n):
                j = i + 2 if lw == "according" else i + 1
                np_ = _np_right(s, j)
                if np_ is not None and not (used & {i}):
                    end = np_[1]
                    app = _apposition_right(s, end + 1, at_start=i <= 1)
                    src = (np_[0], app if app is not None else end)
                    cue = (i, i + 1 if lw == "according" else i)
                    if i <= 1 or (i > 0 and toks[i - 1][0] in (",",) and src[1] + 1 >= n - 1):
                        # at the start: content follows; at the end after a comma: content precedes
                        if i <= 1:
                            cs = toks[src[1] + 1][1] if src[1] + 1 < n else sent_content_end
                            content = (cs, sent_content_end)
                        else:
                            content = (first_start, toks[i - 1][1])
                    elif lw == "citing":
                        content = None
                    else:
                        content = (first_start, toks[i][1])
                        if src[1] + 1 < n - 1:
                            content = (toks[src[1] + 1][1], sent_content_end) if i <= 2 else content
                    out.append(self._make(s, text, cue, src, content, art))
                    used.update(range(i, src[1] + 1))
                    i = src[1] + 1
                    continue
            info = self.cues.get(lw)
            if info is not None and i not in used and not (_is_cap(tok) and i > 0 and not _title_case(s)):
                res = self._verb_cue(s, i, info, sources_so_far[-1] if sources_so_far else None)
                if res is not None:
                    cue, src, content = res
                    if not (used & set(range(cue[0], cue[1] + 1))):
                        out.append(self._make(s, text, cue, src, content, art))
                        used.update(range(cue[0], cue[1] + 1))
                        if src:
                            sources_so_far.append(src)
                            used.update(range(src[0], src[1] + 1))
                        i = cue[1] + 1
                        continue
                elif ((self.cue_model is not None or self.turned_down is not None) and (i - 1) not in used
                      and _cue_context(low, i) in _VERB_CONTEXTS):
                    # Only verb uses go to the classifier: not a noun ("the support", "Trump's
                    # plan"), an infinitive or a negation, nor a word right after a cue, which is
                    # its object ("repeated claims that").
                    feats, src = self._cue_candidate(s, i, None if self.turned_down is not None else self.cue_model)
                    if self.turned_down is not None:
                        self.turned_down.append((toks[i][1], toks[i][2], feats))
                    elif src is not None:
                        # The cue classifier overrules the rules: the subject found before the word
                        # (if any) is the source, the clause after it the content.
                        if src is not None and used & set(range(src[0], src[1] + 1)):
                            src = None
                        content = (toks[i + 1][1], sent_content_end) if i + 1 < n - 1 else ((first_start, toks[i][1]) if i > 0 else None)
                        out.append(self._make(s, text, (i, i), src, content, art))
                        used.add(i)
                        if src is not None:
                            used.update(range(src[0], src[1] + 1))
                        i += 1
                        continue
            # 4) a poll as the source of the sentence: "In a new Marist poll, 48 percent ..."
            if lw in _POLL_HEADS and i not in used:
                j = i - 1
                while j >= 0 and i - j <= 9 and low[j] != "in" and (toks[j][0][0].isalnum() or toks[j][0] in ("/", "-", "'s", "’s", "&")):
                    j -= 1
                if (j == 0 or (j == 1 and low[0] in ("but", "and", "yet"))) and low[j] == "in" and i - j >= 2 and not (used & set(range(j, i + 1))):
                    k = i + 1
                    while k < n and (_is_cap(toks[k][0]) or low[k] in ("released", "published", "conducted", "taken", "out")
                                     or low[k] in TIME_WORDS or low[k] in ("last", "this", "on")) and toks[k][0][0].isalnum():
                        k += 1  # "... poll released Monday"
                    content = (toks[k + 1][1], sent_content_end) if k + 1 < n and toks[k][0] == "," else None
                    out.append(self._make(s, text, (j, j), (j + 1, i), content, art))
                    used.update(range(j, k))
                    i = k
                    continue
            # 4b) "To X, ...": the view that follows is X's ("To Frank, the party has lost its way")
            if i == 0 and lw == "to" and n > 3:
                np_ = _np_right(s, 1)
                if (np_ is not None and np_[1] + 1 < n and toks[np_[1] + 1][0] == "," and low[1:3] != ["a", "person"]
                        and (_is_cap(toks[1][0]) or low[1] in DETERMINERS or low[1] in ("him", "her", "them", "me", "us", "many"))):
                    app = _apposition_right(s, np_[1] + 1, at_start=True)
                    end = app if app is not None else np_[1]
                    words = [t[0] for t in toks[np_[0] : np_[1] + 1]]
                    if (len(words) == 1 and low[1] in ("him", "her", "them", "me", "us")) or classify_source(words) in ("named_person", "anonymous", "vague"):
                        after = end + 2 if end + 1 < n and toks[end + 1][0] == "," else end + 1
                        content = (toks[after][1], sent_content_end) if after < n else None
                        out.append(self._make(s, text, (0, 0), (np_[0], end), content, art))
                        used.update(range(0, end + 1))
                        i = end + 1
                        continue
            # 5) a dash that signs a quotation or a post: '"..." ― Ana Ruiz', '... — Ana Ruiz (@aruiz)'
            if tok in _DASHES and i + 1 < n and _is_cap(toks[i + 1][0]) and i not in used:
                np_ = _np_right(s, i + 1)
                if i > 0:
                    quoted = toks[i - 1][0] in CLOSE_QUOTES
                    content = (first_start, toks[i][1])
                else:  # the quotation ended the previous sentence
                    e = s.start
                    while e > 0 and text[e - 1].isspace():
                        e -= 1
                    quoted = text[e - 1 : e] in ("”", '"')
                    content = (max(text.rfind("“", 0, e), text.rfind("\n", 0, e) + 1), e)
                handle = np_ is not None and np_[1] + 2 < n and toks[np_[1] + 1][0] == "(" and toks[np_[1] + 2][0] == "@"
                if np_ is not None and (quoted or handle) and np_[1] - np_[0] <= 4:
                    words = [t[0] for t in toks[np_[0] : np_[1] + 1]]
                    if classify_source(words) in ("named_person", "named_organization"):
                        out.append(self._make(s, text, (i, i), np_, content, art))
                        used.update(range(i, np_[1] + 1))
                        i = np_[1] + 1
                        continue
            # 6) colon after a speaker's name that opens the sentence: 'Lopez: "..."', 'TAPPER: Do you ...'
            if tok == ":" and 0 < i <= 4 and i + 1 < n and i not in used and toks[i + 1][0] not in OPEN_QUOTES and not toks[i + 1][0][0].isdigit():
                words = [t[0] for t in toks[:i]]
                if all(_is_cap(w) for w in words) and not any(w.lower().rstrip(".") in _NOT_SPEAKERS for w in words) and classify_source(words) in (
                    "named_person", "named_organization"
                ):
                    content = (toks[i + 1][1], sent_content_end)
                    out.append(self._make(s, text, (i, i), (0, i - 1), content, art))
                    used.update(range(0, i + 1))
                    i += 1
                    continue
            # 6b) colon before a quotation after a source: Lopez: "..."
            if tok == ":" and i + 1 < n and toks[i + 1][0] in OPEN_QUOTES and i > 0 and i not in used:
                np_ = _np_left(s, i - 1)
                if np_ is not None and (i - 1) not in used:
                    words = [t[0] for t in toks[np_[0] : np_[1] + 1]]
                    lw0 = low[np_[1]]
                    if lw0 in PRONOUN_WORDS or classify_source(words) != "unresolved" and np_[0] <= 2:
                        content = (toks[i + 1][1], sent_content_end)
                        out.append(self._make(s, text, (i, i), np_, content, art))
                        used.update(range(np_[0], i + 1))
            i += 1
        out.sort(key=lambda x: x[0].cue.start)
        if len(out) > 1:
            # A cue inside another attribution's source ("X, who spoke on condition of
            # anonymity, said") belongs to that source phrase.
            out = [(a, k) for a, k in out if not any(
                o.source is not None and o.source.start <= a.cue.start and a.cue.end <= o.source.end for o, _ in out if o is not a)]
        if len(out) > 1:
            # A thinking/wanting verb inside what a source said ("X says he expects ...") is part
            # of that content, not a separate attribution.
            kept = []
            for att, key in out:
                lemma_info = self.cues.get(att.cue.text.split()[-1].lower())
                after_comma = att.cue.text.lower().endswith("ing") and text[: att.cue.start].rstrip().endswith(",")
                nested = lemma_info is not None and lemma_info[0] == "stance" and not after_comma and any(
                    o.content is not None and o.content.start <= att.cue.start and att.cue.end <= o.content.end
                    for o, _ in out if o is not att
                )
                if not nested:
                    kept.append((att, key))
            out = kept
        if stance and not out:
            out = self._stance_cues(s, art, text)
        return out

    def _stance_cues(self, s: _Sentence, art: _Article, text: str) -> list[tuple[Attribution, tuple[str, str, str]]]:
        """Cues the stance tagger finds in a sentence where the rules found none: words that
        often carry an attribution, outside quotations. (In a sentence that already reports
        someone, a stance word is nearly always part of what is reported: "X says he expects".)
        With ``stance_rows`` set, the candidates and their features are collected instead."""
        toks, low = s.toks, s.low
        n = len(toks)
        inside = s.inside
        collect = self.stance_rows is not None
        model = self.stance_model
        out: list[tuple[Attribution, tuple[str, str, str]]] = []
        used: set[int] = set()
        quote = "1" if True in inside else "0"
        if not collect:
            word_z, tables = self._stance_word_z, self._stance_tables
            q = model.table("q").get(quote, 0.0)  # type: ignore[union-attr]
        rate_bucket = self.rate_bucket
        for k in [k for k, w in enumerate(low) if w in rate_bucket and not inside[k]]:
            w = low[k]
            bucket = rate_bucket[w]
            if k in used or (w.endswith("ed") and k > 0 and low[k - 1] in DETERMINERS):
                continue  # "the slammed plan", "a proposed rule": a participle describing a noun
            context = _stance_context(low, toks, k, n)
            if context[0] == "negated":
                continue  # "has not commented", "did not say how": no stance is reported
            if collect:
                src, typ = self._candidate_subject(s, k)
                feats = [f"w:{w}", f"r:{bucket}", "cat:" + self._category(w), f"q:{quote}"]
                feats += [kind + ":" + v for kind, v in zip(_STANCE_CONTEXT_KINDS, context) if v is not None]
                feats += ["subj:" + typ, "subjcat:" + typ + " " + bucket]
                self.stance_rows.append((toks[k][1], toks[k][2], feats))  # type: ignore[union-attr]
                continue
            z = word_z[w] + q + sum(map(dict.get, tables, context, _ZEROS))
            if z + model.subject_bound < model.threshold_logit:  # type: ignore[union-attr]
                continue
            src, typ = self._candidate_subject(s, k)
            table = model.table  # type: ignore[union-attr]
            z += table("subj").get(typ, 0.0) + table("subjcat").get(typ + " " + bucket, 0.0)
            if z < model.threshold_logit or typ == "negative":  # type: ignore[union-attr]
                continue  # "Nobody said": no one is credited
            if context[0] == "passive" and w in _IMPERSONAL_PASSIVES:
                src = None  # "Parents are expected to ...": the subject is what is expected, not who expects it
            elif src is None:
                if k > 0:
                    continue  # "..., and declined to": a holder the rules cannot find, not an impersonal view
            elif used & set(range(src[0], src[1] + 1)) or not _stance_subject([t[0] for t in toks[src[0] : src[1] + 1]], typ):
                continue  # the words before it cannot hold a stance ("However", "That"): no holder, no cue
            # Opening the sentence ("Word is that ...", "Asked whether ...") or a passive: a cue with no source.
            content = (toks[k + 1][1], s.content_end) if k + 1 < n - 1 else None
            out.append(self._make(s, text, (k, k), src, content, art))
            used.add(k)
            if src is not None:
                used.update(range(src[0], src[1] + 1))
        return out

    def _category(self, w: str) -> str:
        """The cue category of a word ("speech", "stance", "document"), "none" outside the lexicon."""
        return self.cues[w][0] if w in self.cues else "none"

    def _cue_candidate(self, s: _Sentence, i: int, model: CueModel | None = None) -> tuple[list[str] | None, tuple[int, int] | None]:
        """The cue classifier's view of a cue word the rules turned down: its features and the
        subject found before it. The features are the word, its lemma and category, how it sits
        in the clause, the words and word shapes around it, whether the sentence quotes, where
        the word stands, and the type of the subject.

        Given the ``model``, the word is scored straight from the weights (no feature names are
        built) and ``(None, subject)`` comes back, the subject being None unless the model
        accepts the word; the subject is only looked for when the rest leaves the word a chance.
        """
        low, toks = s.low, s.toks
        lw = low[i]
        category, lemma = self.cues[lw]
        ctx = _cue_context(low, i)
        n = len(low)
        around = [(name, low[i + k], _shape(toks[i + k][0])) if 0 <= i + k < n else (name, "<>", None)
                  for k, name in _NEIGHBOURS]
        quote = True in s.inside
        pos = str(min(i, 4))
        if model is not None:
            t = model.table
            z = (model.bias + t("lw").get(lw, 0.0) + t("lemma").get(lemma, 0.0) + t("cat").get(category, 0.0)
                 + t("ctx").get(ctx, 0.0) + t("lemctx").get(lemma + " " + ctx, 0.0) + t("pos").get(pos, 0.0)
                 + (t("quote").get("", 0.0) if quote else 0.0))
            for name, word, shape in around:
                z += t(name).get(word, 0.0)
                if shape:
                    z += t(name + "s").get(shape, 0.0)
            need = model.threshold_logit
            if z + model.subject_bound < need:
                return None, None  # no subject can lift it to the threshold
            src, typ = self._candidate_subject(s, i)
            z += t("subj").get(typ, 0.0) + t("subjcat").get(typ + " " + category, 0.0)
            return None, (src if z >= need else None)
        feats = ["lw:" + lw, "lemma:" + lemma, "cat:" + category, "ctx:" + ctx, "lemctx:" + lemma + " " + ctx]
        for name, word, shape in around:
            feats.append(name + ":" + word)
            if shape:
                feats.append(name + "s:" + shape)
        if quote:
            feats.append("quote")
        feats.append("pos:" + pos)
        src, typ = self._candidate_subject(s, i)
        feats.append("subj:" + typ)
        feats.append("subjcat:" + typ + " " + category)
        return feats, src

    def _candidate_subject(self, s: _Sentence, i: int) -> tuple[tuple[int, int] | None, str]:
        """The subject before a turned-down cue word, and its type ("none" without one,
        "negative" for "No one", "Nobody": no one is credited)."""
        low = s.low
        k = i - 1
        while k >= 0 and low[k] in ADVERBS_BEFORE_CUE and i - k <= 3:
            k -= 1
        src = self._subject_before(s, k, low[i]) if k >= 0 else None
        if src is not None and low[src[0]] in _NEGATIVE_SUBJECTS:
            return None, "negative"  # "No one has claimed responsibility": nobody is credited
        typ = self._subject_type(s, src)
        if i > 0:
            # "A driver who has worked the route for years said ...", "Planning documents lodged
            # with the council show ...": the clause's own subject, when it has a type
            alt = self._clause_subject(s, i)
            alt_typ = self._subject_type(s, alt)
            if alt_typ not in ("none", "unresolved") and (src is None or alt[0] < src[0]) and low[alt[0]] not in _NEGATIVE_SUBJECTS:
                src, typ = alt, alt_typ
        return src, typ

    @staticmethod
    def _subject_type(s: _Sentence, src: tuple[int, int] | None) -> str:
        """The source type of a subject's words as typed alone; "pronoun" or "none" (no subject)."""
        if src is None:
            return "none"
        named = _typing_words([t[0] for t in s.toks[src[0] : src[1] + 1]])
        return "pronoun" if len(named) == 1 and named[0].lower() in PRONOUN_WORDS else classify_source(named)

    def _subject_before(self, s: _Sentence, subj_end: int, verb: str) -> tuple[int, int] | None:
        """The source noun phrase before a verb whose last non-adverb token is ``subj_end``.

        Handles "X said", "X, the role of Z, said", "X, 58, who lives in Y, said",
        "The group's chair, Priya Nandakumar, said", and a verb sharing the clause's subject
        ("X arrived and said", "X left, saying").
        """
        toks, low = s.toks, s.low
        if subj_end < 0:
            return None
        t = toks[subj_end][0]
        if low[subj_end] in ("and", "but") or (t == "," and verb.endswith("ing")):
            return self._clause_subject(s, subj_end)
        if low[subj_end] in ("who", "which") and subj_end > 0:
            # "business leaders who say": the relative pronoun with its antecedent
            k = subj_end - 1 if toks[subj_end - 1][0] != "," else subj_end - 2
            ante = _np_left(s, k)
            if ante is not None:
                a0 = ante[0]
                for k2 in range(ante[1] - 1, ante[0] - 1, -1):
                    w = low[k2]
                    if w == "to" or w in AUXILIARIES or (w.endswith("ed") and not _is_cap(toks[k2][0])):
                        a0 = k2 + 1  # "ammunition to council members who", "the levy angered members who"
                        break
                words = [x[0] for x in toks[a0 : ante[1] + 1]]
                if classify_source(words) != "unresolved" or _plain_np(words):
                    return (a0, subj_end)
            return (subj_end, subj_end)
        if t[0].isalnum() or t in (")", "%"):
            return _np_left(s, subj_end)
        if t in _DASHES or (t == "-" and subj_end > 0 and toks[subj_end - 1][0] == "-"):
            # "Jason Sims — a teacher from Mount Pleasant — says": the name before the dashed aside
            k = subj_end - (2 if t == "-" else 1)
            while k >= 0 and subj_end - k <= MAX_APPOSITION_TOKENS + 6 and not (toks[k][0] in _DASHES or (toks[k][0] == "-" and k > 0 and toks[k - 1][0] == "-")):
                k -= 1
            if k <= 0 or subj_end - k > MAX_APPOSITION_TOKENS + 6:
                return None
            k -= 2 if toks[k][0] == "-" else 1
            head = _np_left(s, k) if k >= 0 else None
            if head is not None:
                words = [x[0] for x in toks[head[0] : head[1] + 1]]
                if _names_source(words) or _plain_np(words):
                    return (head[0], subj_end - (2 if t == "-" else 1))
            return None
        if t != "," or subj_end == 0:
            return None
        # Walk back over up to three comma-separated appositive chunks.
        right = subj_end  # the comma closing the chunk
        for _ in range(3):
            k2 = right - 1
            while k2 >= 0 and toks[k2][0] != "," and right - k2 <= MAX_APPOSITION_TOKENS:
                if toks[k2][0] in OPEN_QUOTES | CLOSE_QUOTES and not (toks[k2][0] in ("’", "'") and k2 > 0 and low[k2 - 1].endswith("s")):
                    break  # a quotation mark, not a plural possessive ("Sanders’ campaign manager")
                k2 -= 1
            chunk = low[k2 + 1 : right]
            if not chunk or any(w in self.cues and not _is_cap(toks[k2 + 1 + m][0]) and not _nominal_ing(low, k2 + 1 + m)
                                for m, w in enumerate(chunk) if m > 0 and chunk[0] != "who"):
                return None
            if k2 >= 0 and toks[k2][0] != ",":
                return None
            if all(_is_cap(tk[0]) for tk in toks[k2 + 1 : right]) and (k2 < 0 or right - k2 <= 5):
                # "The group's chair, Priya Nandakumar, wrote": the name between the commas.
                return (k2 + 1, subj_end - 1)
            if k2 < 0:
                return None
            head = _np_left(s, k2 - 1)
            if head is not None:
                words = [tk[0] for tk in toks[head[0] : head[1] + 1]]
                if _names_source(words):
                    return (self._named_before(s, head[0]), subj_end - 1)
            right = k2
        return None

    @staticmethod
    def _coordinated_names(s: _Sentence, start: int) -> int:
        """Where a subject starts when names are coordinated before it: "Trump and other
        Republicans", "Crane, Kibbe and other libertarians" start at the first name."""
        toks, low = s.toks, s.low
        k = start
        if k < 2 or low[k - 1] != "and":
            return start
        j = k - 2
        while j >= 0 and (_is_cap(toks[j][0]) or (toks[j][0] == "," and j > 0 and _is_cap(toks[j - 1][0]))):
            j -= 1
        first = j + 1
        if first >= k - 1 or not (first == 0 or low[first - 1] in BOUNDARY_WORDS or toks[first - 1][0] in (",", ";", ":", "—")):
            return start
        if not _is_cap(toks[first][0]) or low[first] in _INTRO_WORDS or low[first] in DETERMINERS or classify_source([t[0] for t in toks[first : k - 1] if t[0] != ","]) != "named_person":
            return start
        return first

    @staticmethod
    def _named_before(s: _Sentence, start: int) -> int:
        """Where a source phrase starts when a person's name stands before its role.

        "Brian Okafor, the chair of the county party, for example, said": the role found first
        is an apposition to the name, which opens the source.
        """
        if start < 2 or s.toks[start - 1][0] != "," or _is_cap(s.toks[start][0]):
            return start
        name = _np_left(s, start - 2)
        if name is None or not (name[0] == 0 or s.low[name[0] - 1] in BOUNDARY_WORDS | {","}):
            return start
        words = [t[0] for t in s.toks[name[0] : name[1] + 1]]
        if classify_source(words) == "named_person" and any(w.lower() in _given_names() for w in words):
            return name[0]
        return start

    def _clause_subject(self, s: _Sentence, before: int) -> tuple[int, int] | None:
        """The subject at the start of the clause that ends before token ``before``."""
        toks, low = s.toks, s.low
        start = 0
        # Skip an introductory phrase ("On Monday, ...", "Speaking to CNBC, ...").
        if start < before and (not _is_cap(toks[0][0]) or low[0] in _INTRO_WORDS or low[0].endswith("ing")) and low[0] not in PRONOUN_WORDS:
            k = 0
            while k < before and toks[k][0] != ",":
                k += 1
            if k >= before:
                return None
            start = k + 1
        if start >= before:
            return None
        np_ = _np_right(s, start)
        if np_ is None or np_[1] >= before:
            return None
        words = [t[0] for t in toks[np_[0] : np_[1] + 1]]
        if len(words) == 1 and words[0].lower() in PRONOUN_WORDS:
            return np_
        for end in range(np_[1], np_[0] - 1, -1):
            # "The president left no doubt ..., saying": the longest opening that names a source
            if end == np_[0] and low[end] in PRONOUN_WORDS:
                return (end, end)  # "he proceeded ..., saying"
            if classify_source(words[: end - np_[0] + 1]) != "unresolved" and (
                    end == np_[1] or low[end + 1] in AUXILIARIES or low[end + 1] in _COMMON_PAST or low[end + 1].endswith("ed")):
                return (np_[0], end)  # the opening ends where a verb starts, not inside a compound
            if _is_cap(toks[end][0]):
                break
        return np_ if _plain_np(words) and len(words) <= 3 and not low[np_[1]].endswith("ed") else None

    def _verb_cue(self, s: _Sentence, i: int, info: tuple[str, str], last_src: tuple[int, int] | None = None):
        """Decide whether the verb at token ``i`` is a cue; return (cue, source, content) ranges."""
        toks, low = s.toks, s.low
        n = len(toks)
        category, lemma = info
        lw = low[i]
        prev = low[i - 1] if i > 0 else ""
        nxt = low[i + 1] if i + 1 < n else ""
        sent_content_end = s.content_end
        if lemma == "point" and nxt not in ("out", "to"):
            return None  # "leads by five points"
        if lemma == "maintain" and nxt not in ("that", ",", ":") and nxt not in OPEN_QUOTES:
            return None  # "maintained support among older voters"
        if (lw == "thanks" and nxt == "to") or (lw == "written" and prev not in AUXILIARIES):
            return None  # "thanks to the storm", "a written statement"
        if lemma in ("speak", "talk") and nxt not in ("about", "of", "out"):
            return None  # "spoke at the convention", "talked with reporters": an event, not a report
        if lemma == "find" and nxt != "that" and not (i > 0 and low[i - 1] in ("report", "study", "survey", "poll", "audit", "review", "analysis", "investigation")):
            return None  # "found itself", "found a receptive audience"
        if lemma in ("speak", "talk") and nxt in ("on", "under") and i + 2 < n and low[i + 2] in ("condition", "the"):
            return None  # "spoke on condition of anonymity" describes the source, it reports nothing
        # Negated: "has not said how", "never told anyone" report no words of the source.
        if prev in _NEGATORS or (i > 1 and low[i - 2] in ("not", "n't", "never") and prev in AUXILIARIES | {"yet", "publicly"}):
            return None
        # Infinitives and noun uses: "to say", "the report", "a call", "Trump's plans".
        alone = prev in _STANDALONE_QUANTIFIERS and (i == 1 or low[i - 2] in (",", "and", "but", "while"))  # "Many believe"
        if (prev in DETERMINERS and not (lw not in NOUN_LIKE and (
                (lemma in _STRONG_SPEECH and (prev in _STANDALONE_QUANTIFIERS or (i > 2 and low[i - 2] == "in")))
                or (category == "stance" and alone)))
                or prev in ("to",) and lw not in ("according",)):
            return None
        if i > 0 and ((prev.endswith(("'s", "’s", "s’", "s'")) and prev not in PRONOUN_WORDS) or (lw in NOUN_LIKE and prev in ("of", "in", "on", "for", "with", "by", "about"))):
            return None  # "Curiel's alleged bias", "the rise of support"
        if _nominal_ing(low, i):
            return None  # "a creative writing professor", "the opening briefing": part of a noun phrase
        progressive = prev in _BE_FORMS or (prev in PRONOUN_WORDS and PRONOUN_BASE[prev] != prev)  # "is hoping", "he’s hoping"
        if category == "stance" and lw.endswith("ing") and prev not in (",", "and", "but") and not progressive:
            return None  # "a super PAC supporting X": a participle modifying a noun
        if prev in _BE_FORMS and lw in PASSIVE_RECIPIENT:
            return None
        # Extend the cue leftwards over auxiliaries/adverbs ("has also said").
        cs = i
        k = i - 1
        while k >= 0 and (low[k] in ADVERBS_BEFORE_CUE or (low[k].endswith("ly") and len(low[k]) > 5 and low[k].isalpha()
                                                           and low[k] not in _NOT_ADVERBS and k > 0 and not _is_cap(toks[k][0]))) and i - k <= 3:
            k -= 1  # "has also said", "relentlessly attacked", "similarly warned"
        subj_end = k
        if low[cs - 1:cs] and cs - 1 > subj_end and low[cs - 1] in AUXILIARIES:
            cs = cs - 1
        # Extend rightwards over "in a statement", "on Monday", recipient of "told".
        ce = i
        j = i + 1
        if j < n and low[j] in ("in", "on") and j + 2 < n and low[j + 1] in ("a", "an", "the", "his", "her", "its", "their") and low[j + 2] in CUE_EXTENSIONS:
            ce = j + 2
            j = j + 3
        if lemma in ("call", "point", "speak", "talk", "refer", "spoke") and nxt in ("for", "on", "out", "to", "about", "of"):
            ce = i + 1
            j = i + 2
        # --- Source before the verb (subject) -----------------------------------------------
        if last_src is not None and subj_end >= 0 and lw.endswith("ing") and low[subj_end] in (",", "before", "after", "while", "by", "when", "without", "and"):
            # '"...," Rubio said, adding ...' / 'Rubio responded before adding ...': the same speaker
            src = last_src
        elif last_src is not None and subj_end >= 0 and low[subj_end] in ("and", "but") and category == "speech":
            src = last_src  # "Rubio said X and added Y"
        else:
            src = self._subject_before(s, subj_end, lw)
            if (src is not None and lw.endswith("ing") and src[1] == subj_end and src[0] > 0
                    and not _person_noun(low[src[1]]) and _short_np(s.low[src[0] : src[1] + 1])
                    and classify_source([t[0] for t in toks[src[0] : src[1] + 1]]) not in ("document", "named_organization")):
                # "Trump fired back a response saying ...": the message is the object; its author,
                # the clause's subject, is the source.
                src = self._clause_subject(s, src[0]) or src
        if src is not None:
            src = (self._coordinated_names(s, src[0]), src[1])
        # Check the subject really is a plausible source.
        if src is not None:
            words = [t[0] for t in toks[src[0] : src[1] + 1]]
            wlow = [w.lower() for w in words]
            core = wlow[: wlow.index(",")] if "," in wlow else wlow
            aux = next((k for k, w in enumerate(core) if w in AUXILIARIES), None)
            if aux is not None and aux > 0 and "," not in wlow and all(
                    w in ADVERBS_BEFORE_CUE or w in AUXILIARIES or (w.endswith("ly") and w not in _NOT_ADVERBS) for w in core[aux:]):
                # "Party leaders are now openly questioning": the subject ends before the auxiliary.
                src = (src[0], src[0] + aux - 1)
                words, wlow = words[:aux], wlow[:aux]
                core = wlow
                aux = None
            if (aux == 0 or core[-1] in LINKING_PREP or (core[-1] in DETERMINERS and not _plain_np(core)) or core[0] in ("given", "like")
                    or core[0] in _NEGATIVE_SUBJECTS  # "No one has claimed ...": nobody is credited
                    or any(w == "to" and k + 1 < len(core) and core[k + 1].isalpha() and core[k + 1] not in DETERMINERS
                           and not _is_cap(words[k + 1]) for k, w in enumerate(core))
                    or (src[0] > 0 and low[src[0] - 1] in ("do", "does", "did"))):
                return None  # "a majority of pledged", "states to help turn out X", "Do you support"
            named = _typing_words(words)
            head = named[-1].lower()
            is_pron = len(named) == 1 and head in PRONOUN_WORDS
            typ = "pronoun" if is_pron else classify_source(named)
            if wlow[0] == "the" and len(wlow) == 2 and wlow[1] in ORG_BACKREFS:
                typ = "named_organization"
            if typ == "unresolved" and not is_pron and lemma in _SPEAKING and _short_np(words):
                pass  # "the owner said": a specific, unnamed person (typed anonymous below)
            elif typ == "unresolved" and not is_pron and (not lw.endswith("ing") or low[subj_end] == ",") and _plain_np(named) and (
                    lemma in _STRONG_SPEECH or (lemma in lexicon.open_subject_lemmas() and prev not in _BE_FORMS)):
                pass  # "callers said", "nine in 10 said": an unnamed speaker (typed below)
            elif typ == "unresolved" and category == "stance" and len(named) == 1 and head in _STANDALONE_QUANTIFIERS:
                typ = "vague"  # "Many believe", "Both think"
            elif typ == "unresolved" and not is_pron:
                src = None
            elif category == "document" and lemma in _DOCUMENT_ONLY_LEMMAS and typ != "document":
                src = None
            elif category == "stance" and typ not in ("pronoun", "named_person", "anonymous", "vague", "named_organization"):
                src = None
            elif lw in NOUN_LIKE and not is_pron and typ == "document" and lemma not in _DOCUMENT_LEMMAS | {"say", "state"}:
                src = None
            elif head in ("it", "this", "that") and lemma not in ("say",):
                src = None
        # Stance verbs need a clause or infinitive after them.
        if category == "stance" or lemma in ("find", "show", "see", "know", "read", "call", "continue", "post", "note", "claim", "report", "question", "answer", "promise", "plan", "support", "oppose", "endorse"):
            if src is None:
                return None
            aside = nxt == "," and src[0] > 0 and toks[src[0] - 1][0] == ","  # "His leverage, they believe, is ..."
            if category == "stance" and not _stance_object(nxt) and not aside and lemma not in ("support", "oppose", "endorse", "call", "back", "prefer", "seek"):
                return None
            if lemma in ("seem", "appear", "expect") and nxt != "to":
                return None  # "X seemed to ...", "X is expected to ..."
            if lemma == "call" and (nxt in ("off", "up", "in", "back", "out", "quits") or i + 1 >= n
                                    or (nxt == "it" and i + 2 < n and low[i + 2] in ("quits", "a", "off"))):
                return None
            if lemma == "continue" and nxt not in (",", ":", ".") and nxt not in OPEN_QUOTES:
                return None
            if lemma == "read" and nxt not in (",", ":") and nxt not in OPEN_QUOTES:
                return None
        if src is not None:
            # Content: the clause after the cue, else what came before the subject.
            after = j
            while after < n and (low[after] in TIME_WORDS or low[after] in ("that", "on", "last", "this", "late", "early")):
                after += 1
            if lemma == "tell" and after < n:
                rec = _np_right(s, after)
                if rec is not None:
                    after = rec[1] + 1
                    while after < n and (low[after] in TIME_WORDS or low[after] in ("that", "on", "last", "this")):
                        after += 1
            before_src = toks[src[0] - 1][0] if src[0] > 0 else ""
            if src[0] > 1 and (before_src == "," or before_src in CLOSE_QUOTES):
                content = (toks[0][1], toks[src[0] - 1][1])
            elif after < n - 1 and toks[after][0] not in (".",):
                content = (toks[after][1], sent_content_end)
            elif src[0] > 0:
                content = (toks[0][1], toks[src[0] - 1][1])
            else:
                content = None
            return (cs, ce), src, content
        # --- Source after the verb (inversion): '"...," said Lopez' / ', said the agency.' -----
        if i > 0 and (toks[i - 1][0] in (",",) or toks[i - 1][0] in CLOSE_QUOTES or (toks[i - 1][0] in OPEN_QUOTES and i > 1 and toks[i - 2][0] in (",", ".", "?", "!"))) and category == "speech":
            np_ = _np_right(s, ce + 1)
            if np_ is not None:
                app = _apposition_right(s, np_[1] + 1)
                end = app if app is not None else np_[1]
                words = [t[0] for t in toks[np_[0] : np_[1] + 1]]
                person_np = lemma in _SPEAKING and _short_np(words)
                if _names_source(words) or person_np:
                    content = (toks[0][1], toks[i - 1][1]) if i > 1 else None
                    return (cs, ce), (np_[0], end), content
        # A bare speech verb after a quotation with a pronoun in the quote's scope is not resolvable.
        return None

    def _hedges(self, s: _Sentence, text: str) -> list[Hedge]:
        toks, low = s.toks, s.low
        n = len(toks)
        out: list[Hedge] = []
        hedges = self.hedges
        if hedges.keys().isdisjoint(low):
            return out
        free = 0  # the first token not inside a hedge already found
        for i in [k for k, w in enumerate(low) if w in hedges]:
            if i < free:
                continue
            matched = 0
            for ph in hedges[low[i]]:
                L = len(ph)
                if tuple(low[i : i + L]) == ph:
                    matched = L
                    break
            if matched:
                w = low[i]
                ok = True
                if matched == 1 and w in ("may", "might", "could"):
                    tok = toks[i][0]
                    prev = low[i - 1] if i > 0 else ""
                    nxt = low[i + 1] if i + 1 < n else ""
                    if w == "may" and (tok == "May" and i > 0 or nxt[:1].isdigit() or prev in ("in", "of", "since", "until", "by", "early", "late", "mid", "last", "next", "this")):
                        ok = False  # the month
                    if w == "may" and prev in ("you", "visitors", "residents", "members", "applicants", "customers", "students", "users", "readers", "passengers"):
                        ok = False  # permission
                    if w == "could" and nxt in ("not", "n't", "never", "only", "hardly", "barely") :
                        ok = False  # past (in)ability
                    if w == "could" and (prev in ("if", "so", "how", "what") or {"before", "until", "unless", "when"} & set(low[max(0, i - 3) : i])):
                        ok = False
                if ok:
                    a, b = toks[i][1], toks[i + matched - 1][2]
                    out.append(Hedge(s.idx, a, b, text[a:b]))
                free = i + matched
        return out


_EXTRACTOR: Extractor | None = None


def extract(seg: Segmented) -> Evidence:
    """Find attributions, hedges and unattributed assertions in a segmented article."""
    global _EXTRACTOR
    if _EXTRACTOR is None:
        _EXTRACTOR = Extractor()
    return _EXTRACTOR.extract(seg)


def use_models(sentence_model: SentenceModel | None | str = "shipped", cue_model: CueModel | None | str = "shipped",
               stance_model: CueModel | None | str = "shipped") -> None:
    """Make :func:`extract` use these learned parts (None: leave out; "shipped": the shipped
    ones). Training uses it to build article features with the models it just fitted."""
    global _EXTRACTOR
    _EXTRACTOR = Extractor(sentence_model, cue_model, stance_model)

