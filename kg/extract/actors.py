"""Stage: actors and places named in the body → ``a.mentions``.

Phrases are found by :func:`kg.extract.gazetteer.find_hits` (gazetteer names, demonyms, metonyms,
news sources, role words, organisation cues; English case-insensitive, Arabic tolerant of letter
variants, diacritics and proclitics), then resolved by context:

- a person, organisation or place name → a mention of that entity (``via`` name/alias/surname);
- a state named as a noun → ``via`` name/alias, but ``via="location"`` after "in"/"في"
  ("a summit in Indonesia"): the gold counts such states as places, not actors;
- a demonym ("Russian", "الروسية") → the state, ``via="demonym"`` (not actor evidence, see
  :meth:`Analysis.actors`), usable by later stages to resolve roles and parties;
- a capital or metonym ("Moscow said", "the Kremlin") → the state, ``via="metonym"``; in a
  locative context ("talks in Moscow", "بموسكو") → the place itself;
- an organisation cue with a state ("Russia's Foreign Ministry", "وزارة الخارجية الروسية") → one
  node per state and kind (``<state key>-foreign-ministry``); without a state, nothing;
- a role followed by an unknown name ("German Foreign Minister Annalena Baerbock") → a new
  Person representing the role's state; a role with a state but no name ("the British prime
  minister") → the office holder on the article's date, ``via="role"``;
- news outlets (CNN, رويترز) → no mention; see :func:`sources_in`.

Every mention satisfies ``body[m.start:m.end] == m.text``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

from kg.extract.arabic import ARTICLE_PROCLITICS, PROCLITICS, TATWEEL, Folded, fold, fold_name, is_arabic
from kg.extract.gazetteer import Hit, Target, entities, entity_by_key, find_hits, state_of
from kg.extract.lexicon import load_yaml
from kg.extract.model import Analysis, Entity, Mention

# Words and punctuation, keeping diacritics and tatweel inside Arabic words.
_TOKEN = re.compile(r"[^\s.,;:!?؟،؛\"“”«»()\[\]{}…]+|[.,;:!?؟،؛\"“”«»()\[\]{}…]")
_STOP_PUNCT = set(".;:!?؟؛()[]{}…\"“”«»")
_POSSESSIVE = ("'s", "’s", "'", "’")
_POSS_AFTER = re.compile(r"['’]s?(?!\w)")

# After an English noun-or-adjective ("US"), these words make it a noun ("the US and Ukraine").
_NOUN_FOLLOWERS = frozenset(
    "and or to is was has have had will would could should can may might must said says also does did "
    "of in on at for with by from as but which who that wants wanted announced proposed rejected "
    "accepted agreed demanded offered insisted warned told urged called sent made plans plan "
    "are were be been being not nor than then".split()
)


@dataclass(slots=True)
class _Item:
    """A token or a hit, in text order."""

    start: int
    end: int
    text: str
    hit: Hit | None = None
    gap_before: str = ""  # the text between the previous item and this one

    @property
    def folded(self) -> str:
        t = self.text
        for p in _POSSESSIVE:
            if t.endswith(p) and len(t) > len(p):
                t = t[: -len(p)]
                break
        return fold_name(t)


@cache
def _lex() -> dict[str, Any]:
    return load_yaml("actors.yaml")


@cache
def _word_set(section: str, lang: str) -> frozenset[str]:
    return frozenset(fold_name(w) for w in (_lex().get(section) or {}).get(lang) or [])


@cache
def _capitals() -> dict[str, str]:
    return {str(k): str(v) for k, v in (_lex().get("capitals") or {}).items()}


def _items(body: str, hits: tuple[Hit, ...]) -> list[_Item]:
    """Tokens of ``body`` with each hit as one item.

    Text glued before an Arabic hit (its proclitics) stays out of both; an English possessive after
    a hit belongs to its item ("Russia's").
    """
    out: list[_Item] = []
    append = out.append
    hi = 0
    n_hits = len(hits)
    skip_to = 0
    prev_end = 0  # the furthest end of the items so far (each item's gap_before starts there)
    # why: most tokens lie before the next hit; comparing with its start alone keeps their path short.
    next_hit = hits[0].start if n_hits else len(body) + 1
    for m in _TOKEN.finditer(body):
        ts, te = m.span()
        if next_hit < te:
            while hi < n_hits and hits[hi].start < te:
                h = hits[hi]
                if h.start > ts and body[h.start - 1] == "-" and ts >= skip_to:
                    # "then-President": keep "then-"
                    append(_Item(ts, h.start, body[ts:h.start], None, body[prev_end:ts] if ts >= prev_end else ""))
                    if h.start > prev_end:
                        prev_end = h.start
                end = h.end
                poss = _POSS_AFTER.match(body, end)
                if poss and _is_latin(h.text):
                    end = poss.end()
                append(_Item(h.start, end, body[h.start:end], h,
                             body[prev_end:h.start] if h.start >= prev_end else ""))
                if end > prev_end:
                    prev_end = end
                if end > skip_to:
                    skip_to = end
                hi += 1
            next_hit = hits[hi].start if hi < n_hits else len(body) + 1
        if ts < skip_to:
            continue
        append(_Item(ts, te, m.group(), None, body[prev_end:ts] if ts >= prev_end else ""))
        if te > prev_end:
            prev_end = te
    while hi < n_hits:
        h = hits[hi]
        append(_Item(h.start, h.end, h.text, h, body[prev_end:h.start] if h.start >= prev_end else ""))
        if h.end > prev_end:
            prev_end = h.end
        hi += 1
    return out


def _is_latin(text: str) -> bool:
    return not any(is_arabic(c) for c in text)


def _is_arabic_item(it: _Item) -> bool:
    return any(is_arabic(c) for c in it.text)


# --------------------------------------------------------------------------- resolution helpers


def _locative(items: list[_Item], i: int, lang: str, section: str) -> bool:
    """The phrase at ``i`` follows a locative word of ``section`` (``actors.yaml``).

    A demonym or an article between them does not count ("in the Russian capital, Moscow",
    "في العاصمة البريطانية لندن"), nor does a comma after a demonym, nor a proclitic و on the
    locative word ("وفي موسكو"). Arabic: the proclitic ب on the phrase itself is locative ("بموسكو").
    """
    words = _word_set(section, lang)
    hit = items[i].hit
    if lang == "ar" and section == "locative_before" and hit is not None and \
            hit.prefix in {fold_name(p) for p in _lex().get("locative_proclitics") or []}:
        return True
    j = i - 1
    skip = ("the", "a", "an", ",")
    while j >= 0 and j >= i - 3 and (items[j].folded in skip or
                                     (items[j].hit is not None and items[j].hit.first("demonym"))):
        j -= 1
    if j < 0:
        return False
    prev = items[j].folded
    if lang == "ar":
        return prev in words or (prev[:1] in ("و", "ف") and prev[1:] in words)
    return prev in words or (j > 0 and f"{items[j - 1].folded} {prev}" in words)


def _capital_is_place(items: list[_Item], i: int, lang: str) -> bool:
    """A capital or metonym at ``i`` names the place (not the government) in a locative context."""
    if _locative(items, i, lang, "locative_before"):
        return True
    nxt = items[i + 1] if i + 1 < len(items) else None
    if lang == "en" and nxt is not None:
        if nxt.folded in _word_set("place_after", "en") and not items[i].text.endswith(_POSSESSIVE):
            return True
        # A dateline: "MOSCOW, Dec 3 —" / "Brussels 28.02.2022" at the start of a line.
        before = items[i - 1] if i > 0 else None
        line_start = before is None or "\n" in items[i].gap_before
        if line_start and (nxt.text in (",", "(", "—", "-") or nxt.text[:1].isdigit()):
            return True
    return False


_SEPARATORS = frozenset({",", "-", "–", "—", "", "of", "and", "or"})


def _after_place(items: list[_Item], i: int, resolved: dict[int, Entity], separators: frozenset[str]) -> bool:
    """The item before ``i`` (across one separator) is a hit already resolved to a place.

    "in Jeddah, Saudi Arabia", "the Gomel region of Belarus", "بريست ـ بيلاروسيا",
    "بين الرياض وإسطنبول وأبوظبي" (coordinated with a place, a capital is a place too).
    """
    j = i - 1
    hit = items[i].hit
    glued_and = hit is not None and hit.prefix[:1] == "و"
    if j >= 0 and items[j].hit is None and items[j].folded in separators:
        j -= 1
    elif not glued_and:
        return False
    if j < 0 or items[j].hit is None:
        return False
    e = resolved.get(items[j].hit.start)
    return e is not None and e.kind == "Place"


def _noun_use(items: list[_Item], i: int) -> bool:
    """An English phrase that is both a state name and a demonym ("US") is used as a noun here."""
    it = items[i]
    if it.text.endswith(_POSSESSIVE):
        return True
    nxt = items[i + 1] if i + 1 < len(items) else None
    if nxt is None or not nxt.text[:1].isalpha():
        return True
    w = nxt.text.lower()
    return w in _NOUN_FOLLOWERS or (w.endswith("ed") and nxt.hit is None)


def _state_of_hit(hit: Hit | None, resolved: dict[int, Entity]) -> Entity | None:
    """The state a hit refers to (state name, demonym, metonym, capital, org or person), else None."""
    if hit is None:
        return None
    e = resolved.get(hit.start)
    if e is not None:
        if e.kind == "State":
            return e
        if e.kind in ("Person", "Organization"):
            s = state_of(e) if e.represents else _org_state(e)
            return s if s is not None and s.kind == "State" else None
        if e.kind == "Place" and e.key in _capitals():
            return entity_by_key(_capitals()[e.key])
    t = hit.first("demonym", "metonym")
    if t is not None:
        return entity_by_key(t.key)
    t = hit.first("entity")
    if t is not None:
        ent = entity_by_key(t.key)
        if ent is not None and ent.kind == "State":
            return ent
        if ent is not None and ent.key in _capitals():
            return entity_by_key(_capitals()[ent.key])
    return None


def _org_state(e: Entity) -> Entity | None:
    """The state of a state organisation node (key ``<state key>-<kind>``), else None."""
    for kind in _lex().get("state_organisations") or {}:
        if e.key.endswith("-" + kind):
            return entity_by_key(e.key[: -len(kind) - 1])
    return None


# --------------------------------------------------------------------------- organisations


def _state_adjective(state: Entity) -> str:
    adj = (_lex().get("state_adjectives") or {}).get(state.key)
    if adj:
        return str(adj)
    d = (_lex().get("demonyms") or {}).get(state.key) or {}
    en = [x for x in d.get("en") or [] if not x.isupper() and "." not in x]
    return en[0] if en else state.label_en


@cache
def state_organisation(state_key: str, kind: str) -> Entity | None:
    """The node of a state's organisation of ``kind`` (e.g. ``Q159-foreign-ministry``), or None.

    Its English labels are every form of ``labels_en`` in ``actors.yaml`` with the state's names.
    """
    spec = (_lex().get("state_organisations") or {}).get(kind)
    state = entity_by_key(state_key)
    if spec is None or state is None:
        return None
    from kg.extract.gazetteer import english_aliases

    names = [state.label_en, *english_aliases().get(state.key, ())]
    names = [n for n in names if not n.replace(".", "").isupper()]
    adj = _state_adjective(state)
    label = spec["label"].format(name=state.label_en, adj=adj)
    labels: list[str] = []
    for tpl in spec.get("labels_en") or []:
        for n in names:
            lab = tpl.format(name=n, adj=adj)
            if lab != label and lab not in labels:
                labels.append(lab)
    key = f"{state.key}-{kind}"
    return Entity(key=key, kind="Organization", label_en=label, labels=tuple(("en", x) for x in labels))


def _resolve_org(items: list[_Item], i: int, resolved: dict[int, Entity]) -> tuple[Entity, int, int] | None:
    """The state organisation an org cue at ``i`` names, with the span naming it, or None."""
    hit = items[i].hit
    assert hit is not None
    t = hit.first("org", "org_weak")
    assert t is not None
    arabic = _is_arabic_item(items[i])
    if arabic:
        if i + 1 >= len(items):
            return None
        nxt = items[i + 1]
        if nxt.hit is None or nxt.hit.prefix:
            return None
        if t.kind == "org_weak":
            prev = items[i - 1].folded if i > 0 else ""
            d = nxt.hit.first("demonym")
            before = items[i - 1].hit if i > 0 else None
            # "وزير الخارجية الروسي" names a minister, "باسم الخارجية الروسية" the ministry.
            role_before = before is not None and before.first("role") is not None
            role_before = role_before and not prev.endswith("باسم")
            feminine = fold_name(nxt.text).endswith("ه")
            if d is None or not feminine or role_before or prev.endswith("وزير"):
                return None
        named = resolved.get(nxt.hit.start)
        if nxt.hit.first("demonym") is None and (named is None or named.kind != "State"):
            return None  # "وزير الجيش دان دريسكول": a person after the cue is not the state
        state = _state_of_hit(nxt.hit, resolved)
        if state is None:
            return None
        org = state_organisation(state.key, t.key)
        return (org, items[i].start, nxt.end) if org else None
    # English: a state right before ("Russia's", "the Belarusian") or "of/in <state>" right after.
    if i > 0 and items[i - 1].hit is not None and re.fullmatch(r"\s+", items[i].gap_before):
        state = _state_of_hit(items[i - 1].hit, resolved)
        if state is not None:
            org = state_organisation(state.key, t.key)
            return (org, items[i - 1].start, items[i].end) if org else None
    if i + 2 < len(items) and items[i + 1].folded in ("of", "in"):
        j = i + 3 if items[i + 2].folded == "the" and i + 3 < len(items) else i + 2
        state = _state_of_hit(items[j].hit, resolved)
        if state is not None:
            org = state_organisation(state.key, t.key)
            return (org, items[i].start, items[j].end) if org else None
    return None


# --------------------------------------------------------------------------- persons by role


def _title_case_line(body: str, pos: int) -> bool:
    """The line around ``pos`` is a headline in Title Case (most longer words capitalised)."""
    ls = body.rfind("\n", 0, pos) + 1
    le = body.find("\n", pos)
    words = [w for w in re.findall(r"[^\W\d_]{4,}", body[ls:le if le >= 0 else len(body)])]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _strip_possessive(name: str) -> str:
    for p in _POSSESSIVE:
        if name.endswith(p) and len(name) > len(p):
            return name[: -len(p)]
    return name


def _slug(name: str) -> str:
    s = re.sub(r"[^\w]+", "-", fold_name(name)).strip("-")
    return s or "person"


def _is_name_token(it: _Item) -> bool:
    t = it.text
    for p in _POSSESSIVE:
        if t.endswith(p) and len(t) > len(p):
            t = t[: -len(p)]
            break
    if it.hit is not None or len(t) < 2 or not t[0].isupper():
        return False
    if not any(c.islower() for c in t) or not all(c.isalpha() or c in "-'’" for c in t):
        return False
    if t in (_lex().get("name_stop") or {}).get("en", []):
        return False
    return fold_name(t) not in _word_set("role_tokens", "en")


def _is_ar_name_token(it: _Item) -> bool:
    if it.hit is not None:
        return False
    f = it.folded
    if len(f) < 2 or not all(is_arabic(c) for c in f):
        return False
    # Names carry no article; the article is written with a bare alef (أليكسي is a name).
    raw = "".join(c for c in it.text if unicodedata.category(c) != "Mn" and c != TATWEEL)
    if any(raw.startswith(p) for p in ARTICLE_PROCLITICS if p):
        return False
    stop = _word_set("name_stop", "ar") | _word_set("role_tokens", "ar")
    return f not in stop and not (f[:1] in ("و", "ف") and f[1:] in stop)


def _role_phrase_state(items: list[_Item], lo: int, hi: int, resolved: dict[int, Entity]) -> Entity | None:
    """The first state named by a hit among items ``[lo, hi)`` (demonym, state, metonym, org, person)."""
    for j in range(max(lo, 0), min(hi, len(items))):
        s = _state_of_hit(items[j].hit, resolved)
        if s is not None:
            return s
    return None


def _en_role(items: list[_Item], i: int, resolved: dict[int, Entity]) -> tuple[int, int | None, int, int]:
    """English role phrase at ``i``: (phrase start, name start or None, name end, phrase end) as item indices.

    Without a name, the name end is the phrase end.
    """
    role_tokens = _word_set("role_tokens", "en")
    # Backward: role words, states and possessives glued before the role ("US National Security Advisor").
    lo = i
    while lo > 0:
        prev = items[lo - 1]
        if prev.text in _STOP_PUNCT or prev.text == ",":
            break
        if prev.hit is not None and (prev.hit.first("demonym", "metonym", "org", "role") or
                                     _state_of_hit(prev.hit, resolved) is not None):
            lo -= 1
            continue
        if prev.folded in role_tokens and prev.folded not in ("and",):
            lo -= 1
            continue
        break
    # Forward: more role words, then the name.
    j = i + 1
    if j < len(items) and items[j].text == ",":
        j += 1
    while j < len(items) and j - i < 8:
        it = items[j]
        if it.hit is not None and (it.hit.first("demonym", "metonym", "org", "role") or
                                   (_state_of_hit(it.hit, resolved) is not None and
                                    resolved.get(it.start, Entity("", "", "")).kind != "Person")):
            j += 1
            continue
        if it.hit is None and it.folded in role_tokens and not _is_name_token(it):
            j += 1
            continue
        break
    k = j
    while k < len(items) and k - j < 3 and _is_name_token(items[k]):
        k += 1
    if k - j >= 2 and not (k < len(items) and _is_name_token(items[k])):
        return lo, j, k, j
    # Apposition before the role: "Andriy Zelenchuk, a deputy minister".
    if lo >= 3 and items[lo - 1].text == ",":
        ne = lo - 1
        ns = ne
        while ns > 0 and ne - ns < 3 and _is_name_token(items[ns - 1]):
            ns -= 1
        if ne - ns >= 2 and not (ns > 0 and _is_name_token(items[ns - 1])):
            return lo, ns, ne, j
    return lo, None, j, j


def _is_state_hit(hit: Hit) -> bool:
    t = hit.first("entity")
    e = entity_by_key(t.key) if t is not None else None
    return e is not None and e.kind == "State"


def _ar_role(items: list[_Item], i: int) -> tuple[int, int | None, int]:
    """Arabic role phrase at ``i``: (end of the role phrase item, name start item or None, name end)."""
    role_tokens = _word_set("role_tokens", "ar")
    j = i + 1
    while j < len(items) and j - i < 7:
        it = items[j]
        if it.hit is not None and it.hit.first("role") and it.hit.prefix[:1] in ("و", "ف"):
            break  # "رئيس الوزراء البريطاني والرئيس الفرنسي": a second, coordinated role
        if it.hit is not None and (it.hit.first("demonym", "metonym", "org", "org_weak", "role") or
                                   _is_state_hit(it.hit)):
            j += 1
            continue
        if it.hit is None and it.folded in role_tokens:
            j += 1
            continue
        if it.hit is not None and it.hit.first("entity") and it.hit.prefix[-1:] == "ل":
            j += 1  # "المبعوث الخاص لترامب": whose envoy
            continue
        break
    # Arabic has no capitals: take exactly a first name and a surname, maybe after a comma
    # ("المبعوث الخاص لترامب، ستيف ويتكوف").
    k = j + 1 if j < len(items) and items[j].text == "،" else j
    if k + 1 < len(items) and _is_ar_name_token(items[k]) and _is_ar_name_token(items[k + 1]):
        return j, k, k + 2
    return j, None, j


def _office_holder(role: Target, state: Entity, published: dt.date | None) -> Entity | None:
    """The holder of the office a role word names, for ``state`` on ``published``."""
    if published is None:
        return None
    form = fold_name(role.form)
    for spec in (_lex().get("offices") or {}).values():
        forms = {fold_name(x) for lang in ("en", "ar") for x in spec.get(lang) or []}
        if form not in forms and form.removeprefix("ال") not in {f.removeprefix("ال") for f in forms}:
            continue
        for key, start, end in (spec.get("holders") or {}).get(state.key, []):
            begins = dt.date.fromisoformat(str(start))
            ends = dt.date.fromisoformat(str(end)) if end else None
            if begins <= published and (ends is None or published < ends):
                return entity_by_key(str(key))
    return None


def _negated(items: list[_Item], lo: int, hi: int, lang: str) -> bool:
    """A word of ``role_negators`` ("former", "السابق", "في ذلك الحين") marks the role as not current.

    English: up to two words before the phrase, or inside it; Arabic: inside it or up to three after.
    """
    neg = _word_set("role_negators", lang)
    window = range(max(lo - 2, 0), hi) if lang == "en" else range(lo, min(hi + 3, len(items)))
    words = [items[j].folded.rstrip("-") for j in window]
    text = f" {' '.join(words)} "
    return any(f" {n} " in text for n in neg)


# --------------------------------------------------------------------------- the stage


def _place_entity(t: Target) -> Entity | None:
    return entity_by_key(t.place) if t.place else None


_PLACE_SEPARATORS = frozenset({",", "-", "–", "—", "", "of"})


def _resolve_metonym(items: list[_Item], i: int, met: Target, lang: str) -> tuple[Entity, str] | None:
    """A metonym ("the Kremlin") is its place in a locative context, else its state's government."""
    place = _place_entity(met)
    if place is not None and _capital_is_place(items, i, lang):
        return place, "name"
    state = entity_by_key(met.key)
    return (state, "metonym") if state is not None else None


