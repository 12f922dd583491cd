"""GitHub Actions workflow commands: one annotation per finding on the line it is about.

``::error file=F,line=L,col=C,title=T::message`` for errors, ``::warning`` for warnings and
``::notice`` for info and "cannot verify". Escaped as the runner expects: in the message ``%``,
CR and LF become ``%25``, ``%0D`` and ``%0A``; in property values ``:`` and ``,`` also become
``%3A`` and ``%2C``. A waived finding is a notice naming the waiver; baselined findings are not
annotated (they are known, and annotations are for what a change brings), but counted on the last
line, which is plain text. The message ends with the finding's source and its stable
``message_id`` (archcheck's catalogue key, as in the JSON and SARIF reports), each on a line of its own.
"""

from __future__ import annotations

from archcheck.api import ValidationRun
from archcheck.findings import Finding, Severity
from archcheck.report._common import province_entries, relative_path
from archcheck.report.escape import for_line, for_terminal
from archcheck.report.options import ReportOptions

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a workflow command's message.

    >>> escape_data("50% done\\nnext")
    '50%25 done%0Anext'
    """
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value.

    >>> escape_property("DOC-002: a, b")
    'DOC-002%3A a%2C b'
    """
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **props: str | int | None) -> str:
    """One workflow command line, leaving out properties that are None."""
    # controls shown as escapes first (a message's own line breaks kept, then encoded as %0A)
    given = [f"{k}={escape_property(for_line(str(v)))}" for k, v in props.items() if v is not None]
    data = escape_data(for_terminal(message))
    return f"::{name} {','.join(given)}::{data}" if given else f"::{name}::{data}"


def _annotation(f: Finding, root: str | None, name: str, prefix: str = "") -> str:
    loc = f.location
    title = f"{f.rule_id} {f.rule_name} [{f.subject}]"
    message = f"{prefix}{f.text()}\nsource: {f.citation}\nmessage_id: {f.message_id}"
    if not f.unverifiable and not prefix:
        message += f"\nfix: {' '.join(f.remediation.split())}"
    return command(name, message, file=relative_path(loc.file, root) if loc else None,
                   line=loc.line if loc else None, col=loc.column if loc else None, title=title)


def render_github(run: ValidationRun, options: ReportOptions) -> str:
    """The run as workflow commands, then a one-line summary."""
    lines: list[str] = []
    baselined = 0
    for _, entries in province_entries(run):
        for e in entries:
            f = e.finding
            if e.baselined:
                baselined += 1
            elif e.set_aside is not None and e.set_aside.waiver is not None:
                w = e.set_aside.waiver
                lines.append(_annotation(f, options.root, "notice", f"waived until {w.expires}: {w.reason}\n"))
            else:
                lines.append(_annotation(f, options.root, _COMMAND[f.severity]))
    for f in run.gate.findings if run.gate else ():
        lines.append(_annotation(f, options.root, _COMMAND[f.severity]))
    for err in run.errors:
        lines.append(command("error", str(err), file=relative_path(err.file, options.root) if err.file else None,
                             line=err.line, col=err.column, title="archcheck could not check this file"))
    counted = run.findings()
    counts = ", ".join(f"{sum(1 for f in counted if f.severity is s)} {s.value}" for s in Severity)
    code = run.exit_code(options.fail_on)
    extra = f"; {baselined} baselined" if run.gate is not None and run.gate.baseline_file else ""
    extra += f"; {len(run.gate.waived)} waived" if run.gate is not None and run.gate.waivers_file else ""
    lines.append(f"archcheck: {len(run.reports)} province(s) checked: {counts}{extra}; "
                 f"failing on {options.fail_on.value} or worse → exit {code}")
    return "\n".join(lines) + "\n"
