"""`workbench new`, `info` and `dump`: create a workbench file and read it back."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from typing import Any

from workbench import edit_graph
from workbench.brackets import effective_status
from workbench.cli.comment_commands import thread_data
from workbench.storage import WorkbenchFile


def register(subparsers: Any) -> None:
    new = subparsers.add_parser("new", help="create an empty workbench file")
    new.add_argument("file")
    new.set_defaults(func=run_new)

    info = subparsers.add_parser("info", help="a readable summary of a workbench file")
    info.add_argument("file")
    info.set_defaults(func=run_info)

    dump = subparsers.add_parser("dump", help="the whole document as JSON on stdout")
    dump.add_argument("file")
    dump.set_defaults(func=run_dump)


def run_new(args: argparse.Namespace) -> int:
    with WorkbenchFile.create(args.file) as workbench:
        print(f"created {workbench.path}")
    return 0


def run_info(args: argparse.Namespace) -> int:
    with WorkbenchFile.open(args.file, read_only=True) as workbench:
        document = dump_document(workbench)
    paragraphs = document["paragraphs"]
    statuses = Counter(paragraph["status"] for paragraph in paragraphs)
    variants = sum(len(paragraph["variants"]) for paragraph in paragraphs)
    edits = sum(paragraph["edits"] for paragraph in paragraphs)
    print(f"{args.file}")
    print(f"  sections:     {len(document['sections'])}")
    print(f"  paragraphs:   {len(paragraphs)}")
    for status, count in sorted(statuses.items()):
        print(f"    {status}: {count}")
    print(f"  stakeholders: {len(document['stakeholders'])}")
    for stakeholder in document["stakeholders"]:
        print(f"    {stakeholder['name']} ({stakeholder['kind']})")
    print(f"  variants:     {variants}")
    print(f"  edits:        {edits}")
    return 0


def run_dump(args: argparse.Namespace) -> int:
    with WorkbenchFile.open(args.file, read_only=True) as workbench:
        document = dump_document(workbench)
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def dump_document(workbench: WorkbenchFile) -> dict[str, Any]:
    """The document as plain data, in the fields `workbench dump` promises."""
    stakeholders = workbench.stakeholders()
    names = {stakeholder.id: stakeholder.name for stakeholder in stakeholders}
    sections = workbench.sections()
    numbers = {section.id: section.number for section in sections}
    variants = workbench.variants_by_paragraph()
    compromises = workbench.compromises()
    edit_counts = workbench.edit_counts()
    forked = workbench.forked_paragraphs()
    commented = set(workbench.comments_by_paragraph())
    paragraphs = []
    for paragraph in workbench.paragraphs():
        compromise = compromises.get(paragraph.id, "")
        paragraphs.append(
            {
                "label": paragraph.label,
                "section": numbers.get(paragraph.section_id) if paragraph.section_id else None,
                "status": effective_status(paragraph.status, compromise).value,
                "variants": [
                    {
                        "stakeholder": names[variant.stakeholder_id],
                        "role": variant.role.value,
                        "text": variant.text,
                    }
                    for variant in variants.get(paragraph.id, [])
                ],
                "compromise": compromise,
                "edits": edit_counts.get(paragraph.id, 0),
                "comments": thread_data(workbench, paragraph.id)
                if paragraph.id in commented
                else [],
            }
        )
        if paragraph.id in forked:
            # Colleagues' versions not taken in yet (after a sync; see `workbench resolve`).
            graph, head = workbench.edit_graph(paragraph.id)
            versions = [
                {"author": fork.author, "text": fork.text, "status": fork.status.value}
                for fork in edit_graph.forks(graph, head)
            ]
            if versions:
                paragraphs[-1]["colleagues_versions"] = versions
    return {
        "stakeholders": [{"name": s.name, "kind": s.kind.value} for s in stakeholders],
        "sections": [
            {
                "number": section.number,
                "title": section.title,
                "parent": numbers.get(section.parent_id) if section.parent_id else None,
            }
            for section in sections
        ],
        "paragraphs": paragraphs,
    }
