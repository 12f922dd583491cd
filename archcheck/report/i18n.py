"""Saying a report's words and messages in ``--lang en``, ``vi`` or ``both``.

Every word of a report comes from the one catalogue (``archcheck/catalogue.yaml``): a reporter asks
:meth:`Translator.word` for a key, and a check's message (a :class:`~archcheck.catalogue.Message`) is
said by :func:`archcheck.catalogue.say`. A rule's own prose (remediation, clause, target) comes from its
``vi`` block. During the conversion of the checks to messages, a message that is still a plain English
sentence is matched against the regular-expression templates below (:data:`MESSAGES`); one that no
template matches is printed as it is and recorded in :attr:`Translator.missed`, which the test suite
requires to stay empty for every shipped model and every rule example.

``en`` English only; ``vi`` Vietnamese only; ``both`` each phrase in Vietnamese then English. The names
of components, provinces, frameworks and documents, and the quotes from the sources, stay as the model
and the law write them in every language.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from typing import Protocol

from archcheck.catalogue import Message, Text, msg, say, words
from archcheck.findings import Citation, Confidence, Finding
from archcheck.report.options import DEFAULT_LANG
from archcheck.values import field, record


class _HasVi(Protocol):
    """A rule, as far as a translator needs it: its prose in Vietnamese by the English."""

    def phrases(self) -> Mapping[str, str]: ...


def _group(name: str) -> Mapping[str, str]:
    """A closed list of the catalogue (``level``, ``status``, ``extent``) in Vietnamese, by its value."""
    return words(name, "vi")


# English template → Vietnamese. A placeholder matches any text; what it matched is carried over by
# its name's kind: m… is a message of its own (translated again), lvl a level, st a status, fig a
# coverage figure, k a list of kinds or connection kinds ("a or b"), stated a list of "a → b is st";
# any other name (ids, labels with names, numbers, dates, documents) is kept as it is.
MESSAGES: tuple[tuple[str, str], ...] = (
    # wrappers the engine and the checks put around a message
    ("{m}; design view, the whole roadmap (horizon {d})",
     "{m}; góc nhìn thiết kế, toàn bộ lộ trình (tầm nhìn đến {d})"),
    ("{m}; design view, the whole roadmap (horizon unknown)",
     "{m}; góc nhìn thiết kế, toàn bộ lộ trình (chưa rõ tầm nhìn đến năm nào)"),
    ("design view, the whole roadmap (horizon {d})", "góc nhìn thiết kế, toàn bộ lộ trình (tầm nhìn đến {d})"),
    ("design view, the whole roadmap (horizon unknown)",
     "góc nhìn thiết kế, toàn bộ lộ trình (chưa rõ tầm nhìn đến năm nào)"),
    ("{m}; design view, up to stage {s} (to {d})", "{m}; góc nhìn thiết kế, đến hết giai đoạn {s} (đến {d})"),
    ("cannot verify (the model is partial): {m}", "chưa thể xác minh (mô hình chưa đầy đủ): {m}"),
    ("{m} [source unconfirmed]", "{m} [nguồn chưa được xác nhận]"),
    ("{m} (so whether the rule's condition fails cannot be decided)",
     "{m} (vì vậy không thể quyết định điều kiện của quy tắc có bị vi phạm hay không)"),
    ("cannot verify the remainder: {m}", "chưa thể xác minh phần còn lại: {m}"),
    ("cannot verify: {m}", "chưa thể xác minh: {m}"),
    ("the model is partial and says nothing of it: {m}", "mô hình chưa đầy đủ và không nói gì về việc này: {m}"),
    ("{m} (nor does the other alternative)", "{m} (phương án còn lại cũng vậy)"),
    ("{m} (nor does one other alternative)", "{m} (một phương án khác cũng vậy)"),
    ("{m} (nor do the other {n} alternatives)", "{m} ({n} phương án còn lại cũng vậy)"),
    ("{m} (the other alternative does not apply: {m2})", "{m} (phương án còn lại không áp dụng: {m2})"),
    ("{m} (nor does the other alternative; alternatives that do not apply: {m2})",
     "{m} (phương án còn lại cũng vậy; các phương án không áp dụng: {m2})"),
    # count
    ("at most {n} {k} allowed, {p} in operation and {c} of unknown status",
     "cho phép tối đa {n} {k}, đang vận hành {p} và {c} chưa rõ trạng thái"),
    ("whether {ids} ({k}) exists is unknown", "chưa rõ {ids} ({k}) có tồn tại hay không"),
    ("whether {ids} ({k}) is in operation is unknown", "chưa rõ {ids} ({k}) có đang vận hành hay không"),
    ("the design lacks {k} ({stated})", "thiết kế không có {k} ({stated})"),
    ("the design lacks {k}", "thiết kế không có {k}"),
    ("only {n} of at least {most} {k} in operation ({ids})",
     "chỉ có {n} trên tối thiểu {most} {k} đang vận hành ({ids})"),
    ("only {n} of at least {most} {k} owned by the province in operation ({ids})",
     "chỉ có {n} trên tối thiểu {most} {k} của tỉnh đang vận hành ({ids})"),
    ("the design has only {n} of at least {most} {k} ({ids})", "thiết kế chỉ có {n} trên tối thiểu {most} {k} ({ids})"),
    ("the design has only {n} of at least {most} {k} owned by the province ({ids})",
     "thiết kế chỉ có {n} trên tối thiểu {most} {k} của tỉnh ({ids})"),
    ("no {k} owned by the province in operation ({stated})", "không có {k} nào của tỉnh đang vận hành ({stated})"),
    ("no {k} owned by the province in operation", "không có {k} nào của tỉnh đang vận hành"),
    ("the design lacks {k} owned by the province ({stated})", "thiết kế không có {k} nào của tỉnh ({stated})"),
    ("the design lacks {k} owned by the province", "thiết kế không có {k} nào của tỉnh"),
    ("{c} belongs to the {lvl}", "{c} thuộc cấp {lvl}"),
    ("at least {n} {k} owned by the province", "ít nhất {n} {k} của tỉnh"),
    ("no {k} in operation ({stated})", "không có {k} nào đang vận hành ({stated})"),
    ("no {k} in operation", "không có {k} nào đang vận hành"),
    ("{c} is one {k} too many: {n} found ({ids}), at most {most} expected",
     "{c} là một {k} thừa: có {n} ({ids}), chỉ được tối đa {most}"),
    ("no {k} known to be in operation", "không có {k} nào được biết là đang vận hành"),
    ("no {k} in the model", "mô hình không có {k}"),
    ("target: {m} by {d} (met)", "chỉ tiêu: {m} trước {d} (đạt)"),
    ("target: {m} by {d} (below)", "chỉ tiêu: {m} trước {d} (chưa đạt, chưa đến hạn)"),
    ("target: {m} by {d} (missed)", "chỉ tiêu: {m} trước {d} (không đạt, đã quá hạn)"),
    ("target: {m} by {d} (cannot-verify)", "chỉ tiêu: {m} trước {d} (chưa thể xác minh)"),
    # connection-required
    ("the connection from {c} to {t} reaches only {fig}", "kết nối từ {c} đến {t} chỉ tới được {fig}"),
    ("the connection from {c} to {t} is of unknown status", "kết nối từ {c} đến {t} chưa rõ trạng thái"),
    ("{c} has no {k} connection in operation to {t} ({stated})",
     "{c} không có kết nối {k} nào đang vận hành đến {t} ({stated})"),
    ("{c} has no {k} connection to {t} (the model has no {t2})",
     "{c} không có kết nối {k} đến {t} (mô hình không có {t2})"),
    ("{c} has no {k} connection to {t}", "{c} không có kết nối {k} đến {t}"),
    # reachability
    ("{c} reaches {t} through {h} only over connections or components of unknown status",
     "{c} chỉ đến được {t} qua {h} bằng các kết nối hoặc thành phần chưa rõ trạng thái"),
    ("{c} reaches {t} only over connections or components of unknown status",
     "{c} chỉ đến được {t} bằng các kết nối hoặc thành phần chưa rõ trạng thái"),
    ("{c} reaches {t} through {h} only over {x} → {y}, which reaches only {fig}",
     "{c} chỉ đến được {t} qua {h} bằng {x} → {y}, kết nối này chỉ tới được {fig}"),
    ("{c} reaches {t} only over {x} → {y}, which reaches only {fig}",
     "{c} chỉ đến được {t} bằng {x} → {y}, kết nối này chỉ tới được {fig}"),
    ("{c} reaches {t} through {h} only over {reaches}", "{c} chỉ đến được {t} qua {h} bằng {reaches}"),
    ("{c} reaches {t} only over {reaches}", "{c} chỉ đến được {t} bằng {reaches}"),
    ("whether {x} → {y} passes through a hub is unknown (via: unknown)",
     "chưa rõ {x} → {y} có đi qua nền tảng trung gian hay không (via: unknown)"),
    ("whether {x} → {y} passes through {h} is unknown (via: unknown)",
     "chưa rõ {x} → {y} có đi qua {h} hay không (via: unknown)"),
    ("{c} does not reach {t} through {h} over {k} connections: {mwhere}",
     "{c} không đến được {t} qua {h} bằng các kết nối {k}: {mwhere}"),
    ("{c} does not reach {t} over {k} connections: {mwhere}", "{c} không đến được {t} bằng các kết nối {k}: {mwhere}"),
    ("{c} does not reach {t} through {h}: {mwhere}", "{c} không đến được {t} qua {h}: {mwhere}"),
    ("{c} does not reach {t}: {mwhere}", "{c} không đến được {t}: {mwhere}"),
    ("{mwhere} ({stated})", "{mwhere} ({stated})"),
    ("it has no usable outgoing connection of those kinds", "không có kết nối đi ra nào thuộc các loại đó dùng được"),
    ("it has no usable outgoing connection of any kind", "không có kết nối đi ra nào dùng được"),
    ("bypasses {h}: reaches {t} directly", "bỏ qua {h}: đến thẳng {t}"),
    ("never reaches a {h}", "không đi qua {h} nào"),
    ("reaches {x} but the chain stops at {y}", "đến được {x} nhưng chuỗi dừng ở {y}"),
    ("the chain {chain} stops at {y}", "chuỗi {chain} dừng ở {y}"),
    # forbidden connection
    ("no {k} connection between kinds this rule covers in the model",
     "mô hình không có kết nối {k} nào giữa các loại thành phần mà quy tắc này xét"),
    ("whether the {k} connection {x} → {y} passes through a hub is unknown (via: unknown)",
     "chưa rõ kết nối {k} {x} → {y} có đi qua nền tảng trung gian hay không (via: unknown)"),
    ("whether the {k} connection {x} → {y} passes through {h} is unknown (via: unknown)",
     "chưa rõ kết nối {k} {x} → {y} có đi qua {h} hay không (via: unknown)"),
    ("a direct {k} connection {edge} bypassing {h} joins {c} and {c2}, of unknown status",
     "kết nối {k} trực tiếp {edge} bỏ qua {h}, nối {c} và {c2}, chưa rõ trạng thái"),
    ("a direct {k} connection {edge} bypassing {h} joins {c}, of unknown status",
     "kết nối {k} trực tiếp {edge} bỏ qua {h}, nối với {c} chưa rõ trạng thái"),
    ("a direct {k} connection {edge} bypassing {h} is of unknown status",
     "kết nối {k} trực tiếp {edge} bỏ qua {h}, chưa rõ trạng thái"),
    ("direct {k} connection {x} → {y} bypasses {h}; tolerated while {ids} is declared not ready (TT 13/2017 exception)",
     "kết nối {k} trực tiếp {x} → {y} bỏ qua {h}; được chấp nhận khi {ids} được khai báo là chưa sẵn sàng "
     "(ngoại lệ theo TT 13/2017)"),
    ("direct {k} connection {x} → {y} bypasses {h}", "kết nối {k} trực tiếp {x} → {y} bỏ qua {h}"),
    # coverage
    ("the province has no {lvl} level on {d}", "tỉnh không có cấp {lvl} vào ngày {d}"),
    ("{c}: deployment at {lvl} level is not stated (write `used: unknown` if the source does not say)",
     "{c}: mô hình không nêu mức triển khai ở cấp {lvl} (ghi `used: unknown` nếu nguồn không nói)"),
    ("{lvl} coverage of {c} is {fig}", "mức triển khai cấp {lvl} của {c} là {fig}"),
    ("the source gives {lvl} coverage of {c} only as {fig}; in use at {lvl2} level required",
     "nguồn chỉ cho biết mức triển khai cấp {lvl} của {c} là {fig}; cần được sử dụng ở cấp {lvl2}"),
    ("the source gives {lvl} coverage of {c} only as {fig}; at least {p} of {lvl2} units required",
     "nguồn chỉ cho biết mức triển khai cấp {lvl} của {c} là {fig}; cần ít nhất {p} số đơn vị cấp {lvl2}"),
    ("the model has no {k} of the province in operation; the {lvl}-owned {ids} serve some {lvl2} units",
     "mô hình không có {k} nào của tỉnh đang vận hành; {ids} thuộc cấp {lvl} phục vụ một số đơn vị cấp {lvl2}"),
    ("{c} is used by {fig} {lvl} units ({p}); at least {q} of {lvl2} units required, and the {lvl3}-owned {ids} "
     "may serve the rest",
     "{c} được {fig} đơn vị cấp {lvl} sử dụng ({p}); cần ít nhất {q} số đơn vị cấp {lvl2}, và {ids} thuộc cấp "
     "{lvl3} có thể phục vụ phần còn lại"),
    ("{c} is used by {fig} of the {lvl} units; at least {q} of {lvl2} units required, and the {lvl3}-owned {ids} "
     "may serve the rest",
     "{c} được {fig} số đơn vị cấp {lvl} sử dụng; cần ít nhất {q} số đơn vị cấp {lvl2}, và {ids} thuộc cấp {lvl3} "
     "có thể phục vụ phần còn lại"),
    ("{c} is used by {fig} {lvl} units ({p}); at least {q} of {lvl2} units required",
     "{c} được {fig} đơn vị cấp {lvl} sử dụng ({p}); cần ít nhất {q} số đơn vị cấp {lvl2}"),
    ("{c} is used by {fig} of the {lvl} units; at least {q} of {lvl2} units required",
     "{c} được {fig} số đơn vị cấp {lvl} sử dụng; cần ít nhất {q} số đơn vị cấp {lvl2}"),
    ("{c} is used by {fig} {lvl} units ({p}); in use at {lvl2} level required",
     "{c} được {fig} đơn vị cấp {lvl} sử dụng ({p}); cần được sử dụng ở cấp {lvl2}"),
    ("{c} is used by {fig} of the {lvl} units; in use at {lvl2} level required",
     "{c} được {fig} số đơn vị cấp {lvl} sử dụng; cần được sử dụng ở cấp {lvl2}"),
    # attribute
    ("{c}: attribute {a} is not stated (write `unknown` if the source does not say)",
     "{c}: mô hình không nêu thuộc tính {a} (ghi `unknown` nếu nguồn không nói)"),
    ("{a} of {c} is unknown (or {b} is)", "chưa rõ {a} của {c} (hoặc {b})"),
    ("{a} of {c} is unknown", "chưa rõ {a} của {c}"),
    ("{c}: {a} / {b} = {v} = {p}, below {q}", "{c}: {a} / {b} = {v} = {p}, dưới mức {q}"),
    ("{c}: {v} is not one of {w}", "{c}: {v} không thuộc {w}"),
    ("{c}: {v} is not a number", "{c}: {v} không phải là số"),
    ("{c}: {v} is below {w}", "{c}: {v} thấp hơn {w}"),
    ("{c}: {v} is above {w}", "{c}: {v} cao hơn {w}"),
    ("{c}: {v} is not {w}", "{c}: {v} không phải {w}"),
    # vocabulary
    ("{c}: kind {kind} is a national system: declare it under `national:`",
     "{c}: loại {kind} là hệ thống quốc gia: khai báo trong `national:`"),
    ("{c}: kind {kind} is a provincial component: declare it under `components:`",
     "{c}: loại {kind} là thành phần của tỉnh: khai báo trong `components:`"),
    ("{c}: kind {kind} is not part of framework {fw}'s vocabulary",
     "{c}: loại {kind} không thuộc bộ từ vựng của khung kiến trúc {fw}"),
    ("{c}: kind {kind} is not part of framework {fw}'s vocabulary; framework {f2} puts {k2} in its place",
     "{c}: loại {kind} không thuộc bộ từ vựng của khung kiến trúc {fw}; khung {f2} dùng {k2} thay thế"),
    ("no framework to compare the kinds with", "không có khung kiến trúc để đối chiếu các loại thành phần"),
    # the province's own digital architecture framework (QĐ 1425/QĐ-TTg Art. 3(4))
    ("the model does not state the province's own digital architecture framework ({doc})",
     "mô hình không nêu Khung kiến trúc số của tỉnh ({doc})"),
    ("the province has not issued its own digital architecture framework ({doc})",
     "tỉnh chưa ban hành Khung kiến trúc số của mình ({doc})"),
    ("cannot verify: the issue date of {doc} is unknown", "chưa thể xác minh: chưa rõ ngày ban hành {doc}"),
    ("{doc} is dated {d}, after the model's as_of {d2}", "{doc} ban hành ngày {d}, sau ngày as_of {d2} của mô hình"),
    ("a digital architecture framework of the province's own, issued under {doc}",
     "Khung kiến trúc số của tỉnh, ban hành theo {doc}"),
    ("digital_architecture_framework not stated", "không nêu digital_architecture_framework"),
    ("digital_architecture_framework: none", "digital_architecture_framework: none"),
    ("{doc}, issued unknown", "{doc}, chưa rõ ngày ban hành"),
    ("{doc}, issued {d}", "{doc}, ban hành ngày {d}"),
    # the two-tier reform
    ("the model declares a three-tier structure, but {m}", "mô hình khai báo cơ cấu ba cấp, nhưng {m}"),
    ("the model states the change to two tiers on {d}, but {m}",
     "mô hình ghi việc chuyển sang hai cấp vào ngày {d}, nhưng {m}"),
    ("the change on {d} or earlier", "việc chuyển đổi vào ngày {d} hoặc sớm hơn"),
    ("owner_level: {lvl}", "owner_level: {lvl}"),
    ("owner_level: {lvl}, status: {st}", "owner_level: {lvl}, status: {st}"),
    ("the model declares district units ({fig}), but {m}", "mô hình khai báo các đơn vị cấp huyện ({fig}), nhưng {m}"),
    ("{c} is deployed at district level ({fig}), but {m}", "{c} được triển khai ở cấp huyện ({fig}), nhưng {m}"),
    ("{c} is owned by the district level ({st}), but {m}", "{c} thuộc cấp huyện ({st}), nhưng {m}"),
    ("{c} is owned by the district level, but whether it is still in operation is unknown ({m})",
     "{c} thuộc cấp huyện, nhưng chưa rõ hệ thống còn vận hành hay không ({m})"),
    ("the model gives {c} a district deployment of {fig}; whether any district use remains is unknown ({m})",
     "mô hình ghi {c} được triển khai ở cấp huyện với mức {fig}; chưa rõ còn sử dụng ở cấp huyện hay không ({m})"),
    ("no district level (two-tier local government): the system owned by the province or a commune",
     "không còn cấp huyện (chính quyền địa phương hai cấp): hệ thống thuộc tỉnh hoặc cấp xã"),
    # evidence: what a rule expects, what the model has
    ("at least {p} of {lvl} units", "ít nhất {p} số đơn vị cấp {lvl}"),
    ("at least {n} {k}", "ít nhất {n} {k}"),
    ("at most {n}", "tối đa {n}"),
    ("{n} present", "{n} đang vận hành"),
    ("{n} present, {pairs}", "{n} đang vận hành, {pairs}"),
    ("{n} present, {u} unknown", "{n} đang vận hành, {u} chưa rõ"),
    ("a {k} connection from {c} to {t}", "một kết nối {k} từ {c} đến {t}"),
    ("no such connection", "không có kết nối như vậy"),
    ("{edge} ({st})", "{edge} ({st})"),
    ("a path to {t}", "một đường đến {t}"),
    ("a path through {h} to {t}", "một đường qua {h} đến {t}"),
    ("{k} in operation", "{k} đang vận hành"),
    ("{x} → {y} is {st}", "{x} → {y}: {st}"),
    ("{c} is {st}", "{c}: {st}"),
    ("{c} {st}", "{c} {st}"),
    ("{a} = {fig}, {b} = {fig2} ({p})", "{a} = {fig}, {b} = {fig2} ({p})"),
    ("{a} = {fig}, {b} = {fig2}", "{a} = {fig}, {b} = {fig2}"),
    ("in use at {lvl} level", "được sử dụng ở cấp {lvl}"),
    ("not stated", "mô hình không nêu"),
    ("unknown", "chưa rõ"),
    ("more than {p}", "hơn {p}"),
    ("no district level (two-tier local government)", "không còn cấp huyện (chính quyền địa phương hai cấp)"),
    ("district coverage {fig}", "mức triển khai cấp huyện {fig}"),
    ("the connection passes through {h}", "kết nối đi qua {h}"),
    ("{edge} is direct (via {v})", "{edge} là kết nối trực tiếp (via {v})"),
    ("{edge} is direct", "{edge} là kết nối trực tiếp"),
    ("route unknown", "chưa rõ đường đi"),
    ("{a} ratio-min {v} of {b}", "{a} tối thiểu {v} của {b}"),
    ("{a} in {v}", "{a} thuộc {v}"),
    ("a component kind of framework {fw}", "một loại thành phần của khung kiến trúc {fw}"),
    ("a national kind of framework {fw}", "một loại hệ thống quốc gia của khung kiến trúc {fw}"),
    # the evaluation date, rules ended, KPI figures
    ("the model's as_of", "ngày as_of của mô hình"),
    ("the end of the checked design", "thời điểm kết thúc của phần thiết kế được kiểm tra"),
    ("the framework's issue date, which is later than the model's as_of {d}; pass --as-of to evaluate at another date",
     "ngày ban hành khung kiến trúc, muộn hơn ngày as_of {d} của mô hình; dùng --as-of để đánh giá tại ngày khác"),
    ("{m}; the model does not say which framework it follows; checked against {fw}, the latest issued by {d}",
     "{m}; mô hình không nêu khung kiến trúc áp dụng; đối chiếu với {fw}, khung mới nhất đã ban hành đến ngày {d}"),
    ("ended {d} by {doc} [source unconfirmed], replaced by {m}",
     "chấm dứt từ {d} theo {doc} [nguồn chưa được xác nhận], thay bằng {m}"),
    ("ended {d} by {doc}, replaced by {m}", "chấm dứt từ {d} theo {doc}, thay bằng {m}"),
    ("ended {d} by {doc} [source unconfirmed]", "chấm dứt từ {d} theo {doc} [nguồn chưa được xác nhận]"),
    ("ended {d} by {doc}", "chấm dứt từ {d} theo {doc}"),
    ("{mfig}; {mfig2}", "{mfig}; {mfig2}"),
    ("{c} at {lvl} level: {fig}", "{c} cấp {lvl}: {fig}"),
    ("{lvl}-owned: {ids}", "thuộc cấp {lvl}: {ids}"),
    ("{c}: {a} {fig} of {b} {fig2} ({p})", "{c}: {a} {fig} trên {b} {fig2} ({p})"),
    ("{c}: {a} {fig} of {b} {fig2}", "{c}: {a} {fig} trên {b} {fig2}"),
    ("no figure in the model", "mô hình không có số liệu"),
    ("{metric} {fig} by {d}", "{metric} {fig} trước {d}"),
    ("no such component", "không có thành phần như vậy"),
    ("{c} -[{k}]-> {t}", "{c} -[{k}]-> {t}"),
    # the gate: waivers and baselines (archcheck/compare/gate.py); a reason is the user's own text
    ("the waiver of {r} for {p} expired on {d} and no longer applies: {reason}",
     "miễn trừ {r} cho {p} đã hết hạn ngày {d} và không còn áp dụng: {reason}"),
    ("the waiver of {r} for {p} matches no finding of this run",
     "miễn trừ {r} cho {p} không ứng với phát hiện nào của lượt kiểm tra này"),
    ("the baseline entry for {r} [{s}] in {p} no longer occurs: {reason}",
     "mục của đường cơ sở cho {r} [{s}] tại {p} không còn xuất hiện: {reason}"),
    ("every baseline entry still occurs", "mọi mục của đường cơ sở vẫn còn xuất hiện"),
    ("fixed", "đã sửa"),
)

# The prose of the gate's own findings (WVR-, BSL-: archcheck/compare/gate.py), which no rule file
# writes: what Translator.text gives them. A rule's prose comes from its `vi` block only, never from
# a template (a user's rule without one is printed as it is, and recorded as missed).
GATE_PROSE: tuple[tuple[str, str], ...] = (
    ("entry at line {n}, expires {d}", "mục ở dòng {n}, hết hạn ngày {d}"),
    ("entry at line {n}", "mục ở dòng {n}"),
    ("Fix the finding, or renew the waiver with a new reason and expiry date after review.",
     "Khắc phục phát hiện, hoặc sau khi xem xét lại thì gia hạn miễn trừ với lý do và ngày hết hạn mới."),
    ("Remove the waiver, or correct its rule, province or subject.",
     "Xoá miễn trừ, hoặc sửa lại quy tắc, tỉnh hay đối tượng của nó."),
    ("Refresh the baseline with `archcheck baseline MODEL... --output FILE`.",
     "Cập nhật đường cơ sở bằng `archcheck baseline MODEL... --output FILE`."),
)

# The documents a finding about the gate cites: a file of the user's, named in Vietnamese.
GATE_DOCUMENTS = {"waivers file ": "report.waivers-file", "baseline file ": "report.baseline-file"}

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_SHAPES = {"d": r"\d{4}-\d{2}-\d{2}"}  # a placeholder that is always a date matches only a date


def _pattern(template: str) -> re.Pattern[str]:
    out, last = [], 0
    for m in _PLACEHOLDER.finditer(template):
        out.append(re.escape(template[last:m.start()]))
        out.append(f"(?P<{m.group(1)}>{_SHAPES.get(m.group(1), '.+?')})")
        last = m.end()
    out.append(re.escape(template[last:]))
    return re.compile("".join(out), re.DOTALL)


@cache
def _compiled() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((_pattern(en), vi) for en, vi in MESSAGES)


@cache
def _gate_compiled() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((_pattern(en), vi) for en, vi in GATE_PROSE)


def _gate_prose(english: str) -> str | None:
    """The Vietnamese of a gate finding's clause or remediation (placeholders kept as they are)."""
    for pattern, vi in _gate_compiled():
        m = pattern.fullmatch(english)
        if m is not None:
            return vi.format(**m.groupdict())
    return None


