"""Canonical article URLs, so the same story reached through tracking links is stored once."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

# Query parameters that only track the reader; they never select different content.
_TRACKING_EXACT = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "mc_cid",
        "mc_eid",
        "igshid",
        "spm",
        "scm",
        "share_token",
        "_hsenc",
        "_hsmi",
        "ref_src",
        "vero_id",
        "oly_enc_id",
        "oly_anon_id",
        "wt_mc",
        "cmpid",
        "s_cid",
    }
)
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "ga_")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def is_tracking_param(name: str) -> bool:
    """True for query parameters that only carry campaign or click tracking."""
    lowered = name.lower()
    return lowered in _TRACKING_EXACT or lowered.startswith(_TRACKING_PREFIXES)


def resolve(url: str, base: str | None) -> str:
    """Resolve a possibly relative link against the document it came from."""
    url = url.strip()
    return urljoin(base, url) if base else url


def canonical_url(url: str, base: str | None = None) -> str:
    """Normalize: lowercase scheme/host; no default port, fragment or tracking; sorted query."""
    absolute = resolve(url, base)
    try:
        parts = urlsplit(absolute)
        port = parts.port
    except ValueError:
        return absolute
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if ":" in host:
        host = f"[{host}]"
    if port is not None and _DEFAULT_PORTS.get(scheme) != port:
        host = f"{host}:{port}"
    if parts.username:
        host = f"{parts.username}@{host}"
    path = parts.path or "/"
    query_pairs = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not is_tracking_param(key)
    ]
    query = urlencode(sorted(query_pairs))
    return urlunsplit((scheme, host, path, query, ""))
