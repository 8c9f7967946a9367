"""Seeded synthetic negotiation tables (.docx) shaped like the Tunis gender caucus sample.

A header row ("1.\\nIntroduction" | "GC Proposed Text" | ... | "Compromise text"), section rows
("2.\\nStakeholders", "3a)\\nInfrastructure ..."), paragraph rows whose first cell opens with the
label ("39.", "43bis", "New 43bis", "57 new(b)"), 2 to 20 proposal columns written as a manual
redline (w:strike deleted, w:u added) or as clean text, some [bracketed] spans, some Arabic and
Chinese paragraphs, and a sparse compromise column. By default each stakeholder proposes on
about half the paragraphs; `--fill 1` makes a compilation where every one proposes on every
paragraph (20 proposals a paragraph, as a secretariat compiles them). The WordprocessingML is
written as strings into python-docx's own package: 5,000 paragraphs take about a second,
python-docx's object API would take a minute.

    .venv/bin/python -m bench.generate OUT.docx [--paragraphs N] [--proposals K] [--fill F]
"""

from __future__ import annotations

import argparse
import io
import random
import re
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document

SEED_TEXT = (
    Path(__file__).resolve().parents[1] / "resources/samples/tunis-ig-gender-caucus-table.txt"
)
STAKEHOLDERS = (
    "GC",
    "G77",
    "EU",
    "US",
    "AU",
    "ASEAN",
    "CARICOM",
    "LDC",
    "AOSIS",
    "GRULAC",
    "ICC",
    "ISOC",
    "APC",
    "ITU",
    "UNESCO",
    "OECD",
    "CoE",
    "Brazil",
    "India",
    "Norway",
)
SECTION_TITLES = (
    "Introduction",
    "Stakeholders",
    "Public policy issues relevant to Internet Governance",
    "Infrastructure and management of critical Internet resources",
    "Issues relating to the use of the Internet",
    "Development aspects",
    "Capacity building",
    "Follow-up and possible future arrangements",
    "Internet Governance Forum",
    "Enhanced cooperation",
)
ARABIC_WORDS = (  # noqa: SIM905 - a sentence reads better than a list
    "نؤكد من جديد المبادئ التي أعلنت في مرحلة جنيف للقمة العالمية لمجتمع "
    "المعلومات وأن الإدارة الدولية للإنترنت ينبغي أن تكون متعددة الأطراف "
    "وشفافة وديمقراطية بمشاركة كاملة من الحكومات والقطاع الخاص والمجتمع "
    "المدني والمنظمات الدولية وأن تكفل توزيعا منصفا للموارد وتيسر النفاذ "
    "للجميع مع مراعاة تعدد اللغات والمساواة بين الجنسين "
).split()
# Chinese is written without spaces; these are word-sized pieces joined with no separator.
CHINESE_WORDS = (  # noqa: SIM905 - a sentence reads better than a list
    "我们 重申 日内瓦 阶段 宣布 的 原则 互联网 的 国际 "
    "管理 应当 是 多边 透明 和 民主 的 政府 私营 部门 "
    "民间 社会 和 国际 组织 充分 参与 确保 资源 公平 "
    "分配 促进 人人 享有 接入 并 考虑到 多种 语言 以及 "
    "性别 平等 视角 "
).split()
_NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)


@dataclass(frozen=True)
class Word:
    """One word of a proposal cell: kept, struck (deleted) or underlined (added)."""

    text: str
    mark: str  # "" kept, "strike" deleted, "u" added


@dataclass(frozen=True)
class TableStats:
    paragraphs: int
    sections: int
    proposals: tuple[str, ...]
    path: Path


@cache
def english_sentences() -> tuple[tuple[str, ...], ...]:
    """The sample's sentences as word lists: the vocabulary and rhythm of real paragraphs."""
    text = SEED_TEXT.read_text(encoding="utf-8")
    sentences = []
    for line in text.splitlines():
        for sentence in re.split(r"(?<=[.;:])\s+", line.strip()):
            words = sentence.split()
            if len(words) >= 8:
                sentences.append(tuple(words))
    return tuple(sentences)


@cache
def english_vocabulary() -> tuple[str, ...]:
    return tuple(sorted({w for s in english_sentences() for w in s if w.isalpha()}))


def _draft_words(rng: random.Random, language: str) -> tuple[list[str], str]:
    """A draft paragraph's words and the separator joining them."""
    if language == "ar":
        return [rng.choice(ARABIC_WORDS) for _ in range(rng.randint(20, 50))], " "
    if language == "zh":
        return [rng.choice(CHINESE_WORDS) for _ in range(rng.randint(25, 60))], ""
    words: list[str] = []
    for _ in range(rng.randint(1, 3)):
        words.extend(rng.choice(english_sentences()))
    if rng.random() < 0.1:  # sub-items, as in paragraph 43
        for letter in "abc"[: rng.randint(2, 3)]:
            words.append(f"\n{letter})")
            words.extend(rng.choice(english_sentences())[:12])
    if rng.random() < 0.15:  # a bracketed span still under negotiation
        start = rng.randrange(len(words))
        end = min(len(words), start + rng.randint(2, 6)) - 1
        if "\n" not in "".join(words[start : end + 1]):
            words[start] = "[" + words[start]
            words[end] = words[end] + "]"
    return words, " "


