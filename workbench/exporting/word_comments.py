"""Comment threads written as real Word comments, on the words they are about.

Each thread's comment and each reply is a w:comment of comments.xml, made with python-docx's
comments API (author, initials, the stored time). Replies and the resolved state are Word 2013's
commentsExtended.xml, which python-docx does not write: each comment's paragraph gets a
w14:paraId, a reply's w15:commentEx names its parent's (w15:paraIdParent), and a resolved
thread's first comment is w15:done="1". In the text, the words are wrapped in
commentRangeStart/End and followed by a run holding the commentReference, for the comment and
for each reply alike, as Word writes them.

Offsets count the text a cell reads: runs of tracked deletions (w:delText) and of a manual
redline's struck words are not counted, and a paragraph's end counts as the newline it is,
unless its mark is a tracked deletion. A run is split where a comment starts or ends inside it.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator

from docx.document import Document
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from workbench.exporting.ooxml import XML_SPACE, W
from workbench.exporting.rows import ExportComment
from workbench.exporting.tracked import RevisionIds, word_date

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
_EXTENDED_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"
)
_EXTENDED_RELATIONSHIP = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
_COUNTED = (W.t, W.tab)


class CommentWriter:
    """Adds comments to one document: `place` puts a thread on words of a cell, `finish`
    writes the replies and resolved states once every thread is placed."""

    def __init__(self, document: Document, ids: RevisionIds) -> None:
        self.document = document
        self.ids = ids  # a tracked change cut in two by a comment's edge needs a new id
        self._entries: list[tuple[str, str | None, bool]] = []  # (paraId, parent's, done)
        self._next_para = 1
        self.count = 0

    def place(self, tc: etree._Element, thread: ExportComment) -> None:
        """The thread's comment and replies, each a Word comment on start:end of the cell."""
        first = self._comment(thread.author, thread.at, thread.text)
        root_para = self._entry(first, None, thread.resolved)
        ids = [first]
        for reply in thread.replies:
            reply_id = self._comment(reply.author, reply.at, reply.text)
            self._entry(reply_id, root_para, False)
            ids.append(reply_id)
        _mark(tc, thread.start, thread.end, ids, self.ids)

    def finish(self) -> None:
        """commentsExtended.xml, linking replies to their thread and marking resolved ones."""
        if not self._entries:
            return
        root = etree.Element(f"{{{W15}}}commentsEx", nsmap={"w15": W15})
        for para_id, parent, done in self._entries:
            entry = etree.SubElement(root, f"{{{W15}}}commentEx")
            entry.set(f"{{{W15}}}paraId", para_id)
            if parent is not None:
                entry.set(f"{{{W15}}}paraIdParent", parent)
            entry.set(f"{{{W15}}}done", "1" if done else "0")
        blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        package = self.document.part.package
        part = Part(PackURI("/word/commentsExtended.xml"), _EXTENDED_TYPE, blob, package)
        self.document.part.relate_to(part, _EXTENDED_RELATIONSHIP)

    def _comment(self, author: str, at: str, text: str) -> str:
        comment = self.document.comments.add_comment(text, author or "Unknown", _initials(author))
        element = comment._comment_elm
        date = word_date(at)
        if date:
            element.set(W.date, date)
        else:
            element.attrib.pop(W.date, None)
        self.count += 1
        return str(comment.comment_id)

    def _entry(self, comment_id: str, parent: str | None, done: bool) -> str:
        """Gives the comment's last paragraph a paraId; records its thread and state."""
        comments = self.document.comments._comments_elm
        element = next(c for c in comments.iter(W.comment) if c.get(W.id) == comment_id)
        paragraphs = element.findall(W.p)
        para_id = f"{self._next_para:08X}"
        self._next_para += 1
        paragraphs[-1].set(f"{{{W14}}}paraId", para_id)
        self._entries.append((para_id, parent, done))
        return para_id


def _initials(author: str) -> str:
    return "".join(word[0] for word in author.split() if word[:1].isalnum())[:4]


def _counted_runs(tc: etree._Element) -> Iterator[tuple[etree._Element | None, int, int]]:
    """(run, start, length) of each run the cell's text is made of, in order; a paragraph's
    end is (None, its offset, 1) when it counts as a newline."""
    offset = 0
    paragraphs = tc.findall(W.p)
    for index, p in enumerate(paragraphs):
        for run in p.iter(W.r):
            if _skipped(run):
                continue
            length = sum(len(c.text or "") if c.tag == W.t else 1 for c in run if c.tag in _COUNTED)
            if length:
                yield run, offset, length
                offset += length
        if index < len(paragraphs) - 1 and not _mark_deleted(p):
            yield None, offset, 1
            offset += 1


