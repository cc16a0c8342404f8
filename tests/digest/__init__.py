"""Tests of the digest area."""
