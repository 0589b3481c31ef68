"""The configuration: defaults from one dataclass per section, every value checked when it is loaded."""

from __future__ import annotations

import dataclasses
import tomllib

import pytest

from khabar import config as config_module
from khabar.cli import main as khabar
from khabar.config import DEFAULTS, Config, ConfigError, config_hash, load_config

from .conftest import REPO


def _refusal(tmp_path, toml: str) -> str:
    path = tmp_path / "bad.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    return str(info.value)


def test_the_defaults_are_the_documented_file():
    documented = tomllib.loads((REPO / "config" / "khabar.toml").read_text(encoding="utf-8"))
    assert DEFAULTS == documented == load_config()
    assert DEFAULTS["ingest"]["title_fields"] == ["title", "headline"]  # lists, as TOML gives them


def test_the_default_config_hash_is_the_one_stored_partitions_carry():
    # A change here marks every stored partition stale. Changed by extract.ner.facilities_as_places
    # (issue 13) and extract.ner.span_rules (issue 12): entities change with both, so those
    # partitions are stale indeed; then by extract.latin (issue 13: entities get canonical_latin) and
    # extract.date_timezone (issue 14: the zone relative dates are resolved in).
    assert config_hash(load_config()) == "d2959eacd7b4"


def test_every_key_has_a_type_the_loader_checks():
    def keys(cls):
        for f in dataclasses.fields(cls):
            yield from keys(f.type) if dataclasses.is_dataclass(f.type) else [(f.name, f.type)]

    unchecked = [name for name, kind in keys(Config) if kind not in config_module._EXPECTED]
    assert unchecked == []


def test_a_value_not_among_the_choices_is_refused_by_key_value_and_choices(tmp_path):
    message = _refusal(tmp_path, '[segment]\nclitics = "bultin"\n')
    assert message == "segment.clitics = 'bultin' is not allowed (choose builtin, camel or none)"
    assert _refusal(tmp_path, "[extract.ner]\nbackend = 'spacy'\n") == "extract.ner.backend = 'spacy' is not allowed (choose crf, neural, ensemble or camel)"
    assert _refusal(tmp_path, "[runner]\nkind = 'ray'\n") == "runner.kind = 'ray' is not allowed (choose local or dask)"
    assert _refusal(tmp_path, "[segment]\ncamel_scheme = 'd4tok'\n") == (
        "segment.camel_scheme = 'd4tok' is not allowed (choose atbseg, atbtok, bwtok, d1seg, d1tok, d2seg, d2tok, d3seg or d3tok)"
    )


def test_a_value_of_the_wrong_type_is_refused(tmp_path):
    assert _refusal(tmp_path, '[run]\nshard_size = "2000"\n') == "run.shard_size = '2000' is not allowed (expected an integer >= 1)"
    assert _refusal(tmp_path, "[run]\nshard_size = 2000.0\n") == "run.shard_size = 2000.0 is not allowed (expected an integer >= 1)"
    assert _refusal(tmp_path, "[aggregate]\nmax_entities_per_doc = true\n") == (
        "aggregate.max_entities_per_doc = True is not allowed (expected an integer >= 1)"
    )
    assert _refusal(tmp_path, "[normalise]\nalef = 1\n") == "normalise.alef = 1 is not allowed (expected true or false)"
    assert _refusal(tmp_path, "[paths]\nout = 7\n") == "paths.out = 7 is not allowed (expected a string)"
    assert _refusal(tmp_path, '[ingest]\ntext_fields = "content"\n') == "ingest.text_fields = 'content' is not allowed (expected a list of strings)"
    assert _refusal(tmp_path, '[ingest]\ntext_fields = ["content", 3]\n') == (
        "ingest.text_fields = ['content', 3] is not allowed (expected a list of strings)"
    )


def test_a_value_out_of_range_is_refused(tmp_path):
    assert _refusal(tmp_path, "[run]\nshard_size = 0\n") == "run.shard_size = 0 is not allowed (expected an integer >= 1)"
    assert _refusal(tmp_path, "[runner]\nworkers = -1\n") == "runner.workers = -1 is not allowed (expected an integer >= 0)"
    assert _refusal(tmp_path, "[extract.ner]\nbatch_size = 0\n") == "extract.ner.batch_size = 0 is not allowed (expected an integer >= 1)"
    assert _refusal(tmp_path, "[ingest]\nmax_chars = 0\n") == "ingest.max_chars = 0 is not allowed (expected an integer >= 1)"
    assert _refusal(tmp_path, "[ingest]\nnear_duplicate_threshold = 0\n") == (
        "ingest.near_duplicate_threshold = 0 is not allowed (expected a number in (0, 1])"
    )
    assert _refusal(tmp_path, "[ingest]\nmin_arabic_ratio = 1.5\n") == "ingest.min_arabic_ratio = 1.5 is not allowed (expected a number in [0, 1])"


def test_the_edges_of_the_ranges_are_allowed_and_numbers_become_floats():
    config = load_config(overrides={"ingest": {"near_duplicate_threshold": 1, "min_arabic_ratio": 0}, "runner": {"workers": 0}})
    assert config["ingest"]["near_duplicate_threshold"] == 1.0 and isinstance(config["ingest"]["near_duplicate_threshold"], float)
    assert config["ingest"]["min_arabic_ratio"] == 0.0 and config["runner"]["workers"] == 0
    assert load_config(overrides={"segment": {"max_heading_words": 0}, "aggregate": {"sample_quotes": 0}})["segment"]["max_heading_words"] == 0


def test_the_refusal_is_one_line_even_for_a_value_with_line_breaks(tmp_path):
    message = _refusal(tmp_path, '[segment]\nclitics = """built\nin"""\n')
    assert "\n" not in message and message.startswith("segment.clitics = 'built\\nin' is not allowed")
    long_list = ", ".join(f'"field{i}"' for i in range(40))
    message = _refusal(tmp_path, f"[ingest]\ntext_fields = [{long_list}, 1]\n")
    assert "\n" not in message and len(message) < 160


def test_overrides_are_checked_too():
    with pytest.raises(ConfigError, match=r"^run\.shard_size = -5 is not allowed"):
        load_config(overrides={"run": {"shard_size": -5}})


def test_unknown_keys_and_non_tables_keep_their_messages(tmp_path):
    assert _refusal(tmp_path, "[segment]\nclitic = 'none'\n") == "unknown configuration key 'segment.clitic' (see config/khabar.toml for the keys)"
    assert _refusal(tmp_path, "segment = 'none'\n") == "'segment' must be a table, got 'none'"


def test_the_loaded_config_is_a_fresh_plain_dict():
    config = load_config()
    config["ingest"]["text_fields"].append("extra")
    config["segment"]["clitics"] = "none"
    assert DEFAULTS["ingest"]["text_fields"][-1] == "article" and DEFAULTS["segment"]["clitics"] == "builtin"
    assert load_config() == DEFAULTS


def test_run_with_a_bad_value_fails_before_anything_runs(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text('[segment]\nclitics = "bultin"\n', encoding="utf-8")
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "day.jsonl").write_text('{"content": "قال الوزير إن الاجتماع انتهى."}\n', encoding="utf-8")
    out = tmp_path / "out"
    assert khabar(["run", "--config", str(bad), "--raw", str(raw), "--out", str(out)]) == 2
    assert capsys.readouterr().err == "khabar: error: segment.clitics = 'bultin' is not allowed (choose builtin, camel or none)\n"
    assert not out.exists()
