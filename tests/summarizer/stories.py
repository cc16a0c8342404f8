"""A short English news story the summarizer tests wrap in pages, debris and markup."""

from __future__ import annotations

BRIDGE_STORY = [
    "The county council approved a plan on Monday to rebuild the old stone bridge over the "
    "river, which has been closed to traffic since a flood damaged it last winter.",
    "Engineers said the work would take about eighteen months and cost the county roughly "
    "four million pounds, most of it paid for by a national infrastructure grant.",
    "Residents who have driven a long detour for almost a year welcomed the decision, but "
    "some shop owners said they feared the building work would keep customers away.",
    "The council will ask for bids from builders in the autumn and hopes to choose one "
    "before the end of the year, a spokeswoman for the highways department said.",
]
