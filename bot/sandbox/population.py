"""Scripting the emulated Telegram: users, chats, topics, administrators and failures."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bot.sandbox.errors import SandboxError
from bot.sandbox.faults import CHAT_BURST, CHAT_PER_SECOND, GROUP_PER_MINUTE, OVERALL_PER_SECOND
from bot.sandbox.methods_bot import member_api
from bot.sandbox.records import Chat, ChatState, User
from bot.sandbox.world import World

ChatRef = Chat | int
UserRef = User | int
_BASIC_GROUP_BASE = 4_000_000
_SUPERGROUP_BASE = 1_000_000_000_000
_USER_BASE = 10_000_000


def chat_id_of(chat: ChatRef) -> int:
    """The id behind a chat handle."""
    return chat if isinstance(chat, int) else chat.id


def user_id_of(user: UserRef) -> int:
    """The id behind a user handle."""
    return user if isinstance(user, int) else user.id


class Population:
    """Creating users and chats and configuring how Telegram misbehaves towards the bot."""

    _world: World

    def _chat(self, chat: ChatRef) -> ChatState:
        state = self._world.chats.get(chat_id_of(chat))
        if state is None:
            raise SandboxError(f"no chat {chat_id_of(chat)} in the emulator")
        return state

    def _user(self, user: UserRef) -> User:
        found = self._world.users.get(user_id_of(user))
        if found is None:
            raise SandboxError(f"no user {user_id_of(user)} in the emulator")
        return found

    def create_user(
        self,
        first_name: str = "Test",
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
        user_id: int | None = None,
    ) -> User:
        """A new (human) Telegram user."""
        with self._world.lock:
            uid = user_id or _USER_BASE + self._world.next_id()
            user = User(uid, first_name, last_name, username, language_code)
            self._world.users[uid] = user
            return user

    def create_private_chat(self, user: UserRef) -> Chat:
        """The private chat between `user` and the bot (its id is the user's id)."""
        with self._world.lock:
            person = self._user(user)
            state = self._world.chats.get(person.id)
            if state is None:
                state = ChatState(
                    person.id,
                    "private",
                    username=person.username,
                    first_name=person.first_name,
                    last_name=person.last_name,
                    members={person.id},
                )
                self._world.chats[person.id] = state
            return state.public()

    def create_group(
        self,
        title: str = "Test group",
        *,
        members: Iterable[UserRef] = (),
        admins: Iterable[UserRef] = (),
        creator: UserRef | None = None,
        supergroup: bool = False,
        forum: bool = False,
        username: str | None = None,
        bot_is_admin: bool = False,
    ) -> Chat:
        """A group (or a supergroup, or a forum) with the bot as a member."""
        with self._world.lock:
            big = supergroup or forum or username is not None
            base = _SUPERGROUP_BASE if big else _BASIC_GROUP_BASE
            state = ChatState(
                -(base + self._world.next_id()),
                "supergroup" if big else "group",
                title=title,
                username=username,
                is_forum=forum,
                bot_status="administrator" if bot_is_admin else "member",
            )
            state.members = {user_id_of(u) for u in members}
            self._world.chats[state.id] = state
            self._set_admins(state, admins, creator)
            return state.public()

    def create_channel(
        self,
        title: str = "Test channel",
        *,
        admins: Iterable[UserRef] = (),
        creator: UserRef | None = None,
        username: str | None = None,
        bot_is_admin: bool = True,
    ) -> Chat:
        """A channel; the bot can post only while it is an administrator."""
        with self._world.lock:
            state = ChatState(
                -(_SUPERGROUP_BASE + self._world.next_id()),
                "channel",
                title=title,
                username=username,
                bot_status="administrator" if bot_is_admin else "member",
            )
            self._world.chats[state.id] = state
            self._set_admins(state, admins, creator)
            return state.public()

    def _set_admins(
        self, state: ChatState, admins: Iterable[UserRef], creator: UserRef | None
    ) -> None:
        state.admins = {user_id_of(u): "administrator" for u in admins}
        if creator is not None:
            state.admins[user_id_of(creator)] = "creator"
        state.members |= set(state.admins)

    def set_administrators(
        self, chat: ChatRef, admins: Iterable[UserRef], *, creator: UserRef | None = None
    ) -> None:
        """Replace the chat's administrators (the creator counts as one)."""
        with self._world.lock:
            self._set_admins(self._chat(chat), admins, creator)
            self._world.touch()

    def add_member(self, chat: ChatRef, user: UserRef) -> None:
        """Make `user` a plain member of a group."""
        with self._world.lock:
            self._chat(chat).members.add(user_id_of(user))

    def create_topic(self, chat: ChatRef, name: str, *, by: UserRef | None = None) -> int:
        """Open a forum topic; returns its message_thread_id."""
        with self._world.lock:
            state = self._chat(chat)
            if not state.is_forum:
                raise SandboxError(f"chat {state.id} is not a forum")
            author = user_id_of(by) if by is not None else next(iter(state.admins), None)
            if author is None:
                author = self.create_user("Topic author").id
            service = {"forum_topic_created": {"name": name, "icon_color": 7322096}}
            message = self._world.add_message(state, author, service=service)
            message.thread_id = message.message_id
            state.topics[message.message_id] = name
            self._world.add_update("message", self._world.message_api(message))
            return message.message_id

    def set_bot_status(self, chat: ChatRef, status: str, *, by: UserRef | None = None) -> None:
        """Change the bot's membership ("member", "administrator", "left", "kicked")."""
        if status not in {"member", "administrator", "left", "kicked"}:
            raise SandboxError(f"unknown bot status {status!r}")
        with self._world.lock:
            state = self._chat(chat)
            world = self._world
            old = member_api(world, state, world.bot.id)
            state.bot_status = status
            actor = user_id_of(by) if by is not None else next(iter(state.admins), state.id)
            payload: dict[str, Any] = {
                "chat": state.to_api(),
                "from": (world.users.get(actor) or world.bot).to_api(),
                "date": world.now(),
                "old_chat_member": old,
                "new_chat_member": member_api(world, state, world.bot.id),
            }
            world.add_update("my_chat_member", payload)

    def set_chat_fault(self, chat: ChatRef, fault: str | None) -> None:
        """Make sends fail: "blocked" (403), "deactivated" (403), "deleted" (400); None heals."""
        if fault not in {None, "blocked", "deactivated", "deleted"}:
            raise SandboxError(f"unknown chat fault {fault!r}")
        with self._world.lock:
            self._chat(chat).fault = fault
            self._world.touch()

    def block_chat(self, chat: ChatRef) -> None:
        """The user blocked the bot (in a group: the bot was kicked): 403 from now on."""
        self.set_chat_fault(chat, "blocked")

    def delete_chat(self, chat: ChatRef) -> None:
        """The chat no longer exists: 400 "chat not found" from now on."""
        self.set_chat_fault(chat, "deleted")

    def migrate_chat(self, chat: ChatRef) -> Chat:
        """Upgrade a basic group to a supergroup; the old id answers 400 with migrate_to_chat_id."""
        with self._world.lock:
            old = self._chat(chat)
            if old.type != "group":
                raise SandboxError(f"chat {old.id} is not a basic group")
            new = ChatState(
                -(_SUPERGROUP_BASE + self._world.next_id()),
                "supergroup",
                title=old.title,
                members=set(old.members),
                admins=dict(old.admins),
                bot_status=old.bot_status,
            )
            self._world.chats[new.id] = new
            old.migrated_to = new.id
            author = next(iter(old.admins), self._world.bot.id)
            for state, service in (
                (old, {"migrate_to_chat_id": new.id}),
                (new, {"migrate_from_chat_id": old.id}),
            ):
                message = self._world.add_message(state, author, service=service)
                self._world.add_update("message", self._world.message_api(message))
            return new.public()

    def set_flood_limits(
        self,
        global_per_second: float | None = OVERALL_PER_SECOND,
        per_chat_per_second: float | None = CHAT_PER_SECOND,
        per_group_per_minute: int | None = GROUP_PER_MINUTE,
        chat_burst: float = CHAT_BURST,
    ) -> None:
        """Change flood control (None lifts a limit); over budget -> 429 with retry_after.

        The defaults are Telegram's published limits, which apply from the start.
        """
        with self._world.lock:
            self._world.flood.configure(
                global_per_second, per_chat_per_second, per_group_per_minute, chat_burst
            )

    def set_chat_flood_limit(self, chat: ChatRef, per_second: float | None) -> None:
        """Give one chat its own messages-per-second budget."""
        with self._world.lock:
            self._world.flood.set_chat_rate(chat_id_of(chat), per_second)

    def fail_next(
        self, count: int = 1, *, status: int = 502, methods: Iterable[str] | None = None
    ) -> None:
        """Answer the next `count` calls (of `methods`, or any) with a 5xx."""
        wanted = frozenset(m.lower() for m in methods) if methods is not None else None
        with self._world.lock:
            self._world.faults.pending_errors.extend([(status, wanted)] * count)

    def set_server_error_rate(
        self, rate: float, *, status: int = 502, seed: int | None = None
    ) -> None:
        """Answer a random fraction of calls (getUpdates excepted) with a 5xx."""
        with self._world.lock:
            self._world.faults.set_error_rate(rate, status, seed)

    def lose_next_responses(self, count: int = 1, *, methods: Iterable[str] | None = None) -> None:
        """Do the next `count` calls' work, then hang up without answering (an in-flight loss)."""
        wanted = frozenset(m.lower() for m in methods) if methods is not None else None
        with self._world.lock:
            self._world.faults.pending_losses.extend([wanted] * count)
