"""Tests of the news area."""
