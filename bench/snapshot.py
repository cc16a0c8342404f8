"""Files of a public repository's bare snapshot (``<mirror>/<owner>+<name>/repo``) at its HEAD."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

_AS_BROWSERS_DO = {"iso-8859-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252"}
_CHARSET = re.compile(rb"<meta\b[^>]*charset=[\"']?([A-Za-z0-9_-]+)", re.I)


class Snapshot:
    """Read files of one bare repository snapshot at its HEAD; nothing is downloaded."""

    def __init__(self, mirror: Path, repo: str) -> None:
        self.repo = repo
        self.git_dir = mirror / repo.replace("/", "+") / "repo"

    def present(self) -> bool:
        """Whether the snapshot exists on this machine."""
        return (self.git_dir / "HEAD").is_file()

    def files(self, prefix: str = "") -> list[str]:
        """Paths at HEAD, under ``prefix`` when given."""
        out = self._git("ls-tree", "-r", "--name-only", "HEAD", *([prefix] if prefix else []))
        return [line for line in out.decode("utf-8").splitlines() if line]

    def read(self, path: str, fallback: str | None = None) -> str:
        """A file's text at HEAD: UTF-8, else ``fallback`` if given, undecodable bytes replaced."""
        raw = self._git("show", f"HEAD:{path}")
        if fallback is not None:
            try:
                return raw.decode("utf-8")
            except UnicodeDecodeError:
                return raw.decode(fallback, errors="replace")
        return raw.decode("utf-8", errors="replace")

    def read_html(self, path: str) -> str:
        """A saved page's text: UTF-8 if it is that, else the charset its markup declares."""
        raw = self._git("show", f"HEAD:{path}")
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
        declared = _CHARSET.search(raw[:4096])
        if declared is not None:
            charset = declared.group(1).decode("ascii").lower()
            # Browsers read pages labelled Latin-1 as Windows-1252, and so do we.
            charset = _AS_BROWSERS_DO.get(charset, charset)
            try:
                return raw.decode(charset, errors="replace")
            except LookupError:
                pass
        return raw.decode("utf-8", errors="replace")

    def read_many(self, paths: list[str]) -> dict[str, bytes]:
        """The bytes of every path at HEAD (one git process for all of them)."""
        query = "".join(f"HEAD:{path}\n" for path in paths).encode("utf-8")
        out = subprocess.run(
            ["git", "--git-dir", str(self.git_dir), "cat-file", "--batch"],
            input=query,
            check=True,
            capture_output=True,
        ).stdout
        blobs: dict[str, bytes] = {}
        at = 0
        for path in paths:
            end = out.index(b"\n", at)
            header = out[at:end].split()
            if len(header) < 3 or header[1] != b"blob":
                at = end + 1
                continue
            size = int(header[2])
            blobs[path] = out[end + 1 : end + 1 + size]
            at = end + 1 + size + 1
        return blobs

    def _git(self, *args: str) -> bytes:
        return subprocess.run(
            ["git", "--git-dir", str(self.git_dir), *args], check=True, capture_output=True
        ).stdout
