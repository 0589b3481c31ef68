"""Configuration: built-in defaults, overridden by a TOML file.

``config/khabar.toml`` documents every key; :data:`DEFAULTS` is the same
content as code so that an installed khabar runs without the repository.
"""

from __future__ import annotations

import copy
import hashlib
import json
import tomllib
from pathlib import Path
from typing import Any

from khabar.errors import ConfigError

__all__ = ["DEFAULTS", "ConfigError", "load_config", "config_hash"]

DEFAULTS: dict[str, Any] = {
    "paths": {"raw": "data/raw", "out": "data/processed"},
    "run": {"shard_size": 2000},
    "runner": {"kind": "local", "workers": 2, "address": ""},
    "ingest": {
        "max_file_bytes": 512 * 1024 * 1024,
        "max_chars": 200_000,
        "max_records_per_file": 1_000_000,
        "min_arabic_ratio": 0.2,
        "text_fields": ["content", "text", "maintext", "body", "article"],
        "title_fields": ["title", "headline"],
        "url_fields": ["url", "link", "source_url"],
        "source_fields": ["source", "source_domain", "hostname", "sitename", "publisher"],
        "author_fields": ["author", "authors", "byline"],
        "date_fields": ["published_at", "date_publish", "publish_date", "date", "pubdate", "date_extracted"],
        "near_duplicates": True,
        "near_duplicate_threshold": 0.8,
    },
    "normalise": {
        "nfkc": True,
        "dediac": True,
        "tatweel": True,
        "alef": True,
        "alef_maqsura": True,
        "teh_marbuta": True,
        "digits": True,
        "invisible": True,
        "whitespace": True,
    },
    "segment": {"clitics": "builtin", "camel_data": "", "camel_scheme": "d3tok", "max_heading_words": 12},
    "extract": {
        "ner": {"backend": "crf", "model": "", "batch_size": 32, "drop_currencies_and_god": True},
        "quotes": True,
        "dates": True,
        "amounts": True,
    },
    "aggregate": {"sample_quotes": 3, "max_entities_per_doc": 50, "link_short_names": True},
    "schedule": {"cron": "0 2 * * *", "timezone": "Asia/Riyadh"},
}




def _merge(base: dict, override: dict, where: str = "") -> dict:
    merged = copy.deepcopy(base)
    for key, value in override.items():
        path = f"{where}{key}"
        if key not in base:
            raise ConfigError(f"unknown configuration key '{path}' (see config/khabar.toml for the keys)")
        if isinstance(base[key], dict):
            if not isinstance(value, dict):
                raise ConfigError(f"'{path}' must be a table, got {value!r}")
            merged[key] = _merge(base[key], value, path + ".")
        else:
            merged[key] = value
    return merged


def load_config(path: str | Path | None = None, overrides: dict | None = None) -> dict:
    """Defaults, then the TOML file at ``path`` (if any), then ``overrides``."""
    config = copy.deepcopy(DEFAULTS)
    if path is not None:
        path = Path(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"config file not found: {path}") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read config file {path}: {exc}") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
        config = _merge(config, data)
    if overrides:
        config = _merge(config, overrides)
    return config


def config_hash(config: dict) -> str:
    """A short stable hash of the settings that change what the stages write."""
    relevant = {k: v for k, v in config.items() if k not in ("paths", "runner", "schedule")}
    blob = json.dumps(relevant, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:12]
