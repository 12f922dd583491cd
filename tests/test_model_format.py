"""Model format versioning (a version-1 file stays valid; one using a version-2 field is told what to
change) and contradictions as located input errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from archcheck import api
from archcheck.errors import SchemaError
from tests.conftest import checked

Write = Callable[[str, str], Path]

V1 = """\
archcheck: 1
province:
  name: Tỉnh Mẫu
  as_of: 2021-01-01
  framework: "2.0"
  components:
    - id: motcua
      kind: one-stop-shop
      deployment:
        district: {used: 3, total: 10}
    - {id: lgsp, kind: integration-platform}
    - {id: csdl, kind: shared-database}
  connections:
    - {from: motcua, to: csdl, kind: data-exchange, via: lgsp}
"""


def test_a_version_1_model_still_validates(write: Write) -> None:
    (report,) = api.validate([write("m.yaml", V1)]).reports
    assert report.province == "Tỉnh Mẫu"


@pytest.mark.parametrize(("old", "new", "where"), [
    ("{used: 3, total: 10}", "{extent: most}", (10, 20, "province.components[0].deployment.district.extent: "
                                                        "`extent` in a deployment")),
    ("via: lgsp}", "via: unknown}", (14, 53, "province.connections[0].via: `via: unknown`")),
    ("via: lgsp}", "via: lgsp, reach: {extent: some}}", (14, 64, "province.connections[0].reach: `reach`")),
    ("      kind: one-stop-shop\n", "      kind: one-stop-shop\n      owner_level: district\n",
     (9, 7, "province.components[0].owner_level: `owner_level`")),
])
def test_a_version_2_field_in_a_version_1_file_says_what_to_change(write: Write, old: str, new: str,
                                                                   where: tuple[int, int, str]) -> None:
    line, column, what = where
    with pytest.raises(SchemaError) as exc:
        checked(api.validate([write("m.yaml", V1.replace(old, new))]))
    assert (exc.value.line, exc.value.column) == (line, column)
    assert exc.value.message == f"{what} is model format 2, but the file says `archcheck: 1` (line 1)"
    assert exc.value.hint == "change line 1 to `archcheck: 2` (a version-1 model stays valid under 2)"
    (report,) = api.validate([write("m2.yaml", V1.replace(old, new).replace("archcheck: 1", "archcheck: 2"))]).reports
    assert report.province == "Tỉnh Mẫu"


def test_an_absent_component_with_users_is_a_located_contradiction(write: Write) -> None:
    text = V1.replace("      kind: one-stop-shop\n", "      kind: one-stop-shop\n      status: absent\n")
    with pytest.raises(SchemaError) as exc:
        checked(api.validate([write("m.yaml", text.replace("via: lgsp}", "via: lgsp, status: absent}"))]))
    assert (exc.value.line, exc.value.column) == (11, 9)
    assert exc.value.message == ("province.components[0].deployment.district: 'motcua' is `status: absent` "
                                 "(line 9) but district units use it (3/10)")


def test_a_connection_in_operation_from_an_absent_component_is_a_located_contradiction(write: Write) -> None:
    text = V1.replace("    - {id: csdl, kind: shared-database}",
                      "    - {id: csdl, kind: shared-database, status: absent}")
    with pytest.raises(SchemaError) as exc:
        checked(api.validate([write("m.yaml", text)]))
    assert (exc.value.line, exc.value.column) == (14, 7)
    assert exc.value.message == ("province.connections[0]: a connection in operation from 'motcua' to 'csdl', "
                                 "but 'csdl' is `status: absent` (line 12)")
    (report,) = api.validate([write("m2.yaml", text.replace("via: lgsp}", "via: lgsp, status: absent}"))]).reports
    assert report.province == "Tỉnh Mẫu"
