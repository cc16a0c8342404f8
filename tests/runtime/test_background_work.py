"""Only bot.runtime starts background work, including by routes import-linter cannot see.

import-linter keeps APScheduler and bot.runtime.jobs out of every other package; this test reads
the source of `bot` and `summarizer` with `ast` and finds the calls that start work running on
its own: JobQueue scheduling, tasks, threads, processes and loop timers. Outside bot.runtime
each one needs an entry below saying why it is not the bot's background work.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "summarizer")
RUNTIME = "bot/runtime/"

JOB_QUEUE = frozenset({"run_repeating", "run_daily", "run_once", "run_custom", "run_monthly"})
TASKS = frozenset({"create_task", "ensure_future"})
TIMERS = frozenset({"call_later", "call_at"})
THREADS = frozenset({"Thread", "Timer"})
PROCESSES = frozenset({"Process"})

# (file, enclosing function, kind) -> why it is allowed outside the runtime.
ALLOWED: dict[tuple[str, str, str], str] = {
    ("bot/chat/handlers/opml.py", "_run_import", "task"): (
        "an /import's worker thread wrapped to poll its progress; the handler awaits it"
    ),
    ("bot/delivery/sender.py", "Sender._fill", "task"): (
        "one task per message in flight, awaited by the sender's own loop before it returns"
    ),
    ("bot/delivery/sender.py", "Sender._wait", "task"): (
        "a wait on the wake-up event, cancelled when the pass ends"
    ),
    ("bot/cli/digest.py", "_deliver_async", "task"): (
        "`newsbot digest --deliver` in the foreground: the command awaits the sender before exit"
    ),
    ("bot/news/page_workers.py", "PagePool._start", "process"): (
        "a page worker process; the runtime's Background starts and closes the pool"
    ),
    ("bot/sandbox/server.py", "HttpFront.__init__", "thread"): (
        "the Bot API emulator's HTTP server, a stand-in for Telegram in the sandbox and tests"
    ),
    ("bot/sandbox/static_server.py", "StaticServer.start", "thread"): (
        "the sandbox's sample feed server, a stand-in for the web"
    ),
    ("bot/sandbox/terminal.py", "TerminalChat.run", "thread"): (
        "the terminal chat's watcher of the emulator, for the person at the keyboard"
    ),
    ("bot/sandbox/webhook.py", "WebhookPusher.__init__", "thread"): (
        "the emulator pushing updates to a webhook, as Telegram would"
    ),
}


@dataclass(frozen=True, order=True)
class Start:
    """One call that starts work of its own, and where it is."""

    path: str
    function: str
    kind: str
    line: int

    @property
    def key(self) -> tuple[str, str, str]:
        """The allow-list key: file, enclosing function, kind (not the line, which moves)."""
        return (self.path, self.function, self.kind)


class _Finder(ast.NodeVisitor):
    def __init__(self, path: str) -> None:
        self.path = path
        self.scope: list[str] = []
        self.found: list[Start] = []
        # Names bound by `from threading import Thread` and the like.
        self.imported: dict[str, str] = {}

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        for alias in node.names:
            self.imported[alias.asname or alias.name] = f"{node.module}.{alias.name}"

    def _scoped(self, node: ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.scope.append(node.name)
        self.generic_visit(node)
        self.scope.pop()

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._scoped(node)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._scoped(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._scoped(node)

    def visit_Call(self, node: ast.Call) -> None:
        kind = self._kind(node.func)
        if kind is not None:
            where = ".".join(self.scope) or "<module>"
            self.found.append(Start(self.path, where, kind, node.lineno))
        self.generic_visit(node)

    def _kind(self, func: ast.expr) -> str | None:
        if isinstance(func, ast.Attribute):
            name, owner = func.attr, func.value
            if name in JOB_QUEUE:
                return "job queue"
            if name in TASKS:
                return "task"
            if name in TIMERS:
                return "timer"
            if name in THREADS and isinstance(owner, ast.Name) and owner.id == "threading":
                return "thread"
            if name in PROCESSES:
                return "process"
            return None
        if isinstance(func, ast.Name):
            origin = self.imported.get(func.id, "")
            if origin in {f"asyncio.{name}" for name in TASKS}:
                return "task"
            if origin in {f"threading.{name}" for name in THREADS}:
                return "thread"
            if origin in {f"multiprocessing.{name}" for name in PROCESSES}:
                return "process"
        return None


def starts_in(source: str, path: str) -> list[Start]:
    """Every call in `source` that starts background work."""
    finder = _Finder(path)
    finder.visit(ast.parse(source, filename=path))
    return finder.found


def all_starts() -> list[Start]:
    """Every such call in the packages, in file order."""
    found: list[Start] = []
    for package in PACKAGES:
        for file in sorted((ROOT / package).rglob("*.py")):
            path = file.relative_to(ROOT).as_posix()
            found.extend(starts_in(file.read_text(encoding="utf-8"), path))
    return found


def test_only_the_runtime_starts_background_work() -> None:
    outside = [s for s in all_starts() if not s.path.startswith(RUNTIME)]
    unlisted = [
        f"{s.path}:{s.line} {s.function}: {s.kind}" for s in outside if s.key not in ALLOWED
    ]
    assert not unlisted, "background work started outside bot.runtime:\n" + "\n".join(unlisted)
    stale = sorted(set(ALLOWED) - {s.key for s in outside})
    assert not stale, f"allow-list entries that match nothing any more: {stale}"


def test_the_runtime_is_where_ticks_and_the_sender_start() -> None:
    inside = {(s.path, s.function, s.kind) for s in all_starts() if s.path.startswith(RUNTIME)}
    assert ("bot/runtime/jobs.py", "install_jobs", "job queue") in inside
    assert ("bot/runtime/sender_handle.py", "SenderHandle.start", "task") in inside


def test_every_route_is_seen() -> None:
    source = """
import asyncio
import threading
from asyncio import create_task as spawn
from multiprocessing import Process
from threading import Thread

def schedule(application, loop, ctx):
    application.job_queue.run_daily(tick, time=None)
    application.job_queue.run_once(tick, when=1)
    application.job_queue.run_custom(tick, job_kwargs={})
    asyncio.create_task(forever())
    application.create_task(forever())
    spawn(forever())
    asyncio.ensure_future(forever())
    loop.call_later(5, tick)
    threading.Thread(target=tick).start()
    Thread(target=tick).start()
    Process(target=tick).start()
    ctx.Process(target=tick).start()

class Worker:
    def start(self):
        self.queue.run_repeating(tick, interval=60)
"""
    found = [(s.function, s.kind, s.line) for s in starts_in(source, "example.py")]
    assert found == [
        ("schedule", "job queue", 9),
        ("schedule", "job queue", 10),
        ("schedule", "job queue", 11),
        ("schedule", "task", 12),
        ("schedule", "task", 13),
        ("schedule", "task", 14),
        ("schedule", "task", 15),
        ("schedule", "timer", 16),
        ("schedule", "thread", 17),
        ("schedule", "thread", 18),
        ("schedule", "process", 19),
        ("schedule", "process", 20),
        ("Worker.start", "job queue", 24),
    ]
    # Names that only look alike start nothing.
    quiet = "from concurrent.futures import Future\nThread = 1\nThread()\nx.Thread()\nrun_once()\n"
    assert starts_in(quiet, "quiet.py") == []