@record(frozen=False)
class Translator:
    """Words and messages in ``lang``: ``en``, ``vi`` or ``both`` (Vietnamese, then English).

    Attributes:
        lang: the report's language (archcheck.catalogue.LANGS).
        phrases: the rules' prose (remediation, clause, targets …) in Vietnamese, by its English text.
        missed: the messages no template matched (printed in English): kept empty by the tests.
        known: each message already looked up, with what it gave (a national file repeats most of
            its messages: the templates are tried once per distinct text).
    """

    lang: str
    phrases: Mapping[str, str] = field(default_factory=dict)
    missed: list[str] = field(default_factory=list)
    known: dict[str, str | None] = field(default_factory=dict)

    @property
    def vi(self) -> bool:
        """Vietnamese only."""
        return self.lang == "vi"

    def phrase(self, key: str, /, **values: object) -> Message:
        """The catalogue's ``key`` with ``values``, unsaid: an argument of another phrase."""
        return msg(key, **values)

    def word(self, key: str, /, **values: object) -> str:
        """One of the report's own phrases: the catalogue's ``key``, filled in (a value that is a
        :class:`Message` is said in the same language)."""
        return say(msg(key, **values), self.lang)

    def in_lang(self, lang: str) -> Translator:
        """A translator like this one in ``lang`` (sharing what it has looked up and missed)."""
        if lang == self.lang:
            return self
        return Translator(lang, self.phrases, self.missed, self.known if lang == "vi" else {})

    def lines(self, value: object) -> list[str]:
        """``value`` (a message) as one line per language: Vietnamese then English for ``both``
        (one line where the two are the same)."""
        if self.lang != "both":
            return [self.message(value)]
        vi, en = self.in_lang("vi").message(value), self.in_lang("en").message(value)
        return [vi] if vi == en else [vi, en]

    def each(self, make: Callable[[Translator], str]) -> list[str]:
        """The line ``make`` writes with a translator, once per language of :attr:`langs`
        (``both``: the Vietnamese line, then the English one where it differs)."""
        if self.lang != "both":
            return [make(self)]
        vi, en = make(self.in_lang("vi")), make(self.in_lang("en"))
        return [vi] if vi == en else [vi, en]

    def arg(self, value: object) -> object:
        """A check's message or evidence as an argument of a catalogue phrase: said in the phrase's
        language (with ``both``, each half in its own)."""
        if isinstance(value, Message) and _catalogued(value):
            return value
        if self.lang == "both":
            return Text(self.in_lang("en").message(value), self.in_lang("vi").message(value))
        return self.message(value)

    def _both(self, say_in: Callable[[Translator], str]) -> str:
        vi, en = say_in(self.in_lang("vi")), say_in(self.in_lang("en"))
        return vi if vi == en else f"{vi} / {en}"

    def text(self, english: str) -> str:
        """A rule's own prose (remediation, clause, target): its ``vi`` text (or, for the gate's
        findings, which no rule file writes, the catalogue's), or as it is."""
        if self.lang == "both":
            return self._both(lambda t: t.text(english))
        if not self.vi:
            return english
        found = self.phrases.get(english.strip()) or _gate_prose(english)
        if found is None:
            self.missed.append(english)
            return english
        return found

    def name(self, english: str) -> str:
        """A document's name: its ``vi`` text where a rule gives one (``CV 1178/BTTTT-THH (framework
        1.0)``), else as it is (a number such as ``NĐ 61/2018/NĐ-CP`` is the same in both)."""
        if self.lang == "both":
            return self._both(lambda t: t.name(english))
        if not self.vi:
            return english
        bare = english.removesuffix(" [source unconfirmed]")
        unconfirmed = f" [{say(msg('word.unconfirmed'), 'vi')}]" if bare != english else ""
        for prefix, key in GATE_DOCUMENTS.items():
            if bare.startswith(prefix):
                return f"{say(msg(key), 'vi')} " + bare[len(prefix):] + unconfirmed
        return self.phrases.get(bare, bare) + unconfirmed

    def citation(self, c: Citation) -> str:
        """A finding's source in the report's language."""
        if self.lang == "both":
            return self._both(lambda t: t.citation(c))
        text = self.name(c.document) + (f", {self.text(c.clause)}" if c.clause else "")
        text += "; " + self.word("report.in-force-from", d=c.effective)
        if c.confidence is Confidence.UNCONFIRMED:
            text += f" ({self.word('word.unconfirmed')})"
        return text

    def message(self, english: object) -> str:
        """A check's message or evidence: said from the catalogue (a :class:`Message`), or, for a
        plain English sentence not yet converted, Vietnamese from the regular-expression templates."""
        if self.lang == "both":
            return self._both(lambda t: t.message(english))
        if isinstance(english, Message):
            if _catalogued(english):
                return say(english, self.lang)
            english = str(english)
        if english is None:
            return ""
        english = str(english)
        if not self.vi:
            return english
        out = self._message(english)
        if out is None:
            self.missed.append(english)
            return english
        return out

    def _message(self, english: str) -> str | None:
        try:
            return self.known[english]
        except KeyError:
            found = self.known[english] = self._translate(english)
            return found

    def _translate(self, english: str) -> str | None:
        if english in self.phrases:
            return self.phrases[english]
        for pattern, vi in _compiled():
            m = pattern.fullmatch(english)
            if m is None:
                continue
            values = {name: self._value(name, text) for name, text in m.groupdict().items()}
            if any(v is None for v in values.values()):
                continue  # a part did not translate: another template may read it differently
            return vi.format(**values)
        if english.startswith(_EXTENT_WORDS):
            return _figure(english)
        return (_figure(english) or english) if _SYMBOLS.fullmatch(english) else None

    def _value(self, name: str, text: str) -> str | None:
        kind = re.sub(r"\d+$", "", name)
        convert: Callable[[str], str | None] | None = _VALUES.get(kind)
        if convert is not None:
            return convert(text)
        if kind in ("m", "mwhere", "mfig"):
            return self._message(text)
        if kind in ("stated", "pairs", "reaches"):
            parts = [self._message(p) for p in re.split(r", |; ", text)]
            if any(p is None for p in parts):
                return None
            return ", ".join(p for p in parts if p is not None)
        return text


