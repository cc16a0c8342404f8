"""News ingestion: fetch safely, parse, de-duplicate, tag regions, summarize, store."""
