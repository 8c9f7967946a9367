"""WordprocessingML names, resolved once: building 100,000 elements should not re-split prefixes."""

from __future__ import annotations

from typing import Final

from docx.oxml.ns import qn


class _Names:
    """Attribute access to Clark names: `W.p` is "{...wordprocessingml/2006/main}p"."""

    delete = qn("w:del")  # `del` is a Python keyword

    def __getattr__(self, local: str) -> str:
        name = qn("w:" + local)
        setattr(self, local, name)  # cached: the next lookup is a plain attribute
        return name


W: Final = _Names()
XML_SPACE: Final = "{http://www.w3.org/XML/1998/namespace}space"
