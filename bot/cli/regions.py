"""`newsbot regions add|list|edit|remove`: the regions admins own, checked like the catalogue."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import UTC, datetime

from bot.chat.handlers.region_admin import removal_notice
from bot.cli.feeds import opened_store
from bot.i18n import DEFAULT_LANGUAGE, LANGUAGES, region_name
from bot.news.errors import FeedError
from bot.news.region_admin import RegionAdmin, RegionEdit
from bot.news.regions import NAME_FIELD, split_places
from bot.settings import Settings
from bot.store import Region, StoreError

Handler = Callable[[argparse.Namespace, Settings], int]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `regions` subcommand and its actions."""
    parser = subparsers.add_parser("regions", help="add, list, edit and remove regions")
    actions = parser.add_subparsers(dest="regions_action", metavar="ACTION")
    listing = actions.add_parser("list", help="every region with its names, places, time zone")
    listing.set_defaults(handler=_guard("list", _list))
    add = actions.add_parser("add", help="add a region")
    add.add_argument("id", help="short lowercase id, e.g. taiyuan")
    _names(add, required=True)
    _fields(add)
    add.set_defaults(handler=_guard("add", _add))
    edit = actions.add_parser("edit", help="change a region's names, places or time zone")
    edit.add_argument("id")
    _names(edit, required=False)
    _fields(edit)
    edit.set_defaults(handler=_guard("edit", _edit))
    remove = actions.add_parser(
        "remove", help="remove a region (asks for --yes when chats follow it; they are told)"
    )
    remove.add_argument("id")
    remove.add_argument("--yes", action="store_true", help="remove even when chats follow it")
    remove.set_defaults(handler=_guard("remove", _remove))
    parser.set_defaults(handler=_usage(parser))


def _names(parser: argparse.ArgumentParser, *, required: bool) -> None:
    """One --name-<code> option per interface language; English is required for a new region."""
    for code, language in LANGUAGES.items():
        english = language.locale.get_display_name("en") or code
        parser.add_argument(
            f"--name-{code}",
            dest=NAME_FIELD.format(language=code),
            required=required and code == DEFAULT_LANGUAGE,
            help=f"{english} name"
            + ("" if code == DEFAULT_LANGUAGE else " (else the English one)"),
        )


def _given_names(args: argparse.Namespace) -> dict[str, str]:
    names = {code: getattr(args, NAME_FIELD.format(language=code), None) for code in LANGUAGES}
    return {code: name for code, name in names.items() if name is not None}


def _fields(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--places", help="place names separated by commas: 'Taiyuan, 太原'")
    parser.add_argument("--timezone", help="IANA time zone, e.g. Asia/Shanghai")


def _usage(parser: argparse.ArgumentParser) -> Handler:
    def handler(_args: argparse.Namespace, _settings: Settings) -> int:
        parser.print_usage(sys.stderr)
        print("newsbot regions: choose an action: list, add, edit, remove", file=sys.stderr)
        return 2

    return handler


def _guard(action: str, fn: Handler) -> Handler:
    """Turn our error families into one stderr line and exit status 2."""

    def handler(args: argparse.Namespace, settings: Settings) -> int:
        try:
            return fn(args, settings)
        except (FeedError, StoreError) as exc:
            print(f"newsbot regions {action}: {exc}", file=sys.stderr)
            return 2

    return handler


def describe(region: Region) -> str:
    """One region in two lines: id, names and time zone; then its place names."""
    zone = region.timezone or "no time zone"
    places = ", ".join(region.places) or "(no place names)"
    names = " / ".join(region.names[code] for code in LANGUAGES if code in region.names)
    return f"{region.id:<12} {names} · {zone}\n             {places}"


def _list(_args: argparse.Namespace, settings: Settings) -> int:
    with opened_store(settings) as store:
        regions = store.regions.list()
    if not regions:
        print("no regions yet: `newsbot regions add ID --name-en NAME --name-zh NAME`")
        return 0
    for region in regions:
        print(describe(region))
    return 0


def _places(raw: str | None) -> tuple[str, ...] | None:
    return None if raw is None else split_places(raw)


def _add(args: argparse.Namespace, settings: Settings) -> int:
    with opened_store(settings) as store:
        region = RegionAdmin(store).add(
            args.id, _given_names(args), _places(args.places) or (), args.timezone
        )
    print(f"added region {describe(region)}")
    return 0


def _edit(args: argparse.Namespace, settings: Settings) -> int:
    change = RegionEdit(_given_names(args), _places(args.places), args.timezone)
    with opened_store(settings) as store:
        region = RegionAdmin(store).edit(args.id, change)
    print(f"changed region {describe(region)}")
    return 0


def _remove(args: argparse.Namespace, settings: Settings) -> int:
    with opened_store(settings) as store:
        admin = RegionAdmin(store)
        region = admin.require(args.id)
        followers = admin.subscriber_count(region.id)
        if followers and not args.yes:
            print(
                f"newsbot regions remove: {followers} chats follow {region.id!r}; "
                "run again with --yes to remove it and tell them",
                file=sys.stderr,
            )
            return 2
        removed = admin.remove(region.id, removal_notice, datetime.now(UTC))
    told = f"; {removed.notified} subscribers will be told" if removed.notified else ""
    print(f"removed region {region.id} ({region_name(region.names, DEFAULT_LANGUAGE)}){told}")
    return 0
