"""Command, button and message handlers, one module per concern."""