def _catalogued(m: object) -> bool:
    """Whether every part of ``m`` is the catalogue's (a plain ``text`` only around a two-language text)."""
    if isinstance(m, Message):
        if m.key == "text":
            return isinstance(m.arg("text"), Text)
        return all(_catalogued(v) for _, v in m.args)
    return True


# What needs no translation: numbers, figures, ids, model paths and option names (``18/20``,
# ``payment``, ``units.district: 12``, ``--as-of``), with "unknown" in a figure said in Vietnamese.
_SYMBOLS = re.compile(r"(?:--)?[a-z0-9][\w./%:=-]*(?:,? (?:[\w./%:=()-]*[\d./:=_-][\w./%:=()-]*|=|unknown))*")
_EXTENTS = ("none", "few", "some", "most", "all")
_EXTENT_WORDS = tuple(f"{w} " for w in _EXTENTS) + _EXTENTS


def _level(text: str) -> str | None:
    return _group("level").get(text)


def _status(text: str) -> str | None:
    return _group("status").get(text)


def _kinds(text: str) -> str | None:
    """Kinds, connection kinds or ids, one or ``a or b``: ids stay, "or" is said in Vietnamese."""
    return text.replace(" or ", " hoặc ") if _IDS.fullmatch(text) else None


def _label(text: str) -> str | None:
    """A component as messages name it: ``qlvb`` or ``qlvb (Quản lý văn bản và điều hành)``."""
    return text if _LABEL.fullmatch(text) else None


