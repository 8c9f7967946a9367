"""Opening an untrusted .docx: refuse what is not one, and never let a part blow up memory or time.

Every refusal is a WorkbenchError whose one line names the file, the problem and the remedy.
XML is checked as raw bytes for DOCTYPE/ENTITY declarations before any parser sees it, then
parsed by a parser that resolves no entities and fetches nothing.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from workbench.errors import WorkbenchError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
RTF_MAGIC = b"{\\rtf"
MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024
MAX_PART_UNCOMPRESSED = 100 * 1024 * 1024
MAX_PARTS = 5000
# A ratio this high on a part of real size is a zip bomb, not a document.
MAX_COMPRESSION_RATIO = 200
RATIO_CHECK_FROM = 1024 * 1024
_CHUNK = 1024 * 1024
_FEED_BYTES = 8 * 1024
# An encrypted .docx is an OLE container holding these streams (names are UTF-16LE).
_ENCRYPTION_MARKERS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))
_OLE_SCAN_LIMIT = 64 * 1024 * 1024
_DTD_RE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
STRICT_NAMESPACE = b"purl.oclc.org/ooxml"
_DEFAULT_MAIN_PART = "word/document.xml"
_OFFICE_DOCUMENT = "/officeDocument"
# One set of parser options for whole parts and streamed ones alike.
_HARDENED = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}

ElementHandler = Callable[[etree._Element], None]


def hardened_parser() -> etree.XMLParser:
    """An lxml parser that loads no DTD, resolves no entity and touches no network."""
    return etree.XMLParser(**_HARDENED)


@dataclass(frozen=True)
class Streaming:
    """How the main document part is read as it is parsed, not after.

    `before(styles, numbering)` gets the parsed styles and numbering parts (None when absent)
    before the main part is read; `on_part(data)` sees the main part's bytes (to estimate the
    work ahead); `on_end(element)` gets each `tag` element as soon as the parser has finished
    it, and may empty it.
    """

    tag: str
    on_end: ElementHandler
    on_part: Callable[[bytes], None] | None = None
    before: Callable[[etree._Element | None, etree._Element | None], None] | None = None


@dataclass(frozen=True)
class DocxPackage:
    """The parts of a .docx we read, parsed."""

    path: Path
    document: etree._Element
    numbering: etree._Element | None
    styles: etree._Element | None = None
    comments: etree._Element | None = None  # comments.xml: Word comments, by w:id
    # commentsExtended.xml (Word 2013 on): replies (paraIdParent) and done state, by paraId
    comments_extended: etree._Element | None = None
    core: etree._Element | None = None  # docProps/core.xml: the document's properties


def refuse(path: Path, problem: str) -> WorkbenchError:
    return WorkbenchError(path, problem)


def sniff(path: Path) -> bytes:
    """The first bytes of the file; refuses a missing file, a folder or an empty file."""
    if not path.exists():
        raise refuse(path, "file not found")
    if path.is_dir():
        raise refuse(path, "is a folder, not a file")
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise refuse(path, f"cannot be read ({exc.strerror or exc})") from exc
    if not head:
        raise refuse(path, "is empty")
    return head


def open_docx(path: Path, streaming: Streaming | None = None) -> DocxPackage:
    """Opens `path` as a .docx, refusing anything unsafe or not a Word document."""
    head = sniff(path)
    if head.startswith(OLE_MAGIC):
        raise _ole_refusal(path)
    if head.startswith(RTF_MAGIC):
        raise refuse(path, "is an RTF file, not a .docx; open it in Word and save it as .docx")
    if not head.startswith(ZIP_MAGIC):
        raise refuse(path, "is not a Word .docx file (not a zip package); save it as .docx")
    try:
        with zipfile.ZipFile(path) as archive:
            _check_sizes(path, archive)
            _check_unique_names(path, archive)
            names = set(archive.namelist())
            if "mimetype" in names and "content.xml" in names:
                raise refuse(path, "is an OpenDocument file; save it as Word Document (.docx)")
            main_part = _main_part_name(path, archive, names)
            if main_part not in names:
                raise refuse(path, "is a zip file but not a Word document (no document part)")
            folder = posixpath.dirname(main_part)
            # Small parts first: reading the main part's runs needs the character styles.
            numbering, styles = (
                parse_part(path, archive, name) if name in names else None
                for name in (
                    posixpath.join(folder, "numbering.xml"),
                    posixpath.join(folder, "styles.xml"),
                )
            )
            if streaming is not None and streaming.before is not None:
                streaming.before(styles, numbering)
            document = parse_part(path, archive, main_part, streaming)
            related = _related(path, archive, main_part, names)
            comments, extended = (
                parse_part(path, archive, related[kind]) if kind in related else None
                for kind in (_COMMENTS, _COMMENTS_EXTENDED)
            )
            core_name = _core_part(path, archive, names)
            core = parse_part(path, archive, core_name) if core_name else None
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        EOFError,
        zlib.error,
        NotImplementedError,  # a compression method zipfile lacks
        RuntimeError,  # a password-protected zip entry
        ValueError,
    ) as exc:
        raise refuse(
            path, "is damaged or incomplete (not a readable zip); open it in Word and save again"
        ) from exc
    except OSError as exc:
        raise refuse(path, f"cannot be read ({exc.strerror or exc})") from exc
    return DocxPackage(path, document, numbering, styles, comments, extended, core)


_COMMENTS, _COMMENTS_EXTENDED = "/comments", "/commentsExtended"


def _related(
    path: Path, archive: zipfile.ZipFile, main_part: str, names: set[str]
) -> dict[str, str]:
    """The comment parts the main part's relationships name (by the end of their type), as
    part names inside the package; parts outside it, or missing, are left out."""
    folder = posixpath.dirname(main_part)
    rels_name = posixpath.join(folder, "_rels", posixpath.basename(main_part) + ".rels")
    if rels_name not in names:
        return {}
    found: dict[str, str] = {}
    for rel in parse_part(path, archive, rels_name):
        if rel.get("TargetMode") == "External":
            continue
        kind = rel.get("Type", "")
        for wanted in (_COMMENTS, _COMMENTS_EXTENDED):
            if kind.endswith(wanted) and wanted not in found:
                target = rel.get("Target", "")
                name = posixpath.normpath(
                    target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
                )
                if name in names:
                    found[wanted] = name
    return found


def _core_part(path: Path, archive: zipfile.ZipFile, names: set[str]) -> str | None:
    """The core properties part the package relationships name (docProps/core.xml)."""
    if "_rels/.rels" not in names:
        return None
    for rel in parse_part(path, archive, "_rels/.rels"):
        if rel.get("Type", "").endswith("/core-properties") and rel.get("TargetMode") != "External":
            name = posixpath.normpath(rel.get("Target", "").lstrip("/"))
            return name if name in names else None
    return None


def _ole_refusal(path: Path) -> WorkbenchError:
    with path.open("rb") as handle:
        data = handle.read(_OLE_SCAN_LIMIT)
    if any(marker in data for marker in _ENCRYPTION_MARKERS):
        return refuse(
            path, "is password-protected; remove the password in Word (File > Info) and try again"
        )
    return refuse(path, "is an old binary Word .doc file; open it in Word and save it as .docx")


def _check_sizes(path: Path, archive: zipfile.ZipFile) -> None:
    infos = archive.infolist()
    if len(infos) > MAX_PARTS:
        raise refuse(path, f"has {len(infos)} parts, too many for a Word document")
    total = 0
    for info in infos:
        total += info.file_size
        ratio_suspect = (
            info.file_size > RATIO_CHECK_FROM
            and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1)
        )
        if info.file_size > MAX_PART_UNCOMPRESSED or ratio_suspect:
            raise refuse(path, f"part {info.filename} would unpack to too much data; refused")
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise refuse(path, "would unpack to more than 200 MB; refused as unsafe")


def _check_unique_names(path: Path, archive: zipfile.ZipFile) -> None:
    """Two entries with one part name: Word and we would each read a different one."""
    seen: set[str] = set()
    for name in archive.namelist():
        key = name.lower()  # part names are case-insensitive in a Word package
        if key in seen:
            raise refuse(path, f"has two parts named {name}; refused as unsafe (a tampered file)")
        seen.add(key)


def read_part(path: Path, archive: zipfile.ZipFile, name: str) -> bytes:
    """A part's bytes, reading no more than its declared size (a lying header cannot help)."""
    info = archive.getinfo(name)
    limit = min(info.file_size, MAX_PART_UNCOMPRESSED)
    chunks: list[bytes] = []
    size = 0
    with archive.open(info) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                raise refuse(path, f"part {name} is larger than it declares; refused as unsafe")
            chunks.append(chunk)
    return b"".join(chunks)


