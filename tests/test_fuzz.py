"""Property-based fuzzing: generate valid models, mutate them (structure and raw text), and check
that archcheck either validates or reports a located ArchcheckError for the file: never another exception.

Profiles: `ci` (default, derandomised, 2 × 1,200 inputs) and `release` (random, 2 × 25,000), chosen
with HYPOTHESIS_PROFILE=release for release checks.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archcheck import api
from archcheck.errors import ArchcheckError

settings.register_profile("ci", max_examples=1200, derandomize=True, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("release", max_examples=25_000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
# The version matrix's second cells (lowest versions, other Pythons): the same properties on a sample.
settings.register_profile("matrix", max_examples=100, derandomize=True, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

KINDS = ["web-portal", "public-service-portal", "one-stop-shop", "document-management", "digital-signature",
         "integration-platform", "shared-catalogue", "data-centre", "security-operations-centre", "sector-database"]
NATIONAL = ["national-document-axis", "national-integration-platform", "national-public-service-portal",
            "national-population-database"]
CONN = ["document-exchange", "data-exchange", "synchronisation", "authentication", "payment", "monitoring"]
STATUS = ["present", "absent", "planned", "unknown"]
count = st.one_of(st.integers(0, 300), st.just("unknown"))
ids = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)


@st.composite
def models(draw: st.DrawFn) -> dict[str, Any]:
    comp_ids = draw(st.lists(ids, min_size=1, max_size=8, unique=True))
    nat_ids = [f"n-{i}" for i in range(draw(st.integers(0, 3)))]
    totals = {lv: draw(st.integers(1, 200)) for lv in ("department", "district", "commune")}
    components = []
    for cid in comp_ids:
        c: dict[str, Any] = {"id": cid, "kind": draw(st.sampled_from(KINDS)), "status": draw(st.sampled_from(STATUS))}
        if draw(st.booleans()):
            c["attributes"] = {"security_level": draw(st.one_of(st.integers(1, 5), st.just("unknown")))}
        if draw(st.booleans()):
            top = 0 if c["status"] == "absent" else None  # an absent system has no users (a contradiction)
            c["deployment"] = {lv: {"used": draw(st.one_of(st.integers(0, top if top is not None else totals[lv]),
                                                           st.just("unknown")))}
                               for lv in draw(st.lists(st.sampled_from(list(totals)), unique=True))}
        components.append(c)
    absent = {c["id"] for c in components if c["status"] == "absent"}
    national = [{"id": n, "kind": draw(st.sampled_from(NATIONAL))} for n in nat_ids]
    everyone = comp_ids + nat_ids
    connections = []
    for _ in range(draw(st.integers(0, 8))):
        a, b = draw(st.sampled_from(everyone)), draw(st.sampled_from(everyone))
        if a == b:
            continue
        conn: dict[str, Any] = {"from": a, "to": b, "kind": draw(st.sampled_from(CONN))}
        via = [x for x in comp_ids if x not in (a, b)]
        if via and draw(st.booleans()):
            conn["via"] = draw(st.sampled_from(via))
        # a connection in operation from or to an absent component is a contradiction
        conn["status"] = draw(st.sampled_from([x for x in STATUS if x != "present" or not {a, b} & absent]))
        connections.append(conn)
    province = {
        # U+0085/U+2028/U+2029 are line breaks to one YAML reader and not another: refused with their
        # line (tests/test_robustness.py), so a *valid* model never holds them; nor a lone surrogate
        # (U+D800), which no UTF-8 file holds (PyYAML writes it as an escape that it then refuses).
        "name": draw(st.text(min_size=1, max_size=20,
                             alphabet=st.characters(codec="utf-8", exclude_characters="\x85\u2028\u2029"))
                     .filter(lambda s: s.strip() != "")),
        "as_of": draw(st.dates(min_value=__import__("datetime").date(2015, 1, 1))).isoformat(),
        "framework": draw(st.sampled_from(["1.0", "2.0", "unknown"])),
        "completeness": draw(st.sampled_from(["complete", "partial"])),
        "units": {lv: {"total": t} for lv, t in totals.items()},
        "components": components,
        "national": national,
        "connections": connections,
    }
    return {"province": province}


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.floats(allow_nan=False), st.text(max_size=5)),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)),
    max_leaves=6,
)


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    doc = draw(models())
    for _ in range(draw(st.integers(1, 4))):
        # walk to a random container and change one thing in it
        node: Any = doc
        for _ in range(draw(st.integers(0, 4))):
            children = list(node.values()) if isinstance(node, dict) else list(node)
            children = [c for c in children if isinstance(c, dict | list) and c]
            if not children:
                break
            node = draw(st.sampled_from(children))
        if isinstance(node, dict) and node:
            key = draw(st.sampled_from(sorted(node, key=str)))
            action = draw(st.sampled_from(["delete", "replace", "add"]))
            if action == "delete":
                del node[key]
            elif action == "replace":
                node[key] = draw(json_values)
            else:
                node[draw(st.text(min_size=1, max_size=6))] = draw(json_values)
        elif isinstance(node, list) and node:
            i = draw(st.integers(0, len(node) - 1))
            node[i] = draw(json_values) if draw(st.booleans()) else node[i - 1]
    return doc


def check(text: str | bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.yaml"
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            run = api.validate([path])
        except ArchcheckError as exc:
            raise AssertionError(f"a bad model file must be reported in the run, not raised: {exc}") from None
        for exc in run.errors:
            assert exc.message
            assert exc.file is not None, str(exc)


@given(mutated())
def test_structural_mutations_never_crash(doc: dict[str, Any]) -> None:
    check(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False))


@given(models(), st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), min_size=1, max_size=6),
       st.sampled_from(["replace", "insert", "delete"]))
def test_byte_mutations_never_crash(doc: dict[str, Any], edits: list[tuple[int, int]], how: str) -> None:
    raw = bytearray(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False).encode("utf-8"))
    for offset, byte in edits:
        pos = offset % max(len(raw), 1)
        if how == "replace" and raw:
            raw[pos] = byte
        elif how == "insert":
            raw.insert(pos, byte)
        elif raw:
            del raw[pos]
    check(bytes(raw))


@given(models())
def test_valid_models_validate(doc: dict[str, Any]) -> None:
    """Unmutated generated models are valid input: checked, never refused."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "valid.yaml"
        path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
        run = api.validate([path])
        assert len(run.reports) == 1


@given(mutated())
def test_compiled_validator_agrees_with_reference(doc: dict[str, Any]) -> None:
    """The fast path (jsonschema-rs) accepts exactly what the reference (jsonschema) accepts."""
    import jsonschema_rs  # noqa: PLC0415
    from jsonschema import Draft202012Validator, FormatChecker  # noqa: PLC0415

    from archcheck.read.schemas import schema  # noqa: PLC0415

    data = yaml.safe_load(yaml.safe_dump(doc, allow_unicode=True))  # what the loader would give (dates as text)
    data = json_safe(data)
    fast = jsonschema_rs.validator_for(schema("model"), validate_formats=True).is_valid(data)
    ref = Draft202012Validator(schema("model"), format_checker=FormatChecker()).is_valid(data)
    assert fast == ref


def json_safe(value: Any) -> Any:
    """Dates as ISO text, as archcheck's loader produces them."""
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [json_safe(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
