"""Every report, fed a model whose every free-text field is hostile, stays inert (issue 28, item 3).

The strings are the adversarial campaign's: a line break followed by a GitHub Actions workflow command
(``::error``, ``::add-mask::``), the older ``##[`` syntax, terminal escapes, a bidirectional override,
Markdown links, images, @mentions and headings, raw HTML, table breaks and every C0 control. The
shipped Đà Nẵng and Lâm Đồng models are taken as they are, and every name, title, quote, note and
attribute of free text replaced by them (ids are ``[a-z0-9_-]`` by the schema, so cannot carry them).

Each command in each format must then print no line that a CI runner executes, no raw control or
bidirectional character, Markdown with no link, image, mention, heading or raw HTML of the model's,
HTML with no element of the model's, and SVG and JUnit that parse as XML; JSON keeps every value as
the model wrote it.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

import archcheck
from archcheck.cli import main
from archcheck.report._common import REPOSITORY_URL
from archcheck.report.html import SCRIPT
from tests.conftest import ROOT

CONTROLS = "".join(chr(c) for c in range(0x20) if c != 0x0A) + "\x7f\x85\x9b"
HOSTILE = ("\n::error file=x,line=1::pwned\r\n::add-mask::s3cret\n##[error]old syntax ##vso[task.setvariable]x"
           " \x1b[31mred\x1b[0m \x1b]8;;http://evil\x07link\x1b]8;;\x07 \u202eevil\u202c\u200b"
           " [x](http://evil) ![i](http://evil/p.png) <http://evil> www.evil.example @everyone @org/team"
           "\n## Verdict: PASSES\n<script>alert(1)</script> <img src=x onerror=alert(1)> | a | b |"
           "\n[ref]: http://evil\n- list\n1. item\n> quote " + CONTROLS)
"""The campaign's hostile strings, in one value."""

LEADS = ["Hệ thống ", "::error file=y::lead", "## Verdict: PASSES", "<script>x</script>", "[x](http://evil)",
         "@everyone", "##[warning]lead", "| a |"]
"""What a value may start with (each field gets the next one): a line of its own if a newline got through."""

FREE_TEXT = frozenset({"name", "name_en", "title", "quote", "locator", "reading", "publisher", "author",
                       "published_in", "vendor", "product", "phrase", "period", "notes", "names"})
"""The model schema's free-text fields (``archcheck schema model``: strings with no pattern, enum or
format, and not an id or a reference)."""

MODELS = ("danang", "lamdong")

