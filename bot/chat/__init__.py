"""Everything Telegram: application wiring, handlers, keyboards, rendering and delivery."""
