"""One lock and per-thread string dictionaries: what makes lxml and trafilatura safe in threads.

trafilatura parses every page with one module-level `lxml.html.HTMLParser` (and htmldate with
another). lxml gives each thread a libxml2 string dictionary, but a thread whose first parse
goes through a parser that already has one *adopts that parser's dictionary*
(`_ParserDictionaryContext._getThreadDict` in lxml's parser.pxi). So every thread that first
meets lxml inside trafilatura ends up sharing one dictionary, and libxml2 changes a dictionary
without any lock: while one thread parses (lxml lets go of the GIL then) another renames
elements, copies trees (`deepcopy` in the metadata extraction) or parses with another parser,
all inserting into the same table. Now and then the table is grown under a reader's feet, and
glibc aborts with "double free or corruption", or the process takes a SIGSEGV.

The fix has two parts: each thread first parses once with a parser of its own, so its
dictionary is its own (`claim_thread_dictionary`), and all of this package's lxml work runs
under `NATIVE_LOCK`, so two threads never drive libxml2 through this package at once.
"""

from __future__ import annotations

import threading

from lxml import etree

NATIVE_LOCK = threading.RLock()
"""Held around every lxml and trafilatura call of this package."""

_claimed = threading.local()


def claim_thread_dictionary() -> None:
    """Give the calling thread a libxml2 string dictionary of its own (once per thread)."""
    if getattr(_claimed, "done", False):
        return
    # A fresh parser's context owns a fresh dictionary; a thread without one adopts it here.
    etree.fromstring("<claim/>", etree.XMLParser())
    _claimed.done = True
