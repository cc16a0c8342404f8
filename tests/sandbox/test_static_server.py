"""The static server for sample feeds: placeholders, content types, conditional GETs."""

from pathlib import Path

import httpx
import pytest

from bot.sandbox.static_server import StaticServer


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "feeds").mkdir()
    (tmp_path / "feeds" / "shanxi.xml").write_text(
        "<rss><channel><link>{base_url}/pages/a.html</link></channel></rss>", encoding="utf-8"
    )
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.html").write_text("<p>太原 {base_url}</p>", encoding="utf-8")
    (tmp_path / "data.bin").write_bytes(b"{base_url}")
    return tmp_path


def test_placeholders_are_replaced_in_text_documents(site: Path) -> None:
    with StaticServer(site) as server, httpx.Client() as http:
        feed = http.get(server.url("feeds/shanxi.xml"))
        assert feed.status_code == 200
        assert feed.headers["content-type"] == "application/xml; charset=utf-8"
        assert (
            feed.text
            == f"<rss><channel><link>{server.base_url}/pages/a.html</link></channel></rss>"
        )
        page = http.get(f"{server.base_url}/pages/a.html")
        assert page.text == f"<p>太原 {server.base_url}</p>"
        assert http.get(server.url("data.bin")).content == b"{base_url}"


def test_missing_files_and_escapes_are_404(site: Path) -> None:
    with StaticServer(site / "feeds") as server, httpx.Client() as http:
        assert http.get(server.url("nothing.xml")).status_code == 404
        assert http.get(f"{server.base_url}/../data.bin").status_code == 404
        assert http.get(f"{server.base_url}/%2e%2e/data.bin").status_code == 404


def test_etag_allows_conditional_requests(site: Path) -> None:
    with StaticServer(site) as server, httpx.Client() as http:
        first = http.get(server.url("feeds/shanxi.xml"))
        etag = first.headers["etag"]
        again = http.get(server.url("feeds/shanxi.xml"), headers={"If-None-Match": etag})
        assert again.status_code == 304
        assert again.content == b""


def test_a_missing_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        StaticServer(tmp_path / "absent")
