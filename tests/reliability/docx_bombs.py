"""Hostile .docx packages built from the real sample: entity tricks and zip bombs.

The zip bomb is written by hand (local headers, central directory) so a part can decompress to
gigabytes from a few megabytes, built in milliseconds: one deflate block of a mebibyte of zeros
ends byte-aligned with an empty dictionary (a full flush), so it can simply be repeated.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

from reliability_helpers import SAMPLE_DOCX, rewrite_part, sample_part

MIB = 1 << 20


def with_prolog(document: bytes, prolog: bytes) -> bytes:
    """`document` with `prolog` (a DOCTYPE) right after its XML declaration."""
    head, _, rest = document.partition(b"?>")
    return head + b"?>" + prolog + rest


def with_cell_text(document: bytes, xml: bytes) -> bytes:
    """`document` with raw XML put inside the first text run of paragraph 39."""
    return document.replace(b"<w:t>39.</w:t>", b"<w:t>39.</w:t>" + xml, 1)


def docx_with_document(target: Path, document: bytes) -> Path:
    return rewrite_part(SAMPLE_DOCX, target, "word/document.xml", document)


def xxe_docx(target: Path, secret: Path, encoding: str = "utf-8") -> Path:
    """An external entity naming a local file, used in a cell; optionally re-encoded."""
    document = sample_part()
    document = with_prolog(
        document,
        f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'.encode(),
    )
    document = with_cell_text(document, b"<w:t>&xxe;</w:t>")
    if encoding != "utf-8":
        text = document.decode("utf-8").replace("encoding='UTF-8'", f"encoding='{encoding}'")
        document = text.replace('encoding="UTF-8"', f'encoding="{encoding}"').encode(encoding)
    return docx_with_document(target, document)


def billion_laughs_docx(target: Path, encoding: str = "utf-8") -> Path:
    entities = '<!ENTITY lol0 "lollollollollollollollollollol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    )
    document = with_prolog(sample_part(), f"<!DOCTYPE w:document [{entities}]>".encode())
    document = with_cell_text(document, b"<w:t>&lol9;</w:t>")
    if encoding != "utf-8":
        document = (
            document.decode("utf-8")
            .replace("encoding='UTF-8'", f"encoding='{encoding}'")
            .replace('encoding="UTF-8"', f'encoding="{encoding}"')
            .encode(encoding)
        )
    return docx_with_document(target, document)


def _deflated_zeros(mebibytes: int) -> bytes:
    block_maker = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = block_maker.compress(b"\0" * MIB) + block_maker.flush(zlib.Z_FULL_FLUSH)
    end = zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)
    return block * mebibytes + end


def zip_bomb_docx(target: Path, *, declared_size: int | None, mebibytes: int = 3 * 1024) -> Path:
    """The sample with word/document.xml replaced by `mebibytes` MiB of deflated zeros.

    `declared_size` None: the headers tell the truth (gigabytes); else they claim that size.
    """
    with zipfile.ZipFile(SAMPLE_DOCX) as archive:
        parts = [(info.filename, archive.read(info)) for info in archive.infolist()]
    bomb = _deflated_zeros(mebibytes)
    real_size = mebibytes * MIB
    size = real_size if declared_size is None else declared_size
    local = bytearray()
    central = bytearray()
    for name, content in parts:
        encoded = name.encode()
        if name == "word/document.xml":
            data, crc, usize = bomb, 0, size
        else:
            compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
            data = compressor.compress(content) + compressor.flush()
            crc, usize = zlib.crc32(content), len(content)
        offset = len(local)
        fields = (20, 0, 8, 0, 0, crc, len(data), usize, len(encoded))
        local += struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0) + encoded + data
        central += (
            struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, *fields, 0, 0, 0, 0, 0, offset)
            + encoded
        )
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(central), len(local), 0
    )
    target.write_bytes(bytes(local + central + end))
    return target
