"""Tests of the sandbox area."""
