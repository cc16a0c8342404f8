"""Imported once by the page pool's fork server: load and warm everything a worker needs."""

import os

# One BLAS thread: a worker does one page at a time, and idle BLAS threads only cost memory.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

from bot.news.page_worker_main import warm_up

warm_up()
