"""Column roles in the words people write atop comparison, amendment and trilogue tables.

"Text proposed by the Commission", "Commission proposal", "Original text", "Chair's text" are
the draft; "Amendment", "X proposal", "EP mandate", "Council general approach" are a party's
proposal; "Draft agreement", "Compromise", "Agreed text" the compromise; "Justification",
"Comments", "Rationale" the note of the proposal beside them; "Article", "Recital", "No." the
labels. The first match in `_VOCABULARY` wins, so specific phrases come before general words.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from workbench.importing.columns import ColumnRole

_VOCABULARY: tuple[tuple[ColumnRole, re.Pattern[str]], ...] = tuple(
    (role, re.compile(pattern, re.IGNORECASE))
    for role, pattern in (
        (
            ColumnRole.NOTE,
            r"\b(justification|justifications|comments?|rationale|explanation|"
            r"reasons?|remarks?|notes?|observations?|motivation|begründung|commentaires?|"
            r"justificaci[óo]n|exposé\s+des\s+motifs|comentarios?|обоснование|комментари\w*|"
            r"مبررات|تعليقات)\b|理由|说明|评论",
        ),
        (
            ColumnRole.COMPROMISE,
            r"\b(draft\s+agreement|compromise|agreed\s+text|provisional\s+"
            r"agreement|final\s+(?:text|compromise)|consolidated|accord\s+provisoire|"
            r"texte\s+de\s+compromis|compromis|texte\s+convenu|texto\s+de\s+transacci[óo]n|"
            r"compromiso|texto\s+acordado|компромисс\w*|согласованный\s+текст|"
            r"حل\s+توفيقي|النص\s+المتفق\s+عليه)\b|折衷案文|商定案文",
        ),
        (
            ColumnRole.DRAFT,
            r"\b(text\s+proposed\s+by\s+the\s+commission|commission(?:'s)?\s+"
            r"(?:proposal|proposed\s+text|text)|original\s+text|chair(?:'s|man's|person's)?\s+text|"
            r"current\s+text|existing\s+text|base\s+text|initial\s+text|draft\s+text|draft|"
            r"texte\s+propos[ée]\s+par\s+la\s+commission|texto\s+propuesto\s+por\s+la\s+comisi[óo]n|"
            r"(?:texte|proposition)\s+de\s+la\s+commission|(?:texto|propuesta)\s+de\s+la\s+comisi[óo]n|"
            r"texte\s+d[eu]\s+(?:la\s+)?pr[ée]sident(?:e)?|texto\s+de(?:l|\s+la)\s+president[ea]|"
            r"projet\s+de\s+texte|texte\s+initial|texto\s+original|текст\s+председателя|"
            r"проект\s+текста|исходный\s+текст|نص\s+الرئيس|مشروع\s+النص|النص\s+الأصلي)\b"
            r"|主席案文|案文草案|原案文",
        ),
        (
            ColumnRole.LABEL,
            r"^\s*(article(?:\s+number)?|art\.?|recitals?|provisions?|no\.?|nr\.?|"
            r"#|para(?:graph)?s?|ref(?:erence)?|§|row|paragraphe|párrafo|artículo|"
            r"пункт|статья|الفقرة|المادة|段落|段|条)\s*$",
        ),
        (
            ColumnRole.PROPOSAL,
            r"\b(amendments?|amendement|enmienda|änderungsantrag|propos\w*|"
            r"mandate|general\s+approach|position|first\s+reading|suggest\w*|submission|"
            r"propuestas?|enmiendas?|posici[óo]n|mandat|mandato|предложени\w*|поправк\w*|"
            r"позиция|мандат|مقترح\w*|تعديل\w*|موقف)\b"
            r"|提案|修正案|建议|立场",
        ),
    )
)
# Words that name a role, not a party: "BITKOM Proposal" less these is "BITKOM".
_ROLE_WORDS = re.compile(
    r"\b(text|proposed|proposals?|proposal's|amendments?|mandate|general\s+approach|position|"
    r"first\s+reading|draft|original|by|of|from|the|for|column|version|suggested|"
    r"suggestions?|submission|'s|proposition|propuesta|texte|texto|enmienda|amendement|"
    r"предложение|поправка|текст|مقترح|تعديل|نص)\b|['’]s\b|提案|修正案",
    re.IGNORECASE,
)
# Written in lower case, and followed by a space or an apostrophe: "Des Moines" keeps its "Des".
_OF = re.compile(r"^(?:(?:de\s+l|d)['’]\s*|(?:de\s+la|de\s+los|de\s+las|del|du|des|de)\s+)")
# Who a named institution is, in the words of EU and UN tables.
_PARTIES = (
    (re.compile(r"\b(european\s+parliament|parliament|parlement|parlamento|EP|PE)\b", re.I), "EP"),
    (re.compile(r"\b(council|conseil|consejo)\b", re.I), "Council"),
    (re.compile(r"\b(commission|comisi[óo]n)\b", re.I), "Commission"),
    (re.compile(r"\bchair|\bpr[ée]sident|председател|الرئيس|主席", re.I), "Chair"),
)


# A cell opening with a number or ending a sentence is text, not a column's name.
_NOT_HEADER = re.compile(r"^(?:\(?\d+[.)]|\([a-z]\)|.*[.;]$)")


class ColumnMeaning(NamedTuple):
    role: ColumnRole | None  # None: the header says nothing we know
    stakeholder: str  # "" when the header names no one


def meaning(header: str) -> ColumnMeaning:
    text = " ".join(header.split())
    if not text:
        return ColumnMeaning(None, "")
    role = next((role for role, pattern in _VOCABULARY if pattern.search(text)), None)
    if role in (ColumnRole.DRAFT, ColumnRole.PROPOSAL):
        return ColumnMeaning(role, party(text))
    if role is ColumnRole.COMPROMISE:
        # "Draft agreement" names no one; "Council compromise" does.
        return ColumnMeaning(role, known_party(text))
    return ColumnMeaning(role, "")


def known_party(header: str) -> str:
    """An institution a header names ("EP", "Council", "Commission", "Chair"), else ""."""
    return next((name for pattern, name in _PARTIES if pattern.search(header)), "")


def party(header: str) -> str:
    """The party a header names: "EP mandate" -> "EP", "BITKOM Proposal" -> "BITKOM"."""
    known = known_party(header)
    if known:
        return known
    rest = " ".join(_ROLE_WORDS.sub(" ", header).replace(":", " ").split())
    # "Proposition du Groupe des 77", "Propuesta de la UE": the party, less the "of".
    rest = _OF.sub("", rest)
    return rest.strip(" -–—,;()/")


def is_header(texts: list[str]) -> bool:
    """A row naming at least two roles, in short cells: a header (first or repeated)."""
    filled = [" ".join(t.split()) for t in texts if t.strip()]
    if len(filled) < 2 or any(len(t.split()) > 10 or _NOT_HEADER.match(t) for t in filled):
        return False
    return sum(1 for t in filled if meaning(t).role is not None) >= 2
