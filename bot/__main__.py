"""Allow `python -m bot` as a synonym of the `newsbot` command."""

from bot.cli import main

raise SystemExit(main())
