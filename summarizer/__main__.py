"""`python -m summarizer`: run the summarizer's command line."""

import sys

from summarizer.cli import main

sys.exit(main())
