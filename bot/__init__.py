"""The regional news digest bot: ingestion, storage, digests and the Telegram front end."""
