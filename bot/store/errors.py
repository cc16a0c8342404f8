"""The one exception root of the storage layer and its specific cases."""

from __future__ import annotations


class StoreError(Exception):
    """Anything the store cannot do; the message is fit to show an operator."""


class StoreUnavailableError(StoreError):
    """The database cannot be reached or opened."""


class UnknownRegionError(StoreError):
    """A feed or article refers to a region id that is not in the catalogue."""

    def __init__(self, region_id: str) -> None:
        super().__init__(
            f"unknown region {region_id!r}; see `newsbot regions list` or add it with "
            "`newsbot regions add`"
        )
        self.region_id = region_id


class DuplicateArticleError(StoreError):
    """An article with the same canonical URL is already stored."""

    def __init__(self, url: str) -> None:
        super().__init__(f"an article with the URL {url!r} is already stored")
        self.url = url


class InvalidFieldError(StoreError):
    """A repository update named a field that cannot be changed that way."""