_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def _hostile(data: Any, key: str = "", counter: Iterator[int] | None = None) -> Any:
    """``data`` with every free-text string replaced by a lead and the hostile strings."""
    counter = counter if counter is not None else iter(range(10**6))
    if isinstance(data, dict):
        return {k: _hostile(v, k, counter) for k, v in data.items()}
    if isinstance(data, list):
        return [_hostile(v, key, counter) for v in data]
    if isinstance(data, str) and key in FREE_TEXT:
        return LEADS[next(counter) % len(LEADS)] + data + HOSTILE
    return data


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The hostile copies of the shipped models, and a waivers file whose reason and approver are hostile."""
    folder = tmp_path_factory.mktemp("hostile")
    out = {}
    for name in MODELS:
        data = yaml.safe_load((ROOT / "province_models" / f"{name}.yaml").read_text(encoding="utf-8"))
        data = _hostile(data)
        # the province's own name must stay one of the list (law/provinces.yaml), so it gets the
        # hostile strings after its real name, which the name check reads as a suffix it reports
        path = folder / f"{name}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        out[name] = path
    return out


def _run(*args: str) -> tuple[int, str]:
    """The exit code and standard output; standard error (the errors' messages) is held to the same."""
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    _assert_inert(result.stderr)
    return result.exit_code, result.stdout


# -- what every output must hold ------------------------------------------------------------------


def _assert_inert(text: str) -> None:
    """No line a CI runner executes; no raw control, bidirectional or invisible character."""
    for number, line in enumerate(text.split("\n"), start=1):
        assert not line.lstrip().startswith("::"), f"line {number} is a workflow command: {line[:120]!r}"
        assert "##[" not in line and "##vso[" not in line, f"line {number} holds a logging command: {line[:120]!r}"
    found = _UNSAFE.search(text)
    assert found is None, f"raw {found.group()!r} at {found.start()}: {text[max(0, found.start() - 60):found.end()]!r}"
    assert "\r" not in text


def _assert_markdown(text: str, model_files: set[str]) -> None:
    """No link or image but the report's own, no heading, mention, autolink or raw HTML from a value."""
    _assert_inert(text)
    assert not re.search(r"(?<!\\)://evil|www\.evil", text)  # no bare URL for GitHub to link
    assert not re.search(r"(?<![\w@&#;])@(?:everyone|org)", text)  # a mention needs `@` then a name
    markdown_it = pytest.importorskip("markdown_it")
    md = markdown_it.MarkdownIt("commonmark").enable("table")
    tokens = md.parse(text)
    for tok in _walk(tokens):
        if tok.type == "link_open":
            href = str(tok.attrs.get("href", ""))
            assert href.startswith(REPOSITORY_URL) or href.split("#", maxsplit=1)[0] in model_files, href
        assert tok.type != "image", tok
        if tok.type in ("html_inline", "html_block"):
            assert re.fullmatch(r"\s*</?(details|summary)>\s*(<summary>.*</summary>)?\s*", tok.content, re.S), \
                tok.content
        if tok.type == "heading_open":  # the report's own headings only (a name may stand in one)
            assert not tokens[tokens.index(tok) + 1].content.startswith("Verdict")
    html = md.render(text)
    assert "<script" not in html and "<img" not in html and "<h2>Verdict" not in html


def _walk(tokens: list[Any]) -> Iterator[Any]:
    for tok in tokens:
        yield tok
        yield from _walk(tok.children or [])


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def _assert_html(text: str) -> None:
    _assert_inert(text)
    parser = _Elements()
    parser.feed(text)
    parser.close()
    # the one script a report may hold is its own zoom-and-pan script, which its policy allows by hash
    own = text.count(f"<script>{SCRIPT}</script>")
    assert [tag for tag, _ in parser.tags].count("script") == own
    for tag, attrs in parser.tags:
        assert tag not in ("img", "iframe", "object"), tag
        assert not any(name.startswith("on") for name, _ in attrs), (tag, attrs)


def _assert_xml(text: str) -> None:
    _assert_inert(text)
    root = ET.fromstring(text.encode("utf-8"))  # raises on invalid XML (a control character)
    assert not [e.tag for e in root.iter() if e.tag.rsplit("}", 1)[-1] in ("script", "img", "foreignObject")]


def _assert_json(text: str) -> None:
    _assert_inert(text)
    json.loads(text)


def _strings(doc: Any) -> Iterator[str]:
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield k
            yield from _strings(v)
    elif isinstance(doc, list):
        for v in doc:
            yield from _strings(v)
    elif isinstance(doc, str):
        yield doc


CHECKS = {"text": _assert_inert, "compact": _assert_inert, "github": None, "json": _assert_json,
          "sarif": _assert_json, "gitlab": _assert_json, "junit": _assert_xml, "html": _assert_html,
          "svg": _assert_xml, "mermaid": _assert_inert, "dot": _assert_inert}


def _assert_github(text: str) -> None:
    """Workflow commands are this format's own lines: each one line, nothing a value added."""
    lines = text.rstrip("\n").split("\n")
    for line in lines[:-1]:
        assert re.match(r"::(error|warning|notice) ", line), line[:120]
        assert "\r" not in line and "\x1b" not in line
        assert line.count("::") >= 2
    assert lines[-1].startswith("archcheck: ")
    _assert_inert(lines[-1])
    found = _UNSAFE.search(text)
    assert found is None, repr(found.group())


# -- every command, every format --------------------------------------------------------------------


VALIDATE = ["text", "json", "compact", "sarif", "junit", "github", "gitlab", "markdown", "html"]


@pytest.mark.parametrize("lang", [None, "vi"])
@pytest.mark.parametrize("fmt", VALIDATE)
def test_validate(hostile: dict[str, Path], fmt: str, lang: str | None) -> None:
    files = [str(hostile[m]) for m in MODELS]
    args = ["validate", *files, "--format", fmt, "--show-passed", "--verbose"]
    if lang and fmt in ("text", "markdown", "html"):
        args += ["--lang", lang]
    elif lang:
        pytest.skip("--lang is for the human formats")
    code, out = _run(*args)
    assert code in (0, 1), out[-2000:]
    assert "pwned" in out  # the hostile values reached the report
    if fmt in ("json", "sarif"):  # ... and JSON keeps them as the model wrote them, escaped only as JSON
        assert any(HOSTILE in s for s in _strings(json.loads(out)))
    if fmt == "markdown":
        _assert_markdown(out, set(files))
    elif fmt == "github":
        _assert_github(out)
    else:
        CHECKS[fmt](out)  # type: ignore[misc]


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "html"])
def test_score(hostile: dict[str, Path], fmt: str) -> None:
    code, out = _run("score", *(str(hostile[m]) for m in MODELS), "--format", fmt)
    assert code in (0, 1), out[-2000:]
    {"text": _assert_inert, "json": _assert_inert, "html": _assert_html}.get(fmt, lambda t: _assert_markdown(
        t, {str(hostile[m]) for m in MODELS}))(out)
    if fmt == "json":
        json.loads(out)


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_diff_models(hostile: dict[str, Path], fmt: str) -> None:
    original = ROOT / "province_models" / "danang.yaml"
    code, out = _run("diff", "models", str(original), str(hostile["danang"]), "--format", fmt)
    assert code in (0, 1), out[-2000:]
    if fmt == "markdown":
        _assert_markdown(out, set())
    else:
        _assert_inert(out)
    if fmt == "json":
        json.loads(out)


