"""Word comments as the package holds them: comments.xml, and commentsExtended.xml for threads.

comments.xml has each comment (w:id, author, date, its paragraphs of text); where it stands in
the text is read by the run walk (`ooxml`: commentRangeStart/End, else its commentReference).
Word 2013 and later write replies as comments of their own, linked in commentsExtended.xml:
each comment's last paragraph has a w14:paraId, and a reply's entry names its parent's as
w15:paraIdParent; w15:done="1" marks a thread resolved. Files without that part (older Word,
LibreOffice) have no threads: every comment stands alone and open.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from workbench.importing.ooxml import P, paragraph_text, w
from workbench.importing.revisions import word_date

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
_PARA_ID = f"{{{W14}}}paraId"
_COMMENT_EX = f"{{{W15}}}commentEx"
_EX_PARA_ID = f"{{{W15}}}paraId"
_EX_PARENT = f"{{{W15}}}paraIdParent"
_EX_DONE = f"{{{W15}}}done"
_ANNOTATION_REF = w("annotationRef")


@dataclass(frozen=True)
class WordComment:
    """One comment of comments.xml, with its place in a thread."""

    comment_id: str  # w:id, what the ranges in the text name
    author: str
    date: str  # w:date as written, "" when Word left none
    text: str  # its paragraphs, one a line
    parent_id: str | None = None  # the comment it replies to (commentsExtended), if any
    done: bool = False  # resolved in Word (w15:done on the thread's first comment)


def read_comments(
    comments: etree._Element | None, extended: etree._Element | None
) -> tuple[WordComment, ...]:
    """Every comment, in the part's order, each reply knowing its parent."""
    if comments is None:
        return ()
    by_para: dict[str, str] = {}  # the w14:paraId of a comment's last paragraph -> its w:id
    read: list[tuple[str, str, str, str]] = []
    for element in comments.iter(w("comment")):
        comment_id = element.get(w("id"))
        if comment_id is None:
            continue
        lines = []
        para_id = None
        for paragraph in element.iter(P):
            for reference in list(paragraph.iter(_ANNOTATION_REF)):
                holder = reference.getparent()
                if holder is not None:
                    holder.remove(reference)
            lines.append(paragraph_text(paragraph).text)
            para_id = paragraph.get(_PARA_ID) or para_id
        if para_id is not None:
            by_para[para_id] = comment_id
        read.append(
            (
                comment_id,
                element.get(w("author"), ""),
                word_date(element.get(w("date"))),
                "\n".join(lines).strip(),
            )
        )
    parents: dict[str, str] = {}
    done: set[str] = set()
    if extended is not None:
        for entry in extended.iter(_COMMENT_EX):
            own = by_para.get(entry.get(_EX_PARA_ID, ""))
            if own is None:
                continue
            parent = by_para.get(entry.get(_EX_PARENT, ""))
            if parent is not None and parent != own:
                parents[own] = parent
            if entry.get(_EX_DONE) in ("1", "true", "on"):
                done.add(own)
    return tuple(
        WordComment(comment_id, author, date, text, parents.get(comment_id), comment_id in done)
        for comment_id, author, date, text in read
    )
