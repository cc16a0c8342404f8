"""End-to-end benchmarks, run as `python -m bench.<name>` from the repository root."""
