"""The labels negotiators cite for body-text units: "Chapeau", "PP1", "4.2", "Annex PP1",
"12 (new)", "PP12 Option 2"; a label that repeats or a number out of sequence is a warning,
never hidden.
"""

from __future__ import annotations

import re

from workbench.importing.labels import normalise_label
from workbench.importing.profiles.body_reader import Unit
from workbench.importing.profiles.outline import SUBHEADING, Section

# An unnumbered paragraph written as one of a slot's alternatives: "Option 1: Recognizing ...".
_OPTION = re.compile(r"^\s*Option\s+(\d{1,2}|[A-Z]|[IVX]{1,4})\s*[:.]\s", re.IGNORECASE)
_FIRST_OPTIONS = frozenset({"1", "A", "I"})


def _option(unit: Unit) -> str:
    """ "2" for a paragraph that opens with "Option 2:", else ""."""
    first = next((cell.text for cell in unit.cells if cell.text.strip()), "")
    found = _OPTION.match(first)
    return found.group(1).upper() if found else ""


def label_units(units: list[Unit], warnings: list[str]) -> None:
    """Gives every unit its label, in reading order; what looks doubtful goes to `warnings`."""
    pp: dict[int, int] = {}
    text_counts: dict[str, int] = {}
    text_totals: dict[str, int] = {}
    for unit in units:
        if unit.kind == "text" and not unit.new:
            base = _citation(unit)
            text_totals[base] = text_totals.get(base, 0) + 1
    previous = ""
    added = 0  # paragraphs added in a row after `previous`
    option_slot: tuple[int, int] | None = None  # the PP whose options are being read
    for unit in units:
        top = unit.section.top() if unit.section is not None else None
        scope = id(top) if top is not None else 0
        if unit.new and unit.kind in ("pp", "op", "text") and previous:
            # Not in the draft: named after the paragraph it follows, counting nothing.
            added += 1
            unit.label = f"{previous} (new)" if added == 1 else f"{previous} (new {added})"
            continue
        if unit.kind == "chapeau":
            unit.label = "Chapeau"
        elif unit.kind == "pp":
            # The options of one preambular paragraph are one slot: "PP12 Option 1", "PP12
            # Option 2", and the paragraph after them is PP13.
            option = _option(unit)
            if not (
                option and option not in _FIRST_OPTIONS and option_slot == (scope, pp.get(scope))
            ):
                pp[scope] = pp.get(scope, 0) + 1
            option_slot = (scope, pp[scope]) if option else None
            unit.label = f"PP{pp[scope]} Option {option}" if option else f"PP{pp[scope]}"
        elif unit.kind == "op":
            assert unit.number is not None
            label = _number_label(unit.number.text)
            article = unit.section.article() if unit.section is not None else None
            restarted = _restarting_section(units, unit)
            if article is not None:
                label = f"{article.citation.removeprefix('Art. ')}.{label}"
            elif restarted is not None:
                # A bill's "5. Obligation of public bodies." numbers its own (1), (2).
                number = unit.number.text.strip()
                joined = number if number.startswith("(") else f".{label}"
                label = f"{restarted.citation}{joined}"
            unit.label = label
        elif unit.kind == "title":
            unit.label = f"{_citation(unit)} title" if _citation(unit) else "Title"
        else:
            base = _citation(unit)
            text_counts[base] = text_counts.get(base, 0) + 1
            if text_totals.get(base, 0) == 1 and base:
                unit.label = base
            else:
                unit.label = f"{base} p{text_counts[base]}".strip()
        previous, added = unit.label, 0
    _disambiguate(units, warnings)
    _sequence_warnings(units, warnings)


def _restarting_section(units: list[Unit], unit: Unit) -> Section | None:
    """The numbered section whose paragraphs number from 1 again, if `unit` is in one."""
    section = unit.section
    while section is not None and section.rank >= SUBHEADING:
        section = section.parent
    if section is None or section.family != "numbered" or not section.citation:
        return None
    first = next(
        (
            u
            for u in units
            if u.kind == "op" and u.section is not None and section in u.section.ancestors()
        ),
        None,
    )
    return (
        section
        if first is not None and first.number is not None and first.number.value == 1
        else None
    )


def _citation(unit: Unit) -> str:
    if unit.cover:
        return "Cover"
    cited = unit.section.cited() if unit.section is not None else None
    return cited.citation if cited is not None else ""


def _disambiguate(units: list[Unit], warnings: list[str]) -> None:
    """Labels unique in the document: a later decision's or annex's own PP1 is "Annex PP1"
    (all of that kind in it, for consistency), then any duplicate left gets " (2)"."""
    seen: set[str] = set()
    groups: dict[tuple[int, str], list[Unit]] = {}
    order: list[tuple[int, str]] = []
    for unit in units:
        top = unit.section.top() if unit.section is not None else None
        group = (
            id(top) if top is not None else 0,
            "pp" if unit.kind == "chapeau" else unit.kind,
        )
        if group not in groups:
            groups[group] = []
            order.append(group)
        groups[group].append(unit)
    for group in order:
        members = groups[group]
        top = members[0].section.top() if members[0].section is not None else None
        if (
            top is not None
            and top.citation
            and any(normalise_label(u.label) in seen for u in members)
        ):
            for unit in members:
                if not normalise_label(unit.label).startswith(normalise_label(top.citation)):
                    unit.label = f"{top.citation} {unit.label}"
        for unit in members:
            if normalise_label(unit.label) in seen:
                n = 2
                while normalise_label(f"{unit.label} ({n})") in seen:
                    n += 1
                warnings.append(
                    f"label {unit.label} appears more than once; the later one is imported "
                    f"as {unit.label} ({n})"
                )
                unit.label = f"{unit.label} ({n})"
            seen.add(normalise_label(unit.label))


def _sequence_warnings(units: list[Unit], warnings: list[str]) -> None:
    previous: Unit | None = None
    for unit in units:
        if unit.kind != "op" or unit.number is None or unit.new:
            continue
        if previous is not None and previous.number is not None:
            same_scope = (previous.section.article() if previous.section else None) is (
                unit.section.article() if unit.section else None
            )
            expected = previous.number.value + 1
            if same_scope and unit.number.value != expected and unit.number.value != 1:
                warnings.append(f"labels out of sequence: {unit.label} follows {previous.label}")
        previous = unit


def _number_label(text: str) -> str:
    label = text.strip().rstrip(".-–、").strip()  # "12.", Arabic texts' "12-"
    if label.startswith("(") and label.endswith(")"):
        label = label[1:-1]
    return label
