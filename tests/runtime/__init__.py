"""Tests of the runtime: the composition root and the one place background work starts."""
