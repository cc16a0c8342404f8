"""Tests of the summarizer area."""
