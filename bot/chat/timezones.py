"""Resolve what a user types as a time zone: an IANA name, or a city in English or Chinese."""

from __future__ import annotations

import re
from functools import lru_cache
from zoneinfo import available_timezones

# Cities that are not the name of an IANA zone (which resolve by themselves, e.g. "Tokyo").
# Mainland China is one zone, so every Chinese city maps to Asia/Shanghai.
_CITY_ZONES: dict[str, str] = {
    **dict.fromkeys(
        (
            "beijing",
            "北京",
            "taiyuan",
            "太原",
            "jinyuan",
            "晋源",
            "datong",
            "大同",
            "xi'an",
            "xian",
            "西安",
            "chengdu",
            "成都",
            "chongqing",
            "重庆",
            "wuhan",
            "武汉",
            "guangzhou",
            "广州",
            "shenzhen",
            "深圳",
            "hangzhou",
            "杭州",
            "nanjing",
            "南京",
            "tianjin",
            "天津",
            "shenyang",
            "沈阳",
            "harbin",
            "哈尔滨",
            "zhengzhou",
            "郑州",
            "jinan",
            "济南",
            "qingdao",
            "青岛",
            "changsha",
            "长沙",
            "kunming",
            "昆明",
            "lanzhou",
            "兰州",
            "hohhot",
            "呼和浩特",
            "shijiazhuang",
            "石家庄",
            "xiamen",
            "厦门",
            "fuzhou",
            "福州",
            "hefei",
            "合肥",
            "nanchang",
            "南昌",
            "guiyang",
            "贵阳",
            "nanning",
            "南宁",
            "haikou",
            "海口",
            "yinchuan",
            "银川",
            "xining",
            "西宁",
            "lhasa",
            "拉萨",
            "changchun",
            "长春",
            "suzhou",
            "苏州",
            "上海",
            "shanxi",
            "山西",
            "china",
            "中国",
        ),
        "Asia/Shanghai",
    ),
    "urumqi": "Asia/Urumqi",
    "乌鲁木齐": "Asia/Urumqi",
    "hong kong": "Asia/Hong_Kong",
    "香港": "Asia/Hong_Kong",
    "macau": "Asia/Macau",
    "macao": "Asia/Macau",
    "澳门": "Asia/Macau",
    "taipei": "Asia/Taipei",
    "台北": "Asia/Taipei",
    "东京": "Asia/Tokyo",
    "osaka": "Asia/Tokyo",
    "首尔": "Asia/Seoul",
    "新加坡": "Asia/Singapore",
    "mumbai": "Asia/Kolkata",
    "delhi": "Asia/Kolkata",
    "new delhi": "Asia/Kolkata",
    "bangalore": "Asia/Kolkata",
    "伦敦": "Europe/London",
    "巴黎": "Europe/Paris",
    "柏林": "Europe/Berlin",
    "莫斯科": "Europe/Moscow",
    "纽约": "America/New_York",
    "washington": "America/New_York",
    "boston": "America/New_York",
    "san francisco": "America/Los_Angeles",
    "洛杉矶": "America/Los_Angeles",
    "seattle": "America/Los_Angeles",
    "旧金山": "America/Los_Angeles",
    "悉尼": "Australia/Sydney",
    "utc": "UTC",
    "gmt": "UTC",
}

_SPACES = re.compile(r"[\s_]+")


def _key(text: str) -> str:
    return _SPACES.sub(" ", text.strip().casefold())


@lru_cache(maxsize=1)
def _zone_index() -> dict[str, str]:
    """Every IANA zone by its full name and by its last component ("new york" -> ...)."""
    index: dict[str, str] = {}
    for name in sorted(available_timezones()):
        if name.startswith(("Etc/", "SystemV/", "posix/", "right/")):
            continue
        index.setdefault(_key(name), name)
        index.setdefault(_key(name.rsplit("/", 1)[-1]), name)
    return index


def resolve_zone(text: str, places: dict[str, str] | None = None) -> str | None:
    """Return the IANA zone a user meant, or None; `places` adds extra place-name -> zone pairs."""
    key = _key(text)
    if not key or len(key) > 64:
        return None
    if places:
        extra = {_key(name): zone for name, zone in places.items()}
        if key in extra:
            return extra[key]
    return _CITY_ZONES.get(key) or _zone_index().get(key)