def _skipped(run: etree._Element) -> bool:
    parent = run.getparent()
    if parent is not None and parent.tag == W.delete:
        return True
    rpr = run.find(W.rPr)
    return rpr is not None and rpr.find(W.strike) is not None


def _mark_deleted(p: etree._Element) -> bool:
    rpr = p.find(f"{W.pPr}/{W.rPr}")
    return rpr is not None and rpr.find(W.delete) is not None


def _split(run: etree._Element, at: int) -> None:
    """Cuts `run` in two after `at` counted characters (the second half placed after it)."""
    second = copy.deepcopy(run)
    _keep(run, 0, at)
    _keep(second, at, None)
    run.addnext(second)


def _keep(run: etree._Element, start: int, end: int | None) -> None:
    """Leaves in `run` only its counted characters start:end (its properties stay)."""
    seen = 0
    for child in list(run):
        if child.tag not in _COUNTED:
            continue
        size = len(child.text or "") if child.tag == W.t else 1
        low, high = seen, seen + size
        seen = high
        kept_from, kept_to = max(low, start), high if end is None else min(high, end)
        if kept_to <= kept_from:
            run.remove(child)
        elif child.tag == W.t and (kept_from > low or kept_to < high):
            child.text = (child.text or "")[kept_from - low : kept_to - low]
            child.set(XML_SPACE, "preserve")


def _cut_at(tc: etree._Element, offset: int) -> None:
    """Makes `offset` fall between two runs of the cell."""
    for run, at, length in _counted_runs(tc):
        if run is not None and at < offset < at + length:
            _split(run, offset - at)
            return


def _mark(tc: etree._Element, start: int, end: int, ids: list[str], revisions: RevisionIds) -> None:
    """commentRangeStart before the words, commentRangeEnd and the reference after them (for
    the thread's comment and each reply); at one point when the words are none. The markers
    stand between a paragraph's runs, never inside a tracked change (readers such as pandoc
    drop them there): a change they fall inside is cut in two."""
    _cut_at(tc, end)
    _cut_at(tc, start)
    runs = [(run, at, length) for run, at, length in _counted_runs(tc) if run is not None]
    inside = [run for run, at, length in runs if start <= at and at + length <= end]
    starts = [_marker(W.commentRangeStart, comment_id) for comment_id in ids]
    ends: list[etree._Element] = []
    for comment_id in ids:
        ends.append(_marker(W.commentRangeEnd, comment_id))
        ends.append(_reference(comment_id))
    if start < end and inside:
        first = _hoisted(inside[0], revisions, before=True)
        for element in starts:
            first.addprevious(element)
        _after(_hoisted(inside[-1], revisions, before=False), ends)
        return
    following = next((run for run, at, _ in runs if at >= start), None)
    if following is not None:
        at = _hoisted(following, revisions, before=True)
        for element in [*starts, *ends]:
            at.addprevious(element)
        return
    if runs:
        _after(_hoisted(runs[-1][0], revisions, before=False), [*starts, *ends])
        return
    p = tc.find(W.p)
    assert p is not None  # every cell has a paragraph
    for element in [*starts, *ends]:
        p.append(element)


def _after(anchor: etree._Element, elements: list[etree._Element]) -> None:
    for element in elements:
        anchor.addnext(element)
        anchor = element


def _hoisted(run: etree._Element, revisions: RevisionIds, *, before: bool) -> etree._Element:
    """The paragraph-level element a marker goes beside for `run`: the run itself, or the
    tracked change holding it, cut in two there (the second part gets an id of its own)."""
    wrapper = run.getparent()
    if wrapper is None or wrapper.tag not in (W.ins, W.delete):
        return run
    children = list(wrapper)
    index = children.index(run)
    moved = children[index:] if before else children[index + 1 :]
    if moved and len(moved) < len(children):
        second = etree.Element(wrapper.tag, dict(wrapper.attrib))
        second.set(W.id, revisions.next())
        for child in moved:
            second.append(child)
        wrapper.addnext(second)
        return second if before else wrapper
    return wrapper


def _marker(tag: str, comment_id: str) -> etree._Element:
    marker = etree.Element(tag)
    marker.set(W.id, comment_id)
    return marker


def _reference(comment_id: str) -> etree._Element:
    reference = etree.Element(W.r)
    style = etree.SubElement(etree.SubElement(reference, W.rPr), W.rStyle)
    style.set(W.val, "CommentReference")
    etree.SubElement(reference, W.commentReference).set(W.id, comment_id)
    return reference