def _proposal(rng: random.Random, draft: list[str], language: str) -> list[Word]:
    """The draft with word insertions, deletions and replacements, as a redline."""
    pool = {"ar": ARABIC_WORDS, "zh": CHINESE_WORDS}.get(language) or english_vocabulary()
    out: list[Word] = []
    for word in draft:
        roll = rng.random()
        new = [rng.choice(pool) for _ in range(rng.randint(1, 4))]
        if word.startswith("\n"):
            out.append(Word(word, ""))
        elif roll < 0.03:
            out.append(Word(word, "strike"))
        elif roll < 0.06:
            out.append(Word(word, "strike"))
            out.extend(Word(w, "u") for w in new[:2])
        elif roll < 0.08:
            out.append(Word(word, ""))
            if rng.random() < 0.2:
                new = ["[" + new[0], *new[1:-1], new[-1] + "]"] if len(new) > 1 else new
            out.extend(Word(w, "u") for w in new)
        else:
            out.append(Word(word, ""))
    return out


def _runs(words: list[Word], separator: str) -> list[str]:
    """Runs of one cell, split into <w:p> at sub-item line breaks."""
    paragraphs: list[list[str]] = [[]]
    for index, word in enumerate(words):
        text = word.text
        if text.startswith("\n"):
            paragraphs.append([])
            text = text[1:]
        elif index:
            text = separator + text
        props = {
            "": "",
            "strike": "<w:rPr><w:strike/></w:rPr>",
            "u": '<w:rPr><w:u w:val="single"/></w:rPr>',
        }[word.mark]
        paragraphs[-1].append(f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>')
    return ["<w:p>" + "".join(runs) + "</w:p>" for runs in paragraphs]


def _cell(paragraphs: list[str]) -> str:
    return "<w:tc>" + ("".join(paragraphs) or "<w:p/>") + "</w:tc>"


def _text_paragraph(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def _label_cell(label: str, words: list[Word], separator: str) -> str:
    return _cell([_text_paragraph(label), *_runs(words, separator)])


def _labels(rng: random.Random, number: int) -> list[tuple[str, str]]:
    """(label, where) for paragraph `number` and any bis/ter/new paragraphs after it.

    `where` is "all" (draft and proposals) or "proposal" (a new paragraph one proposal adds).
    """
    labels = [(f"{number}.", "all")]
    roll = rng.random()
    if roll < 0.04:
        labels.append((f"{number}bis", "all"))
        if rng.random() < 0.3:
            labels.append((f"{number}ter", "all"))
    elif roll < 0.07:
        labels.append((f"New {number}bis", "proposal"))
    elif roll < 0.08:
        labels.append((f"{number} new(b)", "proposal"))
    return labels


def table_xml(paragraphs: int, proposals: int, seed: int, fill: float = 0.5) -> tuple[str, int]:
    """The <w:tbl> of a table with exactly `paragraphs` paragraph rows, and its section count.

    `fill`: how likely a stakeholder is to propose on a paragraph (the same draws as ever,
    so a table of the default fill is the same table it always was).
    """
    rng = random.Random(seed)
    names = STAKEHOLDERS[:proposals]
    columns = 2 + proposals
    header = [
        _cell([_text_paragraph("1."), _text_paragraph(SECTION_TITLES[0])]),
        *(_cell([_text_paragraph(f"{name} Proposed Text")]) for name in names),
        _cell([_text_paragraph("Compromise text")]),
    ]
    rows = ["<w:tr>" + "".join(header) + "</w:tr>"]
    written, number, sections, top, sub = 0, 39, 1, 1, 0
    empty = _cell([])
    while written < paragraphs:
        if written and rng.random() < 0.03:  # a new section, sometimes a lettered subsection
            if top >= 3 and rng.random() < 0.5:
                sub += 1
                heading = f"{top}{'abcdefghijklmnopqrstuvwxyz'[(sub - 1) % 26]})"
            else:
                top, sub = top + 1, 0
                heading = f"{top}."
            title = SECTION_TITLES[(top + sub) % len(SECTION_TITLES)]
            section = _cell([_text_paragraph(heading), _text_paragraph(title)])
            rows.append("<w:tr>" + section + empty * (columns - 1) + "</w:tr>")
            sections += 1
        for label, where in _labels(rng, number):
            if written >= paragraphs:
                break
            roll = rng.random()
            language = "ar" if roll < 0.05 else "zh" if roll < 0.10 else "en"
            draft, separator = _draft_words(rng, language)
            plain = [Word(w, "") for w in draft]
            cells = [_label_cell(label, plain, separator) if where == "all" else empty]
            adder = rng.randrange(proposals)
            for index in range(proposals):
                if where == "proposal":
                    cells.append(_label_cell(label, plain, separator) if index == adder else empty)
                elif rng.random() < 1 - fill:
                    cells.append(empty)  # this stakeholder proposes nothing here
                else:
                    redline = _proposal(rng, draft, language)
                    if rng.random() < 0.25:  # a clean proposal: the text as proposed
                        redline = [Word(w.text, "") for w in redline if w.mark != "strike"]
                    cells.append(_cell(_runs(redline, separator)))
            if where == "all" and rng.random() < 0.15:
                agreed = [w for w in _proposal(rng, draft, language) if w.mark != "strike"]
                cells.append(_label_cell(label, [Word(w.text, "") for w in agreed], separator))
            else:
                cells.append(empty)
            rows.append("<w:tr>" + "".join(cells) + "</w:tr>")
            written += 1
        number += 1
    grid = "<w:tblGrid>" + '<w:gridCol w:w="2880"/>' * columns + "</w:tblGrid>"
    props = '<w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
    return f"<w:tbl>{props}{grid}{''.join(rows)}</w:tbl>", sections


@cache
def _package_parts() -> tuple[tuple[zipfile.ZipInfo, bytes], ...]:
    """python-docx's default package, read once: styles, settings, content types."""
    buffer = io.BytesIO()
    Document().save(buffer)
    with zipfile.ZipFile(buffer) as package:
        return tuple((info, package.read(info)) for info in package.infolist())


def generate(
    path: Path, paragraphs: int, *, proposals: int = 3, seed: int = 7, fill: float = 0.5
) -> TableStats:
    """Writes a negotiation table of `paragraphs` paragraphs to `path` (.docx)."""
    if not 2 <= proposals <= len(STAKEHOLDERS):
        raise ValueError(f"proposals must be 2 to {len(STAKEHOLDERS)}, not {proposals}")
    body, sections = table_xml(paragraphs, proposals, seed, fill)
    document = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>"
        f"<w:document {_NAMESPACES}><w:body>{body}<w:p/><w:sectPr/></w:body></w:document>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for info, content in _package_parts():
            data = document.encode("utf-8") if info.filename == "word/document.xml" else content
            target.writestr(info.filename, data)
    return TableStats(paragraphs, sections, STAKEHOLDERS[:proposals], Path(path))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("out", type=Path)
    parser.add_argument("--paragraphs", type=int, default=1000)
    parser.add_argument("--proposals", type=int, default=3, choices=range(2, len(STAKEHOLDERS) + 1))
    parser.add_argument("--fill", type=float, default=0.5, help="how often each one proposes")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    stats = generate(
        args.out, args.paragraphs, proposals=args.proposals, seed=args.seed, fill=args.fill
    )
    print(
        f"{stats.path}: {stats.paragraphs} paragraphs, {stats.sections} sections, "
        f"proposals by {', '.join(stats.proposals)}"
    )


if __name__ == "__main__":
    main()


def _language(text: str) -> str:
    if any("\u0600" <= char <= "\u06ff" for char in text):
        return "ar"
    if any("\u4e00" <= char <= "\u9fff" for char in text):
        return "zh"
    return "en"


def mutated(rng: random.Random, draft: str) -> str:
    """A proposal's clean text made from a draft by the table's own mutation model."""
    language = _language(draft)
    separator = "" if language == "zh" else " "
    words = list(draft) if language == "zh" else draft.split(" ")
    kept = [w.text for w in _proposal(rng, words, language) if w.mark != "strike"]
    return separator.join(kept)


def compile_proposals(path: Path, proposals: int = 20, seed: int = 19) -> int:
    """Make an imported table a compilation: every stakeholder proposes on every drafted
    paragraph (`proposals` of them), the missing proposals mutated from the draft. The same
    as importing such a table, without writing and parsing a table ten times the size.
    Returns how many proposals were added."""
    from workbench.model import Role, StakeholderKind
    from workbench.storage import NewVariant, WorkbenchFile

    rng = random.Random(seed)
    added = 0
    with WorkbenchFile.open(path) as wb, wb.transaction():
        ids = [
            wb.add_stakeholder(name, StakeholderKind.GOVERNMENT).id
            for name in STAKEHOLDERS[:proposals]
        ]
        new: list[NewVariant] = []
        for paragraph_id, variants in wb.variants_by_paragraph().items():
            drafts = [v for v in variants if v.role is Role.DRAFT]
            if not drafts:
                continue
            proposing = {v.stakeholder_id for v in variants if v.role is Role.PROPOSAL}
            for stakeholder_id in ids:
                if stakeholder_id not in proposing:
                    text = mutated(rng, drafts[-1].text)
                    new.append(
                        NewVariant(
                            paragraph_id,
                            stakeholder_id,
                            Role.PROPOSAL,
                            text,
                            source="compilation",
                            base_id=drafts[-1].id,
                        )
                    )
        added = len(wb.add_variants(new))
    return added
