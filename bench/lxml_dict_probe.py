"""Show which libxml2 string dictionary each thread's documents use, before and after the fix.

Reads `xmlDoc.dict` through ctypes (struct offsets of CPython 3.11 and lxml 6 on 64-bit
Linux: the `_Element` proxy's `_doc`, the `_Document`'s `_c_doc`, the `xmlDoc`'s `dict`).
Threads run one after another here, so the output shows sharing, not a race:

    python -m bench.lxml_dict_probe
    trafilatura first:  3 threads, 1 distinct dictionaries ...
    claimed first:      3 threads, 3 distinct dictionaries ...
"""

from __future__ import annotations

import ctypes
import threading

from lxml import etree
from trafilatura.utils import load_html

from summarizer.native import claim_thread_dictionary

PAGE = "<html><body><p>hello</p><p>x</p></body></html>"


def dictionary_of(element: etree._Element) -> int:
    """Address of the libxml2 dictionary of the document `element` belongs to."""
    pointer = ctypes.c_void_p
    document = pointer.from_address(id(element) + 16).value  # LxmlElement._doc
    c_doc = pointer.from_address(int(document or 0) + 40).value  # LxmlDocument._c_doc
    return int(pointer.from_address(int(c_doc or 0) + 152).value or 0)  # xmlDoc.dict


def probe(claim_first: bool, threads: int = 3) -> list[tuple[int, int]]:
    """Per thread: (dictionary of a trafilatura-parsed page, of a document of its own)."""
    found: list[tuple[int, int]] = []
    keep: list[object] = []  # keep documents alive so no address is reused

    def work() -> None:
        if claim_first:
            claim_thread_dictionary()
        tree = load_html(PAGE)  # parsed by trafilatura's module-level HTML_PARSER
        own = etree.fromstring("<x/>", etree.XMLParser())
        keep.extend((tree, own))
        found.append((dictionary_of(tree), dictionary_of(own)))

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for thread in workers:
        thread.start()
        thread.join()
    return found


def main() -> int:
    """Print the dictionaries seen with and without claiming a private one first."""
    for label, claim in (("trafilatura first", False), ("claimed first", True)):
        found = probe(claim)
        distinct = {d for pair in found for d in pair}
        pairs = ", ".join(f"({hex(a)}, {hex(b)})" for a, b in found)
        count = len(distinct)
        print(f"{label + ':':<19} {len(found)} threads, {count} distinct dictionaries: {pairs}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