def check_xml_bytes(path: Path, name: str, data: bytes) -> None:
    """Refuses DTDs and entity declarations before parsing (also in UTF-16 parts)."""
    probe = data
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        probe = data.decode("utf-16", errors="replace").encode("utf-8", errors="replace")
    if _DTD_RE.search(probe):
        raise refuse(path, f"part {name} declares a DOCTYPE or entities; refused as unsafe")


def _malformed(path: Path, name: str) -> WorkbenchError:
    return refuse(path, f"part {name} is not well-formed XML; open it in Word and save again")


def _check_doctype(path: Path, name: str, element: etree._Element) -> None:
    # The byte check cannot see every encoding (UTF-16 without a BOM, UTF-32); the parser
    # resolved nothing, and what it saw decides.
    docinfo = element.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise refuse(path, f"part {name} declares a DOCTYPE or entities; refused as unsafe")


def parse_xml(path: Path, name: str, data: bytes) -> etree._Element:
    check_xml_bytes(path, name, data)
    try:
        root = etree.fromstring(data, hardened_parser())
    except etree.XMLSyntaxError as exc:
        raise _malformed(path, name) from exc
    _check_doctype(path, name, root)
    return root


def stream_xml(path: Path, name: str, data: bytes, streaming: Streaming) -> etree._Element:
    """Like `parse_xml` (same checks, same parser options), handing over elements as they end."""
    check_xml_bytes(path, name, data)
    if streaming.on_part is not None:
        streaming.on_part(data)
    parser = etree.XMLPullParser(events=("end",), tag=streaming.tag, **_HARDENED)
    checked = False

    def hand_over() -> None:
        nonlocal checked
        for _, element in parser.read_events():
            if not checked:  # before any element is handed over, as `parse_xml` would refuse
                _check_doctype(path, name, element)
                checked = True
            streaming.on_end(element)

    try:
        # Small pieces: the parser's working set stays in the processor's cache.
        for offset in range(0, len(data), _FEED_BYTES):
            parser.feed(data[offset : offset + _FEED_BYTES])
            hand_over()
        root = parser.close()
        hand_over()
    except etree.XMLSyntaxError as exc:
        raise _malformed(path, name) from exc
    if root is None:
        raise _malformed(path, name)
    _check_doctype(path, name, root)
    return root


