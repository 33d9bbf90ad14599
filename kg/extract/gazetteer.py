"""The gazetteer of known actors and places (``kg/lexicon/gazetteer.tsv``), as :class:`Entity` objects,
and :func:`find_hits`, which finds their names (and the cue phrases of ``kg/lexicon/actors.yaml``)
in a text."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import ahocorasick

from kg.extract.arabic import ARTICLE_PROCLITICS, PROCLITICS, fold, fold_name, is_arabic, strip_article
from kg.extract.lexicon import load_tsv, load_yaml
from kg.extract.model import Entity


def _split(cell: str | None) -> list[str]:
    return [x.strip() for x in (cell or "").split(";") if x.strip()]


@cache
def entities() -> dict[str, Entity]:
    """Every gazetteer entity by key (QID where known, else a slug of the English label)."""
    out: dict[str, Entity] = {}
    for row in load_tsv("gazetteer.tsv"):
        labels: list[tuple[str, str]] = []
        for lang in ("ar", "ru", "uk"):
            labels += [(lang, name) for name in _split(row.get(f"labels_{lang}"))]
        out[row["key"]] = Entity(
            key=row["key"],
            kind=row["kind"],
            label_en=row["label_en"],
            qid=row.get("qid") or None,
            represents=row.get("represents") or None,
            labels=tuple(labels),
        )
    return out


@cache
def english_aliases() -> dict[str, tuple[str, ...]]:
    """Extra English names of each entity key (beyond ``label_en``)."""
    return {row["key"]: tuple(_split(row.get("aliases_en"))) for row in load_tsv("gazetteer.tsv")}


def entity_by_key(key: str) -> Entity | None:
    """The gazetteer entity with ``key``, or None."""
    return entities().get(key)


def located_in(place: Entity) -> Entity | None:
    """The place that ``place`` lies in (``located_in`` of ``kg/lexicon/places.yaml``), as a Place entity
    (a state as a place keeps its actor key), or None if the data names none."""
    parent = entity_by_key(str((load_yaml("places.yaml").get("located_in") or {}).get(place.key, "")))
    if parent is None:
        return None
    return parent if parent.kind == "Place" else Entity(parent.key, "Place", parent.label_en, parent.qid,
                                                        None, parent.labels)


def within(inner: Entity, outer: Entity) -> bool:
    """Whether place ``inner`` is ``outer`` or lies in it, following ``located_in`` (Kremlin → Moscow →
    Russia)."""
    seen: set[str] = set()
    node: Entity | None = inner
    while node is not None and node.key not in seen:
        if node.key == outer.key:
            return True
        seen.add(node.key)
        node = located_in(node)
    return False


def state_of(e: Entity) -> Entity:
    """The party an actor counts as: the state a person represents, else the actor itself."""
    if e.represents:
        rep = entity_by_key(e.represents)
        if rep is not None:
            return rep
    return e


# ---------------------------------------------------------------------------------------------
# Finding names in text: one Aho-Corasick automaton over folded names, cues and stop-lists.
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """What a matched phrase may stand for.

    ``kind``: ``entity`` (``key`` = gazetteer key), ``demonym`` / ``metonym`` (``key`` = state key,
    ``place`` = place key of a metonym), ``source`` (a news outlet), ``role`` (``key`` = the role
    phrase folded), ``org`` / ``org_weak`` (``key`` = a state-organisation kind). ``via`` says how
    an entity is named (name, alias, surname). ``form`` is the phrase as written in the data.
    """

    kind: str
    key: str
    via: str = "name"
    form: str = ""
    needs_article: bool = False  # an Arabic phrase stored without its article ال, which the text must carry
    article_optional: bool = False  # an Arabic phrase that may carry ال or not (demonyms, role words)
    place: str | None = None
    latin: bool = True  # the form has no Arabic letters (set from ``form``)

    def __post_init__(self) -> None:
        object.__setattr__(self, "latin", _is_latin_form(self.form))


@dataclass(frozen=True)
class Hit:
    """A phrase found in the body: original ``[start, end)``, its text and the targets it may stand for.

    ``prefix`` is the folded Arabic proclitic string glued before it (``"و"``, ``"بال"``), else "".
    """

    start: int
    end: int
    text: str
    targets: tuple[Target, ...]
    prefix: str = ""

    def first(self, *kinds: str) -> Target | None:
        """The first target of one of ``kinds``, or None."""
        return next((t for t in self.targets if t.kind in kinds), None)


def _is_latin_form(form: str) -> bool:
    return not any(is_arabic(c) for c in form)


def _acronym(form: str, max_len: int) -> bool:
    letters = [c for c in form if c.isalpha()]
    return 0 < len(letters) <= max_len and all(c.isupper() for c in letters)


def _lex() -> dict[str, Any]:
    return load_yaml("actors.yaml")


def _person_name_forms(label: str, aliases: list[str]) -> list[tuple[str, str]]:
    """English (form, via) pairs of a person: label, aliases, surname(s) and spelling variants."""
    lex = _lex()
    sv: dict[str, list[str]] = lex.get("surname_variants") or {}
    fv: dict[str, list[str]] = lex.get("first_name_variants") or {}
    stop = set(lex.get("surname_stop") or [])
    out = [(label, "name")] + [(a, "alias") for a in aliases]
    for full in [label, *aliases]:
        toks = full.split()
        if len(toks) < 2:
            continue
        first, last = " ".join(toks[:-1]), toks[-1]
        lasts = [last, *(sv.get(last) or [])]
        firsts = [first, *(fv.get(first) or [])]
        out += [(f"{f} {s}", "alias") for f in firsts for s in lasts if f"{f} {s}" != full]
        if last not in stop and len(last) > 2:
            out += [(s, "surname") for s in lasts]
    return out


@cache
def _patterns() -> dict[str, tuple[Target, ...]]:
    """Folded pattern → targets. Arabic phrases with the article are stored without it."""
    lex = _lex()
    pats: dict[str, list[Target]] = {}
    ar_stop = {fold_name(w) for w in lex.get("arabic_stop") or []}

    def add(form: str, target: Target, arabic_surname: bool = False) -> None:
        f = fold_name(form)
        if not f:
            return
        if not _is_latin_form(form):
            if arabic_surname and f in ar_stop:
                return
            if f in ar_stop and " " not in f:
                return
            bare = strip_article(f)
            if bare is not None:
                f = bare
                fields = {k: v for k, v in target.__dict__.items() if k != "latin"}
                target = Target(**{**fields, "needs_article": not target.article_optional})
        lst = pats.setdefault(f, [])
        if target not in lst:
            lst.append(target)

    aliases = english_aliases()
    for e in entities().values():
        if e.kind == "Person":
            forms = _person_name_forms(e.label_en, list(aliases.get(e.key, ())))
        else:
            forms = [(e.label_en, "name")] + [(x, "alias") for x in aliases.get(e.key, ())]
        for form, via in forms:
            add(form, Target("entity", e.key, via, form))
        for _lang, name in e.labels:
            add(name, Target("entity", e.key, "name", name))
            toks = name.split()
            arabic_name = not _is_latin_form(name)
            if e.kind == "Person" and len(toks) >= 2 and arabic_name and len(fold_name(toks[-1])) >= 4:
                add(toks[-1], Target("entity", e.key, "surname", toks[-1]), arabic_surname=True)
    for state, d in (lex.get("demonyms") or {}).items():
        for form in d.get("en") or []:
            add(form, Target("demonym", state, "demonym", form))
        for stem in d.get("ar") or []:
            for suffix in ("", "ة", "ين", "ون", "يين"):
                if suffix == "يين" and not stem.endswith("ي"):
                    continue
                form = stem[:-1] + suffix if suffix == "يين" else stem + suffix
                add(form, Target("demonym", state, "demonym", form, article_optional=True))
        for form in d.get("ar_plural") or []:
            add(form, Target("demonym", state, "demonym", form, article_optional=True))
    for m in lex.get("metonyms") or []:
        for lang in ("en", "ar", "ru"):
            for form in m.get(lang) or []:
                add(form, Target("metonym", m["state"], "metonym", form, place=m.get("place")))
    for lang in ("en", "ar"):
        for form in (lex.get("sources") or {}).get(lang) or []:
            add(form, Target("source", form, "source", form))
        for form in (lex.get("roles") or {}).get(lang) or []:
            add(form, Target("role", fold_name(form), "role", form, article_optional=True))
    for kind, d in (lex.get("state_organisations") or {}).items():
        for form in (d.get("en") or []) + (d.get("ar") or []):
            add(form, Target("org", kind, "org", form, article_optional=True))
        for form in d.get("ar_weak") or []:
            add(form, Target("org_weak", kind, "org", form, article_optional=True))
    return {k: tuple(v) for k, v in pats.items()}


@cache
def _automaton() -> Any:
    auto = ahocorasick.Automaton()
    for pattern, targets in _patterns().items():
        auto.add_word(pattern, (pattern, targets))
    auto.make_automaton()
    return auto


def _case_ok(original: str, form: str, max_len: int) -> bool:
    """Latin phrases written capitalised in the data must be capitalised in the text; acronyms exact."""
    if not form:
        return True
    if _acronym(form, max_len):
        letters = [c for c in original if c.isalpha()]
        return all(c.isupper() for c in letters)
    if form[0].isupper():
        return original[:1].isupper()
    return True


def _targets_at(targets: tuple[Target, ...], prefix: str, original: str, max_len: int) -> tuple[Target, ...]:
    """The targets a phrase keeps given the proclitic prefix before it and its written case."""
    out = []
    for t in targets:
        if t.latin:
            # Names keep their capitals; role words and organisation cues are matched in any case.
            cased = t.kind not in ("role", "org", "org_weak")
            if prefix or (cased and not _case_ok(original, t.form, max_len)):
                continue
        elif t.needs_article:
            if prefix not in ARTICLE_PROCLITICS:
                continue
        elif t.article_optional:
            if prefix not in PROCLITICS and prefix not in ARTICLE_PROCLITICS:
                continue
        elif prefix not in PROCLITICS:
            continue
        out.append(t)
    return tuple(out)


def _word_char(c: str) -> bool:
    return c.isalnum()


@lru_cache(maxsize=32)
def find_hits(body: str) -> tuple[Hit, ...]:
    """Every known phrase in ``body``: leftmost-longest, non-overlapping, on word boundaries.

    Arabic phrases may carry proclitics (و ف ب ل ك and the article); the hit's span starts after
    them (after the article only when the data phrase had none). Offsets are original offsets:
    ``body[h.start:h.end] == h.text``.
    """
    folded = fold(body)
    text = folded.text
    max_len = int(_lex().get("acronym_max_len") or 5)
    cands: list[tuple[int, int, str, tuple[Target, ...]]] = []
    n_text = len(text)
    for end_idx, (pattern, targets) in _automaton().iter(text):
        fs, fe = end_idx - len(pattern) + 1, end_idx + 1
        # why inline str.isalnum (= _word_char): this loop runs for every automaton match of the body
        if fe < n_text and text[fe].isalnum() and text[fe - 1].isalnum():
            continue
        ws = fs
        if text[fs].isalnum():
            while ws > 0 and text[ws - 1].isalnum():
                ws -= 1
        prefix = text[ws:fs]
        if prefix and not all(is_arabic(c) for c in prefix):
            continue
        o_start, o_end = folded.span(fs, fe)
        kept = _targets_at(targets, prefix, body[o_start:o_end], max_len)
        if not kept:
            continue
        if prefix.endswith("ال") and any(t.needs_article or t.article_optional for t in kept):
            o_start = folded.index[fs - 2]  # the article belongs to the phrase ("الكرملين")
            prefix = prefix[:-2]
        cands.append((o_start, o_end, prefix, kept))
    cands.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    out: list[Hit] = []
    last_end = -1
    for o_start, o_end, prefix, kept in cands:
        if o_start < last_end:
            continue
        o_end = folded.extend_marks(o_end)
        out.append(Hit(o_start, o_end, body[o_start:o_end], kept, prefix))
        last_end = o_end
    return tuple(out)
