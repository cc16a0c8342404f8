"""Tests of the scale area."""
