"""Everything one process sends goes through one `Traffic`: the overall budget, chat lanes, 429s."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.digest.chat_lanes import ChatLanes
from bot.digest.send_budget import FloodSignals, LocalSlots, SendBudget, SharedSlots, SlotBook
from bot.store import SendSlots, Store


@dataclass
class Traffic:
    """The pacing that command replies and the digest broadcast of one process share."""

    budget: SendBudget
    lanes: ChatLanes = field(default_factory=ChatLanes)
    floods: FloodSignals = field(default_factory=FloodSignals)

    @classmethod
    def for_store(cls, store: Store, rate: float) -> Traffic:
        """On PostgreSQL the budget is shared by every process on it; else it is this one's."""
        slots: SlotBook = (
            SharedSlots(SendSlots(store.engine)) if store.dialect == "postgresql" else LocalSlots()
        )
        return cls(SendBudget(rate, slots))

    async def flood_wait(self, chat_key: int | str, seconds: float) -> None:
        """Telegram answered 429 for `chat_key`: pause that chat, or everyone when it is general."""
        self.lanes.pause(chat_key, seconds)
        if self.floods.overall(chat_key):
            await self.budget.pause(seconds)
