"""Hostile files: every one is refused with a ReadError that says what and why, never a traceback or a leak."""

from __future__ import annotations

import json
import re
import socket
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from esgxbrl.emit.oim import oim_json_bytes
from esgxbrl.emit.xbrl import extension_schema_bytes, instance_bytes
from esgxbrl.errors import ReadError
from esgxbrl.model.loaded import LoadedReport
from esgxbrl.preparer.load import load_report
from esgxbrl.read import Limits, read, read_bytes, read_oim, read_xml
from esgxbrl.read.safe import xml_parser
from esgxbrl.xbrl import namespaces as ns

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "data" / "minimal.yaml"
MESSAGE = re.compile(r"\A.+: .+ — .+\Z", re.DOTALL)
XBRL_OPEN = f'<xbrli:xbrl xmlns:xbrli="{ns.XBRLI}" xmlns:hkesg="https://example.com/hkesg">'


@pytest.fixture(scope="module")
def minimal() -> LoadedReport:
    return load_report(MINIMAL)


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Any attempt to open a connection from Python fails the test."""
    attempts: list[Any] = []

    def refuse(self: socket.socket, address: Any) -> None:
        attempts.append(address)
        raise AssertionError(f"a reader tried to connect to {address}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


def _refused(path_or_data: Path | bytes, match: str, name: str = "hostile.xbrl") -> str:
    with pytest.raises(ReadError, match=match) as caught:
        if isinstance(path_or_data, Path):
            read(path_or_data)
        else:
            read_bytes(path_or_data, name)
    message = str(caught.value)
    assert MESSAGE.match(message), message
    assert "Traceback" not in message
    return message


# --- DTDs and entities ---------------------------------------------------------------------------

XXE = f"""<?xml version="1.0"?>
<!DOCTYPE xbrli:xbrl [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
{XBRL_OPEN}<hkesg:EntityRegisteredName contextRef="c">&xxe;</hkesg:EntityRegisteredName></xbrli:xbrl>
"""

LAUGHS = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n" + "".join(
    f' <!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">\n' for n in range(1, 10)
) + f"]>\n{XBRL_OPEN}<hkesg:EntityRegisteredName contextRef=\"c\">&lol9;</hkesg:EntityRegisteredName></xbrli:xbrl>"

EXTERNAL_DTD = f"""<?xml version="1.0"?>
<!DOCTYPE xbrli:xbrl SYSTEM "http://127.0.0.1:9/evil.dtd">
{XBRL_OPEN}</xbrli:xbrl>
"""

PARAMETER_ENTITY = f"""<?xml version="1.0"?>
<!DOCTYPE xbrli:xbrl [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/x.dtd"> %remote;]>
{XBRL_OPEN}</xbrli:xbrl>
"""


def test_xxe_to_a_local_file_is_refused_and_leaks_nothing(tmp_path: Path) -> None:
    path = tmp_path / "xxe.xbrl"
    path.write_text(XXE)
    message = _refused(path, "DOCTYPE")
    assert "/etc/passwd" not in message and "root:" not in message


def test_the_parser_itself_never_expands_external_entities() -> None:
    # defence in depth: even past the DOCTYPE check, the parser leaves the entity unexpanded
    root = etree.fromstring(XXE.encode(), xml_parser())
    assert b"root:" not in etree.tostring(root)
    assert "root:" not in "".join(str(t) for t in root.itertext())


def test_billion_laughs_is_refused() -> None:
    _refused(LAUGHS.encode(), "DOCTYPE")


@pytest.mark.parametrize("document", [EXTERNAL_DTD, PARAMETER_ENTITY], ids=["system-dtd", "parameter-entity"])
def test_external_dtds_over_http_are_refused_without_connecting(document: str, no_network: list[Any]) -> None:
    _refused(document.encode(), "DOCTYPE")
    assert no_network == []


def test_doctype_in_utf16_and_in_inline_xbrl_is_refused() -> None:
    _refused(XXE.replace('<?xml version="1.0"?>', "").encode("utf-16"), "DOCTYPE")
    page = b'<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>'
    _refused(page, "DOCTYPE", "page.html")


def test_doctype_inside_a_json_footnote_is_refused(minimal: LoadedReport, tmp_path: Path) -> None:
    document = json.loads(oim_json_bytes(minimal.facts))
    note = next(k for k, v in document["facts"].items() if v["dimensions"]["concept"] == "xbrl:note")
    document["facts"][note]["value"] = '<!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]><p>&x;</p>'
    (tmp_path / minimal.facts.schema_ref).write_bytes(extension_schema_bytes(minimal.facts, minimal.catalogue))
    with pytest.raises(ReadError, match="DOCTYPE") as caught:
        read_oim(json.dumps(document).encode(), tmp_path, "report.json")
    assert "root:" not in str(caught.value)


# --- size and depth ------------------------------------------------------------------------------

def test_a_200_megabyte_file_is_refused_by_its_size_before_reading(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.xbrl"
    with path.open("wb") as stream:
        stream.truncate(200 * 1024 * 1024)   # sparse: no 200 MB is written
    opened: list[Path] = []
    real_open = Path.open

    def watch(self: Path, *args: Any, **kwargs: Any) -> Any:
        opened.append(self)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", watch)
    _refused(path, "200.0 MB, more than the limit of 50.0 MB")
    assert path not in opened, "the file was opened although its size alone rules it out"


def test_size_limits_are_configurable(minimal: LoadedReport, tmp_path: Path) -> None:
    data = instance_bytes(minimal.facts)
    with pytest.raises(ReadError, match="more than the limit"):
        read_xml(data, tmp_path, "small.xbrl", Limits(max_bytes=len(data) - 1))
    path = tmp_path / "small.xbrl"
    path.write_bytes(data)
    with pytest.raises(ReadError, match="more than the limit"):
        read(path, Limits(max_bytes=1000))


@pytest.mark.parametrize("depth", [100, 100_000])
def test_deeply_nested_xml_is_refused(depth: int) -> None:
    document = XBRL_OPEN + "<x>" * depth + "</x>" * depth + "</xbrli:xbrl>"
    _refused(document.encode(), "nested more than 64 deep|not well-formed")


def test_xml_depth_limit_is_configurable(minimal: LoadedReport) -> None:
    with pytest.raises(ReadError, match="nested more than 3 deep"):
        read_xml(instance_bytes(minimal.facts), None, "shallow.xbrl", Limits(max_xml_depth=3))


def test_json_nesting_bomb_is_refused() -> None:
    bomb = b'{"documentInfo": ' + b"[" * 200_000 + b"]" * 200_000 + b"}"
    _refused(bomb, "nested", "bomb.json")
    moderate = b'{"documentInfo": ' + b"[" * 40 + b"]" * 40 + b"}"
    _refused(moderate, "JSON nested more than 32 deep", "deep.json")


# --- wrong, truncated and invalid documents ------------------------------------------------------

@pytest.mark.parametrize(("document", "match"), [
    (b"<foo/>", "root element is foo"),
    (f'<xs:schema xmlns:xs="{ns.XS}"/>'.encode(), "root element is xs:schema"),
    (b'<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', "no ix:header"),
    (b"[1, 2, 3]", "not a JSON object"),
    (b'{"facts": {}}', "documentInfo is not a JSON object"),
    (b'{"documentInfo": {"documentType": "https://xbrl.org/2021/xbrl-csv"}}', "documentType"),
    (b"", "neither XML nor JSON"),
    (b"\x00\x01\x02binary", "neither XML nor JSON"),
], ids=["foo", "schema", "plain-xhtml", "json-array", "no-document-info", "csv-metadata", "empty", "binary"])
def test_wrong_root_or_kind_is_refused(document: bytes, match: str) -> None:
    _refused(document, match)


def test_truncated_files_are_refused(minimal: LoadedReport, tmp_path: Path) -> None:
    xml = instance_bytes(minimal.facts)
    xml_path = tmp_path / "cut.xbrl"
    xml_path.write_bytes(xml[: len(xml) // 2])
    _refused(xml_path, "not well-formed XML .*truncated")
    data = oim_json_bytes(minimal.facts)
    json_path = tmp_path / "cut.json"
    json_path.write_bytes(data[: len(data) // 2])
    _refused(json_path, "not valid JSON .*truncated")


@pytest.mark.parametrize(("document", "match"), [
    (b'{"documentInfo": {documentType: 1}}', "not valid JSON"),
    (b'{"documentInfo": {}, "documentInfo": {}}', "appears twice"),
    (b'{"documentInfo": {"x": NaN}}', "not valid JSON"),
    (b'{"documentInfo": "\xff\xfe"}', "not UTF-8"),
    (b'{"documentInfo": {"x": ' + b"9" * 5000 + b"}}", "not valid JSON"),
], ids=["unquoted-key", "duplicate-key", "nan", "not-utf8", "huge-integer"])
def test_invalid_json_is_refused(document: bytes, match: str) -> None:
    _refused(document, match, "bad.json")


def test_undeclared_encodings_are_refused() -> None:
    document = b'<?xml version="1.0" encoding="ISO-8859-1"?><xbrli:xbrl xmlns:xbrli="' + ns.XBRLI.encode() + b'"/>'
    _refused(document, "encoding ISO-8859-1")


# --- damaged files never escape as anything but ReadError ----------------------------------------

@pytest.fixture(scope="module")
def published(minimal: LoadedReport, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes, bytes]:
    folder = tmp_path_factory.mktemp("published")
    (folder / minimal.facts.schema_ref).write_bytes(extension_schema_bytes(minimal.facts, minimal.catalogue))
    return folder, instance_bytes(minimal.facts), oim_json_bytes(minimal.facts)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(syntax=st.sampled_from(["xml", "json"]), cut=st.integers(0, 10**6),
       splice=st.binary(max_size=12), position=st.floats(0, 1))
def test_damaged_documents_give_read_errors_only(published: tuple[Path, bytes, bytes], syntax: str, cut: int,
                                                 splice: bytes, position: float) -> None:
    folder, xml, json_data = published
    data = xml if syntax == "xml" else json_data
    at = int(position * len(data))
    damaged = data[:at] + splice + data[at + len(splice):]
    damaged = damaged[: len(damaged) - cut % max(len(damaged), 1)] if cut % 3 == 0 else damaged
    try:
        read_bytes(damaged, f"damaged.{syntax}", folder)
    except ReadError as error:
        assert MESSAGE.match(str(error)), str(error)
