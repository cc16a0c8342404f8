"""The test site served by the feed server: the sample feeds plus odd and hostile cases."""

from __future__ import annotations

import functools
import gzip
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from tests.feedserver import FeedServer, endless_bytes, slow_drip

SAMPLES = Path(__file__).resolve().parents[2] / "config" / "sample_feeds"
LAST_MODIFIED = format_datetime(datetime(2024, 7, 10, 9, 0, tzinfo=UTC), usegmt=True)


@dataclass(frozen=True)
class Story:
    slug: str
    title: str
    lead: str
    sections: tuple[tuple[str, tuple[str, ...]], ...]
    lang: str = "en"

    def html(self, charset: str | None = "utf-8") -> str:
        meta = f'<meta charset="{charset}">' if charset else ""
        body = "".join(
            f"<h2>{escape(h)}</h2>" + "".join(f"<p>{escape(p)}</p>" for p in ps)
            for h, ps in self.sections
        )
        return (
            f'<!DOCTYPE html><html lang="{self.lang}"><head>{meta}<title>{escape(self.title)}'
            f"</title></head><body><nav><a href='/'>Home</a> | <a href='/news'>News</a></nav>"
            f"<main><article><h1>{escape(self.title)}</h1><p>{escape(self.lead)}</p>{body}"
            "</article></main><footer>Copyright. All rights reserved.</footer></body></html>"
        )

    def content_html(self) -> str:
        return self.html(None).split("<article>", 1)[1].split("</article>", 1)[0]


LONDON = Story(
    "london-bridges",
    "London closes Hammersmith Bridge to cars for a further year",
    "Hammersmith Bridge in west London will stay closed to motor traffic for at least another "
    "year while engineers strengthen its cast-iron pedestals, the council said on Tuesday.",
    (
        (
            "Repairs",
            (
                "The bridge opened in 1887 and cracks were found in its pedestals in 2019. "
                "Engineers will install new steel frames around each pedestal.",
                "Pedestrians and cyclists can still cross the bridge during the works.",
            ),
        ),
        (
            "Cost",
            (
                "The repairs are expected to cost about 250 million pounds. "
                "The council, Transport for London and the government will share the bill.",
            ),
        ),
        (
            "Traffic",
            (
                "Buses that used the bridge still take a detour through Putney. "
                "Residents say the detour adds twenty minutes to many journeys.",
            ),
        ),
    ),
)
DATONG = Story(
    "datong-wall",
    "Datong restores a section of its Ming dynasty city wall",
    "Datong in northern Shanxi has finished restoring a 1.2-kilometre stretch of its Ming "
    "dynasty city wall, which reopened to walkers on Saturday.",
    (
        (
            "Craft methods",
            (
                "Masons used lime mortar mixed with sticky rice, as the original "
                "builders did. Bricks were fired in a kiln near the old town.",
            ),
        ),
        (
            "Visitors",
            (
                "Tickets for the wall walk cost thirty yuan. The city expects more than a "
                "million visitors this year.",
                "Night tours start in August.",
            ),
        ),
    ),
)
HARBIN = Story(
    "harbin-ice-zh",
    "哈尔滨冰雪大世界提前开园",
    "哈尔滨冰雪大世界今年提前一周开园，园区面积扩大到八十万平方米，使用冰块二十五万立方米。",
    (
        (
            "新增项目",
            (
                "今年园区新增了超长冰滑梯和冰上音乐厅。冰滑梯全长五百米，是往年的两倍。",
                "园区还推出了夜间灯光秀，每晚七点开始。",
            ),
        ),
        (
            "交通安排",
            ("哈尔滨地铁延长了运营时间，游客可以乘地铁直达园区。市内多条公交线路也增加了班次。",),
        ),
    ),
    lang="zh",
)
YUNCHENG = Story(
    "yuncheng-salt-lake-zh",
    "运城盐湖七彩盐池迎来观赏季",
    "入夏以来，山西运城盐湖的七彩盐池进入最佳观赏期，湖面呈现红、绿、紫等多种颜色，吸引大批游客前来观赏。",
    (
        (
            "颜色成因",
            (
                "专家介绍，盐池中不同的藻类和矿物质在阳光照射下呈现出不同颜色。气温越高，颜色越鲜艳。",
            ),
        ),
        (
            "游览提示",
            (
                "景区建议游客在上午十点前或下午五点后参观，避开高温时段。景区内设有观景台和步行栈道。",
                "节假日期间需提前在网上预约门票。",
            ),
        ),
    ),
    lang="zh",
)
KOWLOON_BIG5 = Story(
    "kowloon-market-big5",
    "九龍舊街市活化工程完成",
    "位於九龍的舊街市經過兩年活化工程後重新開放，保留了原有的建築外貌，並加入了新的商店和休憩空間。",
    (
        (
            "保育與活化",
            ("工程保留了街市的混凝土拱頂和舊式招牌。建築師表示，希望讓市民記得街市的歷史。",),
        ),
        (
            "開放安排",
            (
                "街市每日早上八時至晚上十時開放。周末設有手作市集和導賞團，市民可免費參加。",
                "附近的港鐵站步行只需五分鐘。",
            ),
        ),
    ),
    lang="zh",
)
EXTRA_STORIES = (LONDON, DATONG, HARBIN, YUNCHENG, KOWLOON_BIG5)


