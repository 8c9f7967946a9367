"""Hand-built .docx files with Word tracked changes and comments, as Word writes them.

Tracked changes: w:ins / w:del / w:moveFrom / w:moveTo around runs, a paragraph mark's change
in w:pPr/w:rPr, a row's in w:trPr. Comments: comments.xml (each comment's last paragraph has a
w14:paraId), commentsExtended.xml (a reply names its parent's paraId, w15:done marks a thread
resolved), and commentRangeStart/End plus a commentReference run in the text.
"""

from __future__ import annotations

import itertools
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from docx_builders import para, replace_part, run, write_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
_ids = itertools.count(100)

# One list, decimal "1.", for numbered paragraphs as Word's automatic numbering draws them.
NUMBERING = (
    f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">'
    '<w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
    '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
)


def _change(tag: str, author: str, date: str, inner: str) -> str:
    return f'<w:{tag} w:id="{next(_ids)}" w:author="{author}" w:date="{date}">{inner}</w:{tag}>'


def ins(author: str, *content: str, date: str = "2024-03-01T10:00:00Z") -> str:
    """Runs (plain strings) or raw XML (starting with '<') inserted by `author`."""
    inner = "".join(c if c.startswith("<") else run(c) for c in content)
    return _change("ins", author, date, inner)


def deleted_run(text: str) -> str:
    return f'<w:r><w:delText xml:space="preserve">{escape(text)}</w:delText></w:r>'


def dele(author: str, text: str, date: str = "2024-03-02T10:00:00Z") -> str:
    return _change("del", author, date, deleted_run(text))


def move_from(author: str, text: str, date: str = "2024-03-03T10:00:00Z") -> str:
    return _change("moveFrom", author, date, deleted_run(text))


def move_to(author: str, text: str, date: str = "2024-03-03T10:00:00Z") -> str:
    return _change("moveTo", author, date, run(text))


def mark(kind: str, author: str, date: str = "2024-03-01T10:00:00Z") -> str:
    """A paragraph mark's change ("ins" or "del"), for `numbered(..., mark=...)`."""
    return f'<w:{kind} w:id="{next(_ids)}" w:author="{author}" w:date="{date}"/>'


def numbered(*content: str, mark: str = "", props: str = "") -> str:
    """A paragraph of the document's list (Word's automatic number "1.", "2." ...)."""
    rpr = f"<w:rPr>{mark}</w:rPr>" if mark else ""
    ppr = f'<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>{props}{rpr}</w:pPr>'
    return para(ppr, *content)


def plain(*content: str, mark: str = "") -> str:
    """A paragraph with no number; `mark` changes its mark."""
    ppr = f"<w:pPr><w:rPr>{mark}</w:rPr></w:pPr>" if mark else ""
    return para(*([ppr] if ppr else []), *content)


def commented(comment_id: int, *content: str) -> str:
    """Content wrapped in a comment's range, then its mark, as Word writes them."""
    inner = "".join(c if c.startswith("<") else run(c) for c in content)
    return (
        f'<w:commentRangeStart w:id="{comment_id}"/>{inner}<w:commentRangeEnd w:id="{comment_id}"/>'
        f'<w:r><w:commentReference w:id="{comment_id}"/></w:r>'
    )


def comment_start(comment_id: int) -> str:
    return f'<w:commentRangeStart w:id="{comment_id}"/>'


def comment_end(comment_id: int) -> str:
    return (
        f'<w:commentRangeEnd w:id="{comment_id}"/>'
        f'<w:r><w:commentReference w:id="{comment_id}"/></w:r>'
    )


def comment(
    comment_id: int,
    author: str,
    text: str,
    *,
    date: str = "2024-03-05T09:00:00Z",
    parent: int | None = None,
    done: bool = False,
) -> tuple[str, str]:
    """(its w:comment for comments.xml, its w15:commentEx for commentsExtended.xml)."""
    para_id = f"{comment_id:08X}"
    body = (
        f'<w:comment w:id="{comment_id}" w:author="{author}" w:date="{date}" w:initials="X">'
        f'<w:p w14:paraId="{para_id}"><w:r><w:annotationRef/></w:r>{run(text)}</w:p></w:comment>'
    )
    parent_attr = f' w15:paraIdParent="{parent:08X}"' if parent is not None else ""
    extended = f'<w15:commentEx w15:paraId="{para_id}"{parent_attr} w15:done="{1 if done else 0}"/>'
    return body, extended


def write_tracked_docx(
    path: Path,
    body: str,
    *,
    comments: list[tuple[str, str]] | None = None,
    numbering: bool = True,
) -> Path:
    """A .docx whose body is `body`, with the list of `numbered` and the given comments."""
    write_docx(path, body)
    if numbering:
        replace_part(path, "word/numbering.xml", NUMBERING.encode())
    if comments:
        _add_comments(path, comments)
    return path


def _add_comments(path: Path, comments: list[tuple[str, str]]) -> None:
    namespaces = f'xmlns:w="{W}" xmlns:w14="{W14}" xmlns:w15="{W15}"'
    parts = {
        "word/comments.xml": f"<w:comments {namespaces}>{''.join(c for c, _ in comments)}"
        "</w:comments>",
        "word/commentsExtended.xml": f"<w15:commentsEx {namespaces}>"
        f"{''.join(e for _, e in comments)}</w15:commentsEx>",
    }
    relationships = (
        '<Relationship Id="rIdC1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/comments" Target="comments.xml"/>'
        '<Relationship Id="rIdC2" Type="http://schemas.microsoft.com/office/2011/relationships/'
        'commentsExtended" Target="commentsExtended.xml"/>'
    )
    types = (
        '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.comments+xml"/>'
        '<Override PartName="/word/commentsExtended.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"/>'
    )
    with zipfile.ZipFile(path) as source:
        rels = source.read("word/_rels/document.xml.rels").decode()
        content_types = source.read("[Content_Types].xml").decode()
    replace_part(
        path,
        "word/_rels/document.xml.rels",
        rels.replace("</Relationships>", relationships + "</Relationships>").encode(),
    )
    replace_part(
        path, "[Content_Types].xml", content_types.replace("</Types>", types + "</Types>").encode()
    )
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as package:
        for name, xml in parts.items():
            package.writestr(name, xml)


CHAPEAU = para("The Conference of the Parties,") + para("Recalling its earlier decisions,")


def commented_decision(path: Path) -> Path:
    """A draft decision with comments (two overlapping, a reply, a resolved thread, one on
    words only a proposal has) and tracked changes by Ana and Bo."""
    body = (
        CHAPEAU
        + numbered(
            "Welcomes ",
            comment_start(1),
            "the comprehensive ",
            comment_start(2),
            "report",
            comment_end(1),
            " of the secretariat",
            comment_end(2),
            ins("Ana", commented(4, " and its annex")),
            ".",
        )
        + numbered(
            "Requests the secretariat to ",
            dele("Bo", "urgently "),
            "report ",
            ins("Bo", "by May "),
            "to the next session.",
        )
    )
    return write_tracked_docx(
        path,
        body,
        comments=[
            comment(1, "Bo", "Comprehensive? It is a summary.", done=True),
            comment(2, "Cy", "Which secretariat?"),
            comment(3, "Ana", "Agreed, drop it.", parent=1),
            comment(4, "Ana", "The annex matters."),
        ],
    )
