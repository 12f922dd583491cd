"""The one catalogue (archcheck/catalogue.yaml), read statically: every key once, both languages, the
same placeholders in both, every key the code names present, no two keys saying the same words."""

from __future__ import annotations

import re
import string
from pathlib import Path

import yaml

from archcheck.catalogue import CATALOGUE_FILE, Join, Text, catalogue, join, msg, say, word

ROOT = Path(__file__).resolve().parents[1]


class _UniqueLoader(yaml.SafeLoader):
    """A loader that refuses a key given twice (PyYAML keeps the last one silently)."""


def _no_duplicates(loader: _UniqueLoader, node: yaml.MappingNode, deep: bool = False) -> dict[object, object]:
    seen: dict[object, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        assert key not in seen, f"{key!r} twice: lines {seen[key] + 1} and {key_node.start_mark.line + 1}"
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep)


_UniqueLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicates)


def _raw() -> dict[str, dict[str, str]]:
    return yaml.load(CATALOGUE_FILE.read_text(encoding="utf-8"), Loader=_UniqueLoader)


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_every_key_once_in_both_languages_with_the_same_placeholders() -> None:
    bad = []
    for key, entry in _raw().items():
        assert re.fullmatch(r"[a-z0-9]+(?:[.-][a-z0-9]+)*", key), key
        assert set(entry) == {"en", "vi"}, key
        en, vi = entry["en"], entry["vi"]
        assert isinstance(en, str) and isinstance(vi, str), key
        assert en.strip() or key.startswith("join."), key
        if _fields(en) != _fields(vi):
            bad.append((key, sorted(_fields(en)), sorted(_fields(vi))))
    assert bad == []


def test_no_two_keys_say_the_same_words() -> None:
    """One word, one key: a second entry with the same English and Vietnamese is a second table."""
    seen: dict[tuple[str, str], str] = {}
    twice = []
    for key, entry in _raw().items():
        pair = (entry["en"], entry["vi"])
        if pair in seen and not key.startswith("join."):
            twice.append((seen[pair], key))
        seen.setdefault(pair, key)
    assert twice == []


_NAMED = re.compile(r"""\bmsg\(\s*["']([a-z0-9.-]+)["']""")
_WORD = re.compile(r"""\bword\(\s*["']([a-z0-9-]+)["']\s*,\s*["']([a-z0-9-]+)["']""")


def test_every_key_the_code_names_is_in_the_catalogue() -> None:
    keys = catalogue()
    missing = []
    for path in sorted((ROOT / "archcheck").rglob("*.py")):
        if path.name == "catalogue.py":
            continue  # its docstring's examples
        text = path.read_text(encoding="utf-8")
        for m in _NAMED.finditer(text):
            if m.group(1) not in keys:
                missing.append((path.name, m.group(1)))
        for m in _WORD.finditer(text):
            if f"{m.group(1)}.{m.group(2)}" not in keys:
                missing.append((path.name, f"{m.group(1)}.{m.group(2)}"))
    assert missing == []


def test_a_message_is_said_in_each_language_and_both() -> None:
    m = msg("finding.partial", m=msg("finding.unconfirmed", m=join(["lgsp", word("level", "district")], "or")))
    assert say(m, "en") == "cannot verify (the model is partial): lgsp or district [source unconfirmed]"
    assert say(m, "vi") == "chưa thể xác minh (mô hình chưa đầy đủ): lgsp hoặc huyện [nguồn chưa được xác nhận]"
    assert say(m, "both") == f"{say(m, 'vi')} / {say(m, 'en')}"
    assert str(m) == say(m, "en")
    assert m.id == "finding.partial/finding.unconfirmed"


def test_a_rules_own_text_is_said_in_its_language() -> None:
    t = Text("from 2025-07-01 there is no district level", "từ 2025-07-01 không còn cấp huyện")
    assert say(t, "vi") == "từ 2025-07-01 không còn cấp huyện"
    assert say(t, "en") == t == "from 2025-07-01 there is no district level"
    assert say(Text("NĐ 45/2020/NĐ-CP"), "vi") == "NĐ 45/2020/NĐ-CP"
    assert say(Join(("a", "b"), "and"), "vi") == "a và b"
