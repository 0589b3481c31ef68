"""The library's errors. The command line turns each into one line,
``khabar: error: <message>``, and exit status 2; nothing here knows about it.

Raise :class:`UserError` (or a subclass) when the person running khabar can
fix the cause: a missing file, a bad setting, a model not built yet. The
message says what is wrong and what to do.
"""

from __future__ import annotations


class KhabarError(Exception):
    """Base of every error khabar raises on purpose."""


class UserError(KhabarError):
    """An error the user can fix; the message says how."""


class ConfigError(UserError):
    """The configuration file cannot be read, or holds an unknown key or a value not allowed."""


class DataNotFound(UserError):
    """Optional data (a model, camel-tools data, a gold file) is not where the configuration says."""