def _resolve_name(items: list[_Item], i: int, resolved: dict[int, Entity]) -> tuple[Entity, str] | None:
    """The entity and ``via`` of a name, demonym, metonym or capital hit at ``i``, by its context."""
    h = items[i].hit
    assert h is not None
    lang = "ar" if _is_arabic_item(items[i]) else "en"
    ents = entities()
    t = next((x for x in h.targets if x.kind == "entity" and x.key in ents), None)
    met = h.first("metonym")
    if t is not None:
        e = ents[t.key]
        if e.kind == "State":
            if h.first("demonym") is not None and lang == "en" and not _noun_use(items, i):
                return e, "demonym"  # "US officials"
            nxt = items[i + 1] if i + 1 < len(items) else None
            city_country = _after_place(items, i, resolved, _PLACE_SEPARATORS) and (
                nxt is None or nxt.text in ",.;:)،؛" or nxt.folded in ("on", "in", "at", "في"))
            if city_country or _locative(items, i, lang, "state_locative_before"):
                return e, "location"  # "in Jeddah, Saudi Arabia", "a summit in Indonesia"
            return e, t.via
        if e.kind == "Place" and e.key in _capitals():
            if _capital_is_place(items, i, lang) or _after_place(items, i, resolved, _SEPARATORS):
                return e, t.via
            state = entity_by_key(_capitals()[e.key])
            return (state, "metonym") if state is not None else None
        if met is not None:
            return _resolve_metonym(items, i, met, lang)
        return e, t.via
    if met is not None:
        return _resolve_metonym(items, i, met, lang)
    dem = h.first("demonym")
    state = entity_by_key(dem.key) if dem is not None else None
    return (state, "demonym") if state is not None else None


