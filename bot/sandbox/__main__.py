"""`python -m bot.sandbox`: run the Bot API emulator as its own process."""

from bot.sandbox.emulator import main

raise SystemExit(main())
