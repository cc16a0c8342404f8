"""The one exception family the summarizer raises."""


class SummarizerError(Exception):
    """Base of every error the summarizer raises on bad input or bad options."""


class EmptyInputError(SummarizerError):
    """The input holds no text that could be summarized."""


class BinaryInputError(SummarizerError):
    """The input is binary data, not text."""


class InputTooLargeError(SummarizerError):
    """The input is larger than the configured cap."""


class UnknownAlgorithmError(SummarizerError):
    """The requested ranking algorithm does not exist."""


class UnsupportedLanguageError(SummarizerError):
    """The requested language code is not a valid ISO 639-1 code."""