def run(a: Analysis) -> None:
    """Fill ``a.mentions`` with the actors and places ``a.doc.body`` names (see the module doc)."""
    body = a.doc.body
    hits = find_hits(body)
    items = _items(body, hits)
    resolved: dict[int, Entity] = {}  # hit start → entity it was resolved to
    mentions: list[Mention] = []
    ents = entities()

    def emit(e: Entity, start: int, end: int, via: str) -> None:
        mentions.append(Mention(e, start, end, body[start:end], via))

    # Pass 1: names, demonyms, metonyms, capitals.
    surname_hits: list[tuple[int, list[Entity]]] = []
    for i, it in enumerate(items):
        h = it.hit
        if h is None or h.first("source"):
            continue
        named_here = [ents[t.key] for t in h.targets if t.kind == "entity" and t.key in ents]
        persons = list(dict.fromkeys(e for e in named_here if e.kind == "Person"))
        if len(persons) > 1:
            surname_hits.append((i, persons))
            continue
        got = _resolve_name(items, i, resolved)
        if got is not None:
            emit(got[0], h.start, h.end, got[1])
            resolved[h.start] = got[0]
    # A surname shared by several known persons: the one named in full elsewhere, else none.
    named = {m.entity.key for m in mentions if m.via in ("name", "alias")}
    for i, persons in surname_hits:
        chosen = [p for p in persons if p.key in named]
        if len(chosen) == 1:
            h = items[i].hit
            assert h is not None
            emit(chosen[0], h.start, h.end, "surname")
            resolved[h.start] = chosen[0]

    # Pass 2: organisations of a state.
    for i, it in enumerate(items):
        if it.hit is None or not it.hit.first("org", "org_weak") or it.hit.start in resolved:
            continue
        got = _resolve_org(items, i, resolved)
        if got is not None:
            org, s, e = got
            emit(org, s, e, "name")
            resolved[it.hit.start] = org

    # Pass 3: persons introduced by a role; office holders named by role and state.
    known_spans = sorted((m.start, m.end) for m in mentions)
    for i, it in enumerate(items):
        if it.hit is None or it.hit.first("role") is None or it.hit.start in resolved:
            continue
        role = it.hit.first("role")
        assert role is not None
        if _is_arabic_item(it):
            end, ns, ne = _ar_role(items, i)
            state = _role_phrase_state(items, i + 1, end, resolved)
            if ns is not None:
                name = body[items[ns].start:items[ne - 1].end]
                person = Entity(key=_slug(name), kind="Person", label_en="",
                                represents=state.key if state else None, labels=(("ar", name),))
                emit(person, items[ns].start, items[ne - 1].end, "role")
                continue
            nxt = items[end] if end < len(items) else None
            if state is not None and not (nxt is not None and nxt.hit is not None and
                                          resolved.get(nxt.hit.start, Entity("", "", "")).kind == "Person") \
                    and not _negated(items, i, end, "ar"):
                holder = _office_holder(role, state, a.doc.published)
                if holder is not None:
                    emit(holder, it.start, items[end - 1].end, "role")
            continue
        lo, ns, ne, pe = _en_role(items, i, resolved)
        state = _role_phrase_state(items, lo, pe, resolved)
        if ns is not None and _title_case_line(body, it.start):
            continue  # in a Title Case Headline every word looks like a name
        if ns is not None:
            s, e = items[ns].start, items[ne - 1].end
            name = _strip_possessive(body[s:e])
            e = s + len(name)
            if any(ks < e and s < ke for ks, ke in known_spans):
                continue
            person = Entity(key=_slug(name), kind="Person", label_en=name,
                            represents=state.key if state else None)
            emit(person, s, e, "name")
            # "envoys Steve Witkoff and Jared Kushner": a second name coordinated with the first.
            k = ne
            if ns > i and k + 2 < len(items) and items[k].folded == "and":
                m_end = k + 1
                while m_end < len(items) and m_end - k - 1 < 3 and _is_name_token(items[m_end]):
                    m_end += 1
                if m_end - k - 1 >= 2 and not (m_end < len(items) and _is_name_token(items[m_end])):
                    s2, e2 = items[k + 1].start, items[m_end - 1].end
                    name2 = _strip_possessive(body[s2:e2])
                    e2 = s2 + len(name2)
                    if not any(ks < e2 and s2 < ke for ks, ke in known_spans):
                        emit(Entity(key=_slug(name2), kind="Person", label_en=name2,
                                    represents=state.key if state else None), s2, e2, "name")
            continue
        nxt = items[ne] if ne < len(items) else None
        if state is not None and not (nxt is not None and nxt.hit is not None) \
                and not _negated(items, lo, i, "en"):
            holder = _office_holder(role, state, a.doc.published)
            while lo < i and items[lo].folded in ("the", "a", "an"):
                lo += 1
            if holder is not None:
                emit(holder, items[lo].start, it.end, "role")

    _later_mentions(body, mentions)
    mentions.sort(key=lambda m: (m.start, m.end))
    a.mentions = mentions