def sample_text(name: str, base_url: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8").replace("{base_url}", base_url)


def rss_item(title: str, link: str, guid: str, extra: str = "") -> str:
    return (
        f"<item><title>{xml_escape(title)}</title><link>{xml_escape(link)}</link>"
        f'<guid isPermaLink="false">{guid}</guid>{extra}</item>'
    )


@functools.cache
def gzip_bomb(size: int = 64 * 1024 * 1024) -> bytes:
    return gzip.compress(b"\0" * size, compresslevel=9)


@functools.cache
def huge_feed(items: int = 100_000) -> bytes:
    body = "".join(f"<item><title>t{i}</title><guid>n{i}</guid></item>" for i in range(items))
    head = '<?xml version="1.0"?><rss version="2.0"><channel><title>big</title>'
    return f"{head}{body}</channel></rss>".encode()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title></item></channel></rss>
"""
HTML_ERROR_PAGE = (
    "<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head>"
    "<body><h1>Service Unavailable</h1><p>Please try again later.</p></body></html>"
)


def build_site(server: FeedServer) -> dict[str, list[str]]:
    """Register every route; returns the ingest feeds: {"good": [...], "bad": [...]}."""
    base = server.base_url
    for page in sorted((SAMPLES / "articles").glob("*.html")):
        text = page.read_text(encoding="utf-8").replace("{base_url}", base)
        server.add(f"/articles/{page.name}", text)
    server.add(
        "/articles/gz/hongkong-electric-ferries.html",
        sample_text("articles/hongkong-electric-ferries.html", base),
        gzip=True,
    )
    server.redirect("/go/book-fair", "/articles/beijing-book-fair.html", status=301)
    server.add("/articles/datong-wall.html", DATONG.html(), delay=1.0)
    server.add("/articles/harbin-ice-zh.html", "<h1>Internal Server Error</h1>", status=500)
    server.add(
        "/articles/yuncheng-salt-lake-zh.html",
        YUNCHENG.html("gbk").encode("gbk"),
        content_type="text/html",
    )
    server.add(
        "/articles/kowloon-market-big5.html",
        KOWLOON_BIG5.html(None).encode("big5"),
        content_type="text/html; charset=big5",
    )
    _feeds(server, base)
    _hostile(server)
    return {
        "good": [
            server.url("/feeds/en.rss"),
            server.url("/feeds/zh.atom"),
            server.url("/feeds/odd.rdf"),
        ],
        "bad": [server.url("/feeds/error-page.xml"), server.url("/feeds/gone.xml")],
    }


def _feeds(server: FeedServer, base: str) -> None:
    en = sample_text("regional-en.xml", base)
    en = en.replace(
        f"{base}/articles/taiyuan-metro-line-2.html", "../articles/taiyuan-metro-line-2.html"
    )
    en = en.replace(f"{base}/articles/beijing-book-fair.html", f"{base}/go/book-fair")
    en = en.replace(
        f"{base}/articles/hongkong-electric-ferries.html",
        f"{base}/articles/gz/hongkong-electric-ferries.html",
    )
    extra = rss_item(
        LONDON.title,
        f"{base}/articles/london-bridges.html",
        "x-london",
        f"<description>{xml_escape(LONDON.content_html())}</description>",
    )
    extra += rss_item(DATONG.title, f"{base}/articles/datong-wall.html", "x-datong")
    en = en.replace("</channel>", extra + "</channel>")
    server.add(
        "/feeds/en.rss",
        en,
        content_type="application/rss+xml; charset=utf-8",
        etag='"en-v1"',
        last_modified=LAST_MODIFIED,
    )
    zh = sample_text("regional-zh.xml", base)
    harbin = (
        f"<entry><title>{HARBIN.title}</title><id>urn:x:harbin</id>"
        f'<link href="{base}/articles/harbin-ice-zh.html"/><updated>2024-07-09T00:00:00Z</updated>'
        f'<content type="html">{xml_escape(HARBIN.content_html())}</content></entry>'
    )
    zh = zh.replace("</feed>", harbin + "</feed>")
    server.add(
        "/feeds/zh.atom",
        zh,
        content_type="application/atom+xml",
        gzip=True,
        last_modified=LAST_MODIFIED,
    )
    rdf = (
        '<?xml version="1.0" encoding="gb2312"?>'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/">'
        f'<channel rdf:about="{base}/feeds/odd.rdf"><title>山西地方频道</title><link>{base}/</link>'
        "<description>RDF</description></channel>"
        f'<item rdf:about="{base}/articles/yuncheng-salt-lake-zh.html">'
        f"<title>{YUNCHENG.title}</title>"
        f"<link>{base}/articles/yuncheng-salt-lake-zh.html</link></item>"
        f'<item rdf:about="{base}/articles/kowloon-market-big5.html">'
        "<title>九龙旧街市活化工程完成</title>"
        f"<link>{base}/articles/kowloon-market-big5.html</link></item>"
        "</rdf:RDF>"
    )
    server.add(
        "/feeds/odd.rdf", rdf.encode("gb18030"), content_type="application/rdf+xml", etag='"rdf-1"'
    )
    server.add("/feeds/error-page.xml", HTML_ERROR_PAGE)
    server.add(
        "/page-with-feed.html",
        '<html><head><link rel="alternate" type="application/rss+xml" title="News" '
        'href="feeds/en.rss"></head><body>Welcome</body></html>',
    )


def _hostile(server: FeedServer) -> None:
    server.add("/hostile/billion-laughs.xml", BILLION_LAUGHS, content_type="application/xml")
    server.add(
        "/hostile/gzip-bomb.xml", gzip_bomb(), content_type="application/xml", raw_encoding="gzip"
    )
    server.add("/hostile/huge.xml", stream=endless_bytes(), content_type="application/xml")
    server.add(
        "/hostile/huge-declared.xml",
        stream=endless_bytes(),
        content_type="application/xml",
        content_length=2 * 1024**3,
    )
    server.add("/hostile/never-ending.xml", stream=slow_drip(), content_type="application/xml")
    server.add("/hostile/big-feed.xml", huge_feed(), content_type="application/rss+xml")
    server.redirect("/loop/a", "/loop/b")
    server.redirect("/loop/b", "/loop/a")
    for n in range(8):
        server.redirect(f"/chain/{n}", f"/chain/{n + 1}")
    server.add("/status/403", "Forbidden", status=403)
    server.add("/status/500", "oops", status=500)
    server.add(
        "/invalid-utf8.xml",
        b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>bad \xff\xfe'
        b" bytes</title><item><title>caf\xe9</title><link>http://x.example/1</link></item>"
        b"</channel></rss>",
        content_type="application/rss+xml; charset=utf-8",
    )
