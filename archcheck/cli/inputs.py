"""The model files a command is given: a folder stands for the models in it.

A folder argument is read as the pre-commit hook reads a commit: every ``*.yaml``/``*.yml`` file under
it (hidden folders such as ``.git`` and ``.venv`` left out), in path order, that is a model by its
content (a top-level ``province:`` or ``provinces:`` key), so rule, framework, waivers and CI files
beside the models are not taken for models.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from archcheck.errors import InputError

_MODEL_KEY = re.compile(r"^provinces?[ \t]*:", re.MULTILINE)


def looks_like_a_model(path: str) -> bool:
    """True unless the file is readable and has no top-level ``province:`` / ``provinces:`` key."""
    if path == "-" or not Path(path).is_file():
        return True  # standard input, or something validate refuses with its own message
    try:
        with Path(path).open("rb") as fh:  # bounded: a hook may be handed a huge file by mistake
            text = fh.read(1 << 20).decode("utf-8", errors="replace")
    except OSError:
        return True  # validate says what is wrong with it
    return _MODEL_KEY.search(text) is not None


def models_in(folder: str) -> list[str]:
    """The model files under ``folder``, in path order (see the module's description)."""
    found: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(str(Path(root) / f) for f in sorted(files)
                     if f.endswith((".yaml", ".yml")) and not f.startswith("."))
    return [f for f in found if Path(f).is_file() and looks_like_a_model(f)]


def expand(paths: tuple[str, ...]) -> tuple[str, ...]:
    """``paths`` with each folder replaced by the models in it.

    Raises:
        InputError: a folder with no model in it (nothing would be checked, and silence is not a pass).
    """
    out: list[str] = []
    for p in paths:
        if p != "-" and Path(p).is_dir():
            inside = models_in(p)
            if not inside:
                raise InputError("is a folder with no model file in it (a *.yaml or *.yml file with a top-level "
                                 "`province:` or `provinces:` key)", file=p,
                                 hint="name the model files, or a folder that holds them")
            out.extend(f for f in inside if f not in out)
        else:
            out.append(p)
    return tuple(out)