_NAME_SPAN = 200  # characters: longer than any name or role mention


def _later_mentions(body: str, mentions: list[Mention]) -> None:
    """Add the other mentions of persons the text introduced by a role: full name, then surname alone.

    English: a capitalised whole word, case-sensitive. Arabic: folded like the gazetteer names, with
    proclitics allowed before it ("وقال كوفالينكو"). Spans already taken are left alone.
    """
    taken = sorted((m.start, m.end) for m in mentions)
    starts = [t[0] for t in taken]

    def free(s: int, t: int) -> bool:
        # spans are short (names): an overlapping span starts at most _NAME_SPAN before ``s``
        i = bisect.bisect_left(starts, s - _NAME_SPAN)
        while i < len(taken) and taken[i][0] < t:
            if taken[i][1] > s:
                return False
            i += 1
        return True

    introduced: dict[str, Entity] = {}
    for m in mentions:
        if m.entity.kind == "Person" and m.entity.key not in entities():
            introduced.setdefault(m.entity.key, m.entity)
    folded = fold(body) if any(not e.label_en for e in introduced.values()) else None
    for e in introduced.values():
        name = e.label_en or dict(e.labels).get("ar", "")
        toks = name.split()
        forms = [name] + ([toks[-1]] if len(toks) >= 2 and len(toks[-1]) > 2 else [])
        for form, via in zip(forms, ("name", "surname"), strict=False):
            if folded is not None and not e.label_en:
                spans = _arabic_spans(folded, form)
            else:
                spans = [mt.span() for mt in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", body)]
            for s, t in spans:
                if free(s, t):
                    mentions.append(Mention(e, s, t, body[s:t], via))
                    i = bisect.bisect_left(taken, (s, t))
                    taken.insert(i, (s, t))
                    starts.insert(i, s)


def _arabic_spans(folded: Folded, form: str) -> list[tuple[int, int]]:
    """Original spans of a folded Arabic word or name in ``folded``, on word boundaries after proclitics."""
    f = fold_name(form)
    text = folded.text
    out = []
    for mt in re.finditer(re.escape(f), text):
        fs, fe = mt.span()
        if fe < len(text) and text[fe].isalnum():
            continue
        ws = fs
        while ws > 0 and text[ws - 1].isalnum():
            ws -= 1
        if text[ws:fs] not in PROCLITICS:
            continue
        out.append(folded.span(fs, fe))
    return out


def sources_in(a: Analysis, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """News outlets and agencies named in ``body[start:end]``: (start, end, name as written).

    They are who a fact is attributed to ("according to CNN"), never actors.
    """
    stop = len(a.doc.body) if end is None else end
    return [(h.start, h.end, h.text) for h in find_hits(a.doc.body)
            if h.first("source") and h.start >= start and h.end <= stop]