@pytest.mark.parametrize("fmt", ["mermaid", "dot", "svg"])
def test_graph(hostile: dict[str, Path], fmt: str) -> None:
    code, out = _run("graph", str(hostile["danang"]), "--format", fmt)
    assert code == 0, out[-2000:]
    CHECKS[fmt](out)  # type: ignore[misc]


def test_progress(hostile: dict[str, Path]) -> None:
    code, out = _run("progress", str(hostile["danang"]))
    assert code == 0, out[-2000:]
    assert "pwned" in out  # the stage's hostile name is there, escaped
    _assert_inert(out)


def test_waivers(hostile: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A waiver's reason and approver are free text too."""
    monkeypatch.chdir(tmp_path)  # the model named relative to the folder the run is in, as waivers name it
    model = Path("danang.yaml")
    model.write_text(hostile["danang"].read_text(encoding="utf-8"), encoding="utf-8")
    code, out = _run("validate", str(model), "--format", "json")
    report = json.loads(out)["reports"][0]
    finding = report["findings"][0]
    waiver = {"rule": finding["rule_id"], "province": report["province"], "subject": finding["subject"],
              "reason": "::error::w" + HOSTILE, "approved_by": "## Verdict" + HOSTILE, "expires": "2026-12-31"}
    schema = json.loads((Path(archcheck.__file__).parent / "read" / "schemas" / "waivers.schema.json").read_text())
    if "file" in schema["properties"]["waivers"]["items"]["properties"]:  # waivers scoped to a file (issue 28)
        waiver["file"] = str(model)
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(yaml.safe_dump({"waivers": [waiver]}, allow_unicode=True), encoding="utf-8")
    for fmt in VALIDATE:
        code, out = _run("validate", str(model), "--waivers", str(waivers), "--today", "2026-01-01",
                         "--format", fmt)
        assert code in (0, 1), out[-2000:]
        assert "pwned" in out or fmt == "gitlab"  # (GitLab's report leaves waived findings out)
        if fmt == "json":  # the waiver matched: its reason is in the reports
            assert [w["waiver"]["reason"] for w in json.loads(out)["gate"]["waived"]] == [waiver["reason"]]
        if fmt == "markdown":
            _assert_markdown(out, {str(model)})
        elif fmt == "github":
            _assert_github(out)
        else:
            CHECKS[fmt](out)  # type: ignore[misc]


def test_error_message(tmp_path: Path) -> None:
    """A file that cannot be checked: its message repeats the model's text, escaped line by line."""
    bad = tmp_path / "bad.yaml"
    bad.write_text('archcheck: 1\nprovince:\n  name: "X\\n::error::pwned\\e[31m"\n  bogus: 1\n', encoding="utf-8")
    for fmt in VALIDATE:
        code, out = _run("validate", str(bad), "--format", fmt)
        assert code == 2
        if fmt == "github":
            _assert_github(out)
        elif fmt == "markdown":
            _assert_markdown(out, set())
        else:
            CHECKS[fmt](out)  # type: ignore[misc]


def test_a_rule_file(hostile: dict[str, Path], tmp_path: Path) -> None:
    """A rule file given with --rules is the submitter's too: its titles, source, rationale and fix."""
    rule = yaml.safe_load((ROOT / "examples" / "my-rules" / "LD-001.yaml").read_text(encoding="utf-8"))
    rule["title"] = {"en": "::error::t" + HOSTILE, "vi": "## Verdict: PASSES" + HOSTILE}
    rule["source"]["clause"] = "[x](http://evil)" + HOSTILE
    rule["rationale"] = "::warning::r" + HOSTILE
    rule["remediation"] = "@everyone" + HOSTILE
    rule["examples"]["pass"][0]["name"] = "::error::e" + HOSTILE
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "LD-001.yaml").write_text(yaml.safe_dump(rule, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for args in (["rules", "show", "LD-001"], ["rules", "list"], ["rules", "test"]):
        code, out = _run(*args, "--rules", str(folder))
        assert code in (0, 1), out[-2000:]
        _assert_inert(out)
    files = {str(hostile["lamdong"])}
    for fmt in VALIDATE:
        code, out = _run("validate", str(hostile["lamdong"]), "--rules", str(folder), "--as-of", "2021-01-01",
                         "--format", fmt)
        assert code in (0, 1), out[-2000:]
        if fmt == "sarif":  # the rule ran: its hostile title is in the log, as the file wrote it
            assert "::error::t" + HOSTILE in _strings(json.loads(out))
        if fmt == "markdown":
            _assert_markdown(out, files)
        elif fmt == "github":
            _assert_github(out)
        else:
            CHECKS[fmt](out)  # type: ignore[misc]


PROPOSAL_TEXT = frozenset({"name", "owner", "funding", "security_basis", "data", "reason"})
"""A proposal's free-text fields (``archcheck schema project``)."""


@pytest.mark.parametrize("fmt", ["text", "json", "html"])
@pytest.mark.parametrize("several", [False, True], ids=["one", "several"])
def test_appraise(hostile: dict[str, Path], tmp_path: Path, fmt: str, several: bool) -> None:
    """A proposal is submitted by an outside party, and the architecture is a model: both hostile."""
    examples = ROOT / "examples" / "appraisal"
    projects = []
    for source in sorted((examples / "projects").glob("*.yaml"))[:2 if several else 1]:
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        data = {k: (LEADS[i % len(LEADS)] + v + HOSTILE if k in PROPOSAL_TEXT and isinstance(v, str) else v)
                for i, (k, v) in enumerate(data.items())}
        data["objects"] = [{k: (v + HOSTILE if k == "name" else v) for k, v in o.items()} for o in data["objects"]]
        path = tmp_path / source.name
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        projects.append(str(path))
    arch = _hostile(yaml.safe_load((examples / "architecture.yaml").read_text(encoding="utf-8")))
    arch_path = tmp_path / "architecture.yaml"
    arch_path.write_text(yaml.safe_dump(arch, allow_unicode=True, sort_keys=False), encoding="utf-8")
    code, out = _run("appraise", *projects, "--architecture", str(arch_path), "--format", fmt)
    assert code in (0, 1), out[-2000:]
    assert "pwned" in out  # the hostile values are there, escaped
    CHECKS[fmt](out)  # type: ignore[misc]
    if fmt == "json":
        assert any(s.endswith(HOSTILE) for s in _strings(json.loads(out)))  # JSON keeps the value as written
