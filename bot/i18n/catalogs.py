"""Reading one language's gettext catalog (a `.po` file) into a gettext translations object."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

DOMAIN = "newsbot"
LOCALES = Path(__file__).resolve().parent / "locales"
"""Where the shipped catalogs live: `locales/<code>/LC_MESSAGES/newsbot.po`."""


class CatalogError(ValueError):
    """A catalog is missing or cannot be parsed; the message names the file."""


def catalog_path(code: str, directory: Path = LOCALES) -> Path:
    """The `.po` file of a language under a locales directory."""
    return directory / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(code: str, directory: Path = LOCALES) -> Catalog:
    """Parse a language's `.po` file; plural rules come from its header, else from CLDR."""
    path = catalog_path(code, directory)
    try:
        with path.open("rb") as handle:
            return read_po(handle, locale=code, domain=DOMAIN)
    except OSError as exc:
        raise CatalogError(f"cannot read the catalog {path}: {exc.strerror}") from None
    except Exception as exc:  # babel raises several types for a malformed file
        raise CatalogError(f"cannot parse the catalog {path}: {exc}") from None


def compile_catalog(catalog: Catalog) -> Translations:
    """The catalog as a gettext object (compiled in memory, as msgfmt would do on disk)."""
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)
