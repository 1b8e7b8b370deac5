"""Which rulebook a published document reports under, and how a report file names a rulebook."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from esgxbrl.catalogue.entries import Catalogue
from esgxbrl.catalogue.loading import load_catalogue
from esgxbrl.catalogue.versions import GUIDES


@cache
def _rulebooks() -> tuple[Catalogue, ...]:
    return tuple(load_catalogue(version) for version in sorted(set(GUIDES.values())))


def guide_name(catalogue: Catalogue) -> str:
    """The rulebook as a report file names it (`guide:`)."""
    return next(name for name, version in GUIDES.items() if version == catalogue.regime.version)


def rulebook_using(namespaces: Iterable[str]) -> Catalogue | None:
    """The rulebook whose taxonomy namespace is among `namespaces` (the newest if several use theirs);
    None when none of esgxbrl's taxonomies is used."""
    used = set(namespaces)
    return max((c for c in _rulebooks() if c.regime.namespace in used), key=lambda c: c.regime.version,
               default=None)
