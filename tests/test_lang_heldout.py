"""Issue 31, done when: the Vietnamese text, Markdown and HTML reports of held-out-style models (a 2018
report with a public-administration centre that ``operates`` the one-stop system, a 2021 approved
design, a 2026 two-tier province with its LDOP and Agent Node under QĐ 1425) hold no English sentence
outside quotes, ids and kinds.

The checker takes out what is not prose (HTML markup, code spans, quotes, ids and kinds, paths,
document numbers, option names, YAML as the model has it), then flags any run of three or more
English words that holds a word of a small English stop-word list. The models are in
tests/fixtures/heldout/ (invented provinces, written as a reviewer writes one; not copies of
province_models/).

Where the English comes from a part that another engineer of issue 31 is converting to catalogue
messages (the check kinds, the engine, the KPIs, the gate), the case is an expected failure naming
the text: the lead removes these marks once every part hands up messages.
"""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import pytest

from archcheck import api
from archcheck.report import REPORTERS, ReportOptions

HELDOUT = Path(__file__).resolve().parent / "fixtures" / "heldout"
CASES = {
    "report-2018": ("report-2018.yaml", {}),
    "design-2021": ("design-2021.yaml", {}),
    "design-2021-design-view": ("design-2021.yaml", {"view": "design"}),
    "province-2026": ("province-2026.yaml", {}),
}
FORMATS = ("text", "markdown", "html")

STOP = frozenset((
    "a", "an", "the", "is", "are", "was", "were", "be", "been", "being", "of", "and", "or", "to", "from", "in",
    "on", "at", "by", "with", "without", "for", "as", "than", "that", "this", "which", "whose", "whether", "there",
    "it", "its", "not", "no", "nor", "only", "must", "should", "does", "do", "has", "have", "had", "but", "if",
    "so", "any", "every", "each", "all", "some", "most", "few", "more", "less", "one", "two", "into", "over",
    "through", "under", "after", "before", "since", "found", "expected", "required", "cannot", "verify",
    "verified", "stated", "unknown", "model", "rule", "rules", "source", "fix", "errors", "warnings", "checked",
    "exit", "passed", "failed", "level", "levels", "connection", "connections", "system", "province",
))
"""English words that Vietnamese prose never uses (with a few of archcheck's own words)."""

_VI = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE)


def _prose(text: str, fmt: str) -> str:
    """``text`` without what is not prose: markup, code, quotes, ids, kinds, paths, numbers."""
    if fmt == "html":
        text = re.sub(r"<(style|script|svg)\b.*?</\1>", " ", text, flags=re.DOTALL)
        text = re.sub(r"<code>.*?</code>", " ", text, flags=re.DOTALL)
        text = re.sub(r'<[^>]*data-zoom="[^"]*"[^>]*>', " ", text)
        text = html_lib.unescape(re.sub(r"<[^>]+>", "\n", text))
    if fmt == "markdown":
        text = re.sub(r"\]\([^)]*\)", "]", text)  # link targets
    text = re.sub(r"[\w.]+: (?:unknown|none)\b", " ", text)  # YAML as the model has it
    text = re.sub(r"`[^`]*`|\"[^\"]*\"|“[^”]*”|«[^»]*»|‘[^’]*’", " ", text)  # code and quotes
    text = re.sub(r"\b(?:NĐ|QĐ|TT|CV|CT|NQ|QH)[ -]?[\w/.-]*\d[\w/.-]*", " ", text)  # document numbers
    text = re.sub(r"--[\w-]+", " ", text)  # options
    return re.sub(r"\S*[\d_./\\→>\[\]-]\S*|\S+:\S+", " ", text)  # ids, kinds, paths, dates, figures


def english_runs(text: str, fmt: str) -> list[str]:
    """Each run of three or more English words (no Vietnamese letter) holding a stop word."""
    found = []
    for line in _prose(text, fmt).splitlines():
        run: list[str] = []
        for word in [*re.findall(r"[^\s(),;:!?…·|*]+", line), ""]:
            if word and not _VI.search(word) and word.isalpha():
                run.append(word)
                continue
            if len(run) >= 3 and any(w.lower() in STOP for w in run):
                found.append(" ".join(run))
            run = []
    return found


def _render(case: str, fmt: str) -> str:
    file, options = CASES[case]
    run = api.validate([HELDOUT / file], **options)
    extra = {"verbose": True, "show_passed": True} if fmt == "text" else {}
    return REPORTERS[fmt](run, ReportOptions(lang="vi", **extra))


def test_the_checker_finds_english_and_passes_vietnamese() -> None:
    assert english_runs("  chưa thể xác minh: chưa rõ ttdl (data-centre) có tồn tại hay không\n", "text") == []
    assert english_runs("      cannot verify: whether ttdl (data-centre) exists is unknown\n", "text") == [
        "cannot verify whether ttdl exists is unknown"]
    assert english_runs('  nguồn: "the province has a data centre" (a quote)\n', "text") == []
    assert english_runs("<p>Passes: no violation at error or worse</p>", "html") == [
        "Passes no violation at error or worse"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", list(CASES))
def test_the_vietnamese_report_of_a_heldout_model_has_no_english_sentence(case: str, fmt: str) -> None:
    assert english_runs(_render(case, fmt), fmt) == []