def parse_part(
    path: Path, archive: zipfile.ZipFile, name: str, streaming: Streaming | None = None
) -> etree._Element:
    data = read_part(path, archive, name)
    if STRICT_NAMESPACE in data[:4096] or (
        name.endswith("document.xml") and STRICT_NAMESPACE in data
    ):
        raise refuse(
            path, "is saved as Strict Open XML; save it as Word Document (.docx), not Strict"
        )
    if streaming is not None:
        return stream_xml(path, name, data, streaming)
    return parse_xml(path, name, data)


def _main_part_name(path: Path, archive: zipfile.ZipFile, names: set[str]) -> str:
    """The main document part named by the package relationships (word/document.xml usually)."""
    if "_rels/.rels" not in names:
        return _DEFAULT_MAIN_PART
    rels = parse_part(path, archive, "_rels/.rels")
    for rel in rels:
        rel_type = rel.get("Type", "")
        if rel_type.endswith(_OFFICE_DOCUMENT):
            if "purl.oclc.org/ooxml" in rel_type:
                raise refuse(
                    path,
                    "is saved as Strict Open XML; save it as Word Document (.docx), not Strict",
                )
            target = rel.get("Target", "").lstrip("/")
            return posixpath.normpath(target) if target else _DEFAULT_MAIN_PART
    return _DEFAULT_MAIN_PART