def _attribute(text: str) -> str | None:
    """An attribute path such as ``online_services.level4``."""
    return text if re.fullmatch(r"[\w.]+", text) else None


_IDS = re.compile(r"[\w.-]+(?:(?: or |, )[\w.-]+)*")
_LABEL = re.compile(r"[\w.-]+(?: \(.+\))?")


def _figure(text: str) -> str | None:
    """A coverage figure as the model gives it: ``90/147``, ``more than 30%``, ``some ("…")``."""
    text = text.replace("unknown", "chưa rõ")
    if text.startswith("more than "):
        return "hơn " + text[len("more than "):]
    word, _, rest = text.partition(" ")
    extents = _group("extent")
    if word in extents:
        return extents[word] + (f" {rest}" if rest else "")
    if text == "not stated":
        return "không nêu"
    return text if re.fullmatch(r"[\w./%]+", text.replace("chưa rõ", "x")) else None


_VALUES: Mapping[str, Callable[[str], str | None]] = {
    "lvl": _level, "st": _status, "k": _kinds, "t": _kinds, "h": _kinds, "ids": _kinds, "fig": _figure,
    "c": _label, "a": _attribute, "b": _attribute,
}


def translator(lang: str | None, phrases: Mapping[str, str] | None = None) -> Translator:
    """A translator for ``lang`` (None: the default, :data:`archcheck.report.options.DEFAULT_LANG`);
    ``phrases`` are the rules' Vietnamese texts by their English."""
    return Translator(lang or DEFAULT_LANG, phrases or {})


def rules_translator(rules: Iterable[_HasVi], lang: str | None,
                     findings: Iterable[Finding] = ()) -> Translator:
    """A translator for ``lang`` with the Vietnamese of every rule of ``rules`` (a run's), and of each
    finding of ``findings`` whose check wrote its message in both languages."""
    phrases: dict[str, str] = {}
    if lang in ("vi", "both"):
        for rule in rules:
            phrases.update(rule.phrases())  # (Rule.vi is by field; phrases() is the old table)
    return translator(lang, phrases)
