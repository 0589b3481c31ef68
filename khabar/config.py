"""Configuration: one frozen dataclass per section, overridden by a TOML file.

The dataclasses hold every default and the values each key allows;
``config/khabar.toml`` documents the same keys (a test checks the two agree).
:func:`load_config` checks every value when the file is read, so a bad one
stops ``khabar run`` before any stage starts, and returns the plain nested
dict that stages and Prefect tasks read (``config["segment"]["clitics"]``;
dicts pickle to workers).
"""

import copy
import dataclasses
import hashlib
import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from khabar.errors import ConfigError

__all__ = ["CAMEL_SCHEMES", "DEFAULTS", "Config", "ConfigError", "config_hash", "load_config"]

# The tokenization schemes camel-tools' morphology databases can produce.
CAMEL_SCHEMES = ("atbseg", "atbtok", "bwtok", "d1seg", "d1tok", "d2seg", "d2tok", "d3seg", "d3tok")


def _choice(default: str, *allowed: str) -> Any:
    return field(default=default, metadata={"choices": allowed})


def _at_least(low: int, default: int) -> Any:
    return field(default=default, metadata={"low": low})


def _fraction(default: float, *, zero: bool) -> Any:
    """A share in [0, 1], or in (0, 1] when ``zero`` is not allowed."""
    return field(default=default, metadata={"low": 0.0, "high": 1.0, "low_open": not zero})


def _time_zone(default: str) -> Any:
    """An IANA time zone name (``Asia/Riyadh``) or ``UTC``."""
    return field(default=default, metadata={"zone": True})


def _is_zone(value: str) -> bool:
    if value == "UTC":
        return True
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


@dataclass(frozen=True)
class Paths:
    raw: str = "data/raw"
    out: str = "data/processed"


@dataclass(frozen=True)
class Run:
    shard_size: int = _at_least(1, 2000)


@dataclass(frozen=True)
class Runner:
    kind: str = _choice("local", "local", "dask")
    workers: int = _at_least(0, 2)  # 0 = one per core
    address: str = ""
    # New raw input of at most this many bytes (kind local) runs in the main
    # process: starting the pool's workers (each imports Prefect and khabar,
    # seconds of CPU) costs more than two cores save on it. 0 = always the pool.
    inline_max_bytes: int = _at_least(0, 256 * 1024)


@dataclass(frozen=True)
class Ingest:
    max_file_bytes: int = _at_least(1, 512 * 1024 * 1024)
    max_chars: int = _at_least(1, 200_000)
    max_records_per_file: int = _at_least(1, 1_000_000)
    min_arabic_ratio: float = _fraction(0.2, zero=True)
    text_fields: tuple[str, ...] = ("content", "text", "maintext", "body", "article")
    title_fields: tuple[str, ...] = ("title", "headline")
    url_fields: tuple[str, ...] = ("url", "link", "source_url")
    source_fields: tuple[str, ...] = ("source", "source_domain", "hostname", "sitename", "publisher")
    author_fields: tuple[str, ...] = ("author", "authors", "byline")
    date_fields: tuple[str, ...] = ("published_at", "date_publish", "publish_date", "date", "pubdate", "date_extracted")
    near_duplicates: bool = True
    near_duplicate_threshold: float = _fraction(0.8, zero=False)


@dataclass(frozen=True)
class Normalise:
    nfkc: bool = True
    dediac: bool = True
    tatweel: bool = True
    alef: bool = True
    alef_maqsura: bool = True
    teh_marbuta: bool = True
    digits: bool = True
    invisible: bool = True
    whitespace: bool = True


@dataclass(frozen=True)
class Segment:
    clitics: str = _choice("builtin", "builtin", "camel", "none")
    camel_data: str = ""
    camel_scheme: str = _choice("d3tok", *CAMEL_SCHEMES)
    max_heading_words: int = _at_least(0, 12)  # 0 = no headings


@dataclass(frozen=True)
class Ner:
    backend: str = _choice("crf", "crf", "neural", "ensemble", "camel")
    model: str = ""
    batch_size: int = _at_least(1, 32)
    span_rules: bool = True
    drop_currencies_and_god: bool = True
    facilities_as_places: bool = True


@dataclass(frozen=True)
class Extract:
    ner: Ner = field(default_factory=Ner)
    latin: bool = True
    quotes: bool = True
    dates: bool = True
    amounts: bool = True
    # the zone whose calendar day of published_at relative dates (أمس، اليوم، الأحد) are resolved
    # against: UTC by default, since SaudiNewsNet's naive crawl times are the outlets' own day (measured);
    # Asia/Riyadh for a feed whose timestamps are true UTC instants of Gulf publications
    date_timezone: str = _time_zone("UTC")


