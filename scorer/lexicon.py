"""Lexicons shipped with the package as reviewable text files in ``scorer/data/``.

Each file has one entry a line; ``#`` starts a comment. Files are read once via
``importlib.resources`` and cached.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any, Callable, Sequence

# The cache_clear of every table built from the lexicons elsewhere (see :func:`derived`).
_DERIVED_CLEARS: list[Callable[[], None]] = []


def derived(fn: Callable[..., Any]) -> Any:
    """Cache ``fn``, a table built from the lexicons, until the lexicons are reset.

    :func:`reset_caches` and :func:`set_inventory` forget it with the lexicons it was built from.
    """
    cached = lru_cache(maxsize=None)(fn)
    _DERIVED_CLEARS.append(cached.cache_clear)
    return cached


def on_reset(cached: Any) -> Any:
    """Also clear ``cached`` (a function wrapped by ``functools.lru_cache``) when the lexicons are reset."""
    _DERIVED_CLEARS.append(cached.cache_clear)
    return cached


def _lines(name: str) -> list[str]:
    text = resources.files("scorer.data").joinpath(name).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


@lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    """A lexicon file as a set of lower-case entries."""
    return frozenset(line.lower() for line in _lines(name))


@lru_cache(maxsize=None)
def phrases(name: str) -> tuple[tuple[str, ...], ...]:
    """A lexicon of multi-word phrases, each as a tuple of lower-case words, longest first."""
    items = {tuple(line.lower().split()) for line in _lines(name)}
    return tuple(sorted(items, key=lambda p: (-len(p), p)))


def by_first_word(phrases: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Index phrases by their first word, longest first, so each token is looked up once."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for ph in phrases:
        index.setdefault(ph[0], []).append(ph)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}


def by_first_two_words(index: dict[str, tuple[tuple[str, ...], ...]]) -> tuple[dict[tuple[str, str], tuple[tuple[str, ...], ...]],
                                                                                dict[str, tuple[tuple[str, ...], ...]]]:
    """From :func:`by_first_word`'s index, the phrases that can start at a word given the word
    after it (its one-word phrases and those whose second word it is), and each first word's
    one-word phrases (all that can start at a sentence's last word): each in the index's order,
    so that a common first word ("it", "is") tries only the few phrases that can match there."""
    pairs = {(w, second): tuple(ph for ph in phs if len(ph) == 1 or ph[1] == second)
             for w, phs in index.items() for second in {ph[1] for ph in phs if len(ph) > 1}}
    return pairs, {w: tuple(ph for ph in phs if len(ph) == 1) for w, phs in index.items()}


def candidates(pairs: dict[tuple[str, str], tuple[tuple[str, ...], ...]], singles: dict[str, tuple[tuple[str, ...], ...]],
               low: Sequence[str], i: int) -> tuple[tuple[str, ...], ...]:
    """The phrases of :func:`by_first_two_words` that can start at word ``i`` of ``low`` (whose
    word is a first word of the index)."""
    return pairs.get((low[i], low[i + 1]), singles[low[i]]) if i + 1 < len(low) else singles[low[i]]


@lru_cache(maxsize=None)
def cue_forms() -> dict[str, tuple[str, str]]:
    """Map every inflected cue-verb form to ``(category, lemma)``.

    A form listed under several categories keeps the first (speech before stance before document).
    The learnt inventory (``cue_inventory.tsv``) adds further forms as stance verbs, each its own
    lemma; they are cues under the same conditions as the written stance verbs.
    """
    table: dict[str, tuple[str, str]] = {}
    for line in _lines("cue_verbs.txt"):
        category, lemma, *forms = line.split()
        for form in forms:
            table.setdefault(form.lower(), (category, lemma))
    for form in inventory_forms():
        table.setdefault(form, ("stance", form))
    return table


# The learnt inventory in use: None for the shipped file, else (forms, open-subject lemmas).
_INVENTORY_OVERRIDE: tuple[tuple[str, ...], frozenset[str]] | None = None


@lru_cache(maxsize=None)
def _inventory() -> tuple[tuple[str, ...], frozenset[str]]:
    """``cue_inventory.tsv`` read once: its ``form`` rows and its ``open_subject`` rows."""
    if _INVENTORY_OVERRIDE is not None:
        return _INVENTORY_OVERRIDE
    rows: dict[str, list[str]] = {"form": [], "open_subject": []}
    for line in _lines("cue_inventory.tsv"):
        kind, word = line.split()[:2]
        rows.setdefault(kind, []).append(word.lower())
    return tuple(rows["form"]), frozenset(rows["open_subject"])


def inventory_forms() -> tuple[str, ...]:
    """The learnt cue forms (rows of kind ``form`` in ``cue_inventory.tsv``)."""
    return _inventory()[0]


def open_subject_lemmas() -> frozenset[str]:
    """Cue lemmas learnt to report speech after any plain noun phrase ("the Trump team warned"):
    rows of kind ``open_subject`` in ``cue_inventory.tsv``."""
    return _inventory()[1]


def set_inventory(forms: tuple[str, ...] | None, open_subject: frozenset[str] = frozenset()) -> None:
    """Use these learnt forms and open-subject lemmas in this process (``None`` restores the
    shipped file).

    Used by ``scripts/learn_cue_inventory.py`` to try candidates; callers must build a new
    :class:`scorer.evidence.Extractor` afterwards.
    """
    global _INVENTORY_OVERRIDE
    _INVENTORY_OVERRIDE = None if forms is None else (tuple(forms), frozenset(open_subject))
    _inventory.cache_clear()
    cue_forms.cache_clear()
    for clear in _DERIVED_CLEARS:
        clear()


@lru_cache(maxsize=None)
def cue_rates() -> dict[str, float]:
    """How often each word is part of an attribution cue in annotated news (``cue_rates.tsv``,
    learnt by ``scripts/learn_cue_inventory.py``): the words the stance tagger considers."""
    rates = {}
    for line in _lines("cue_rates.tsv"):
        word, in_cue, occurrences = line.split()
        rates[word.lower()] = int(in_cue) / max(int(occurrences), 1)
    return rates



@lru_cache(maxsize=None)
def residue_rules() -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    """Residue patterns: ``{whole line: reason}`` and ``((line prefix, reason), ...)``."""
    whole: dict[str, str] = {}
    prefixes: list[tuple[str, str]] = []
    for line in _lines("residue.txt"):
        reason, _, pattern = line.partition("\t")
        pattern = pattern.strip().lower()
        if pattern.startswith("prefix:"):
            prefixes.append((pattern[len("prefix:") :], reason.strip()))
        else:
            whole[pattern] = reason.strip()
    return whole, tuple(prefixes)


def reset_caches() -> None:
    """Forget cached lexicons (after editing a data file in a running process)."""
    for fn in (words, phrases, cue_forms, cue_rates, residue_rules):
        fn.cache_clear()
    for clear in _DERIVED_CLEARS:
        clear()
