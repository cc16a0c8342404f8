"""Revision scripts; ids are short sequence numbers ("0001", "0002", ...)."""