@dataclass(frozen=True)
class Aggregate:
    sample_quotes: int = _at_least(0, 3)
    max_entities_per_doc: int = _at_least(1, 50)
    link_short_names: bool = True


@dataclass(frozen=True)
class Schedule:
    cron: str = "0 2 * * *"
    timezone: str = "Asia/Riyadh"


@dataclass(frozen=True)
class Config:
    paths: Paths = field(default_factory=Paths)
    run: Run = field(default_factory=Run)
    runner: Runner = field(default_factory=Runner)
    ingest: Ingest = field(default_factory=Ingest)
    normalise: Normalise = field(default_factory=Normalise)
    segment: Segment = field(default_factory=Segment)
    extract: Extract = field(default_factory=Extract)
    aggregate: Aggregate = field(default_factory=Aggregate)
    schedule: Schedule = field(default_factory=Schedule)


def as_dict(section: Any) -> dict:
    """A section (or the whole Config) as the plain nested dict the stages read; tuples become lists."""
    out = {}
    for f in dataclasses.fields(section):
        value = getattr(section, f.name)
        out[f.name] = as_dict(value) if dataclasses.is_dataclass(value) else list(value) if isinstance(value, tuple) else value
    return out


DEFAULTS: dict[str, Any] = as_dict(Config())

_EXPECTED = {bool: "true or false", int: "an integer", float: "a number", str: "a string", tuple[str, ...]: "a list of strings"}


def _of_type(kind: type, value: Any) -> bool:
    if kind is bool or kind is str:
        return isinstance(value, kind)
    if isinstance(value, bool):  # True is an int to Python, not to a configuration
        return False
    if kind is int:
        return isinstance(value, int)
    if kind is float:
        return isinstance(value, (int, float))
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _stored(kind: type, value: Any) -> Any:
    """The checked value as the dataclass keeps it: floats as float, lists as tuples."""
    if kind is float:
        return float(value)
    return tuple(value) if isinstance(value, list) else value


def _in_range(value: float, meta: dict) -> bool:
    low, high = meta.get("low"), meta.get("high")
    above_low = low is None or (value > low if meta.get("low_open") else value >= low)
    return above_low and (high is None or value <= high)


def _allowed(kind: type, meta: dict) -> str:
    if meta.get("zone"):
        return "expected an IANA time zone name such as Asia/Riyadh, or UTC"
    if "choices" in meta:
        *first, last = meta["choices"]
        return f"choose {', '.join(first)} or {last}"
    if "high" in meta:
        opening = "(" if meta.get("low_open") else "["
        return f"expected a number in {opening}{meta['low']:g}, {meta['high']:g}]"
    if "low" in meta:
        return f"expected {_EXPECTED[kind]} >= {meta['low']}"
    return f"expected {_EXPECTED[kind]}"


def _checked(key: str, value: Any, f: dataclasses.Field) -> Any:
    meta = f.metadata
    ok = value in meta["choices"] if "choices" in meta else _of_type(f.type, value)
    if ok and ("low" in meta or "high" in meta):
        ok = _in_range(value, meta)
    if ok and meta.get("zone"):
        ok = _is_zone(value)
    if not ok:
        shown = repr(value) if len(repr(value)) <= 80 else repr(value)[:77] + "..."
        raise ConfigError(f"{key} = {shown} is not allowed ({_allowed(f.type, meta)})")
    return _stored(f.type, value)


def _section(cls: type, data: dict, where: str = "") -> Any:
    """The dataclass ``cls`` built from a complete section dict, every value checked."""
    values = {}
    for f in dataclasses.fields(cls):
        key = f"{where}{f.name}"
        if dataclasses.is_dataclass(f.type):
            values[f.name] = _section(f.type, data[f.name], key + ".")
        else:
            values[f.name] = _checked(key, data[f.name], f)
    return cls(**values)


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


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config file {path}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None


def load_config(path: str | Path | None = None, overrides: dict | None = None) -> dict:
    """Defaults, then the TOML file at ``path`` (if any), then ``overrides``; every value checked."""
    config = DEFAULTS
    if path is not None:
        config = _merge(config, _read_toml(Path(path)))
    if overrides:
        config = _merge(config, overrides)
    return as_dict(_section(Config, config))


def config_hash(config: dict) -> str:
    """A short stable hash of the settings that change what the stages write."""
    relevant = {k: v for k, v in config.items() if k not in ("paths", "runner", "schedule")}
    blob = json.dumps(relevant, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:12]
