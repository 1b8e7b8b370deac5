"""The facts table: one row per fact, the same facts Arelle finds, fixed columns, labels by language."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd  # type: ignore[import-untyped]
import pytest

from arelle_support import ArelleResult, run_arelle
from esgxbrl.analyst.table import axis_columns, facts_frame, facts_schema, facts_table
from esgxbrl.catalogue import load_catalogue
from esgxbrl.model.loaded import LoadedReport
from esgxbrl.preparer.load import load_report
from esgxbrl.read import read
from esgxbrl.xbrl import namespaces as ns

ROOT = Path(__file__).resolve().parents[1]
LUFAX = ROOT / "examples" / "lufax" / "2023.yaml"
MINIMAL = ROOT / "tests" / "data" / "minimal.yaml"
PACKAGE = ROOT / "taxonomy" / "hkex-esg-2020-07-01.zip"
CATALOGUE = load_catalogue()
PREFIXES = {"utr": ns.UTR, "iso4217": ns.ISO4217, "xbrli": ns.XBRLI,
            CATALOGUE.regime.prefix: CATALOGUE.regime.namespace}


@pytest.fixture(scope="module")
def lufax_xml(exported: Path) -> Path:
    return exported / "2023.xbrl"


@pytest.fixture(scope="module")
def frame(lufax_xml: Path) -> pd.DataFrame:
    return facts_frame([lufax_xml])


@pytest.fixture(scope="module")
def arelle(lufax_xml: Path) -> ArelleResult:
    return run_arelle(lufax_xml, [PACKAGE], collect_facts=True)


def _local(clark: str) -> str:
    return clark.rpartition("}")[2]


def _clark_unit(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    def measures(part: str) -> tuple[str, ...]:
        if not part:
            return ()
        return tuple(sorted(f"{{{PREFIXES[m.split(':')[0]]}}}{m.split(':')[1]}" for m in part.split("*")))

    numerator, _, denominator = text.partition("/")
    return measures(numerator), measures(denominator)


def _row_key(row: Any) -> tuple[object, ...]:
    numeric = row.unit is not None and not pd.isna(row.unit)
    if pd.isna(row.value_text):
        value: object = None
    else:
        value = Decimal(row.value_text) if numeric else row.value_text
    period = (("instant", row.period_end.isoformat()) if row.period_type == "instant"
              else ("duration", row.period_start.isoformat(), row.period_end.isoformat()))
    decimals = ("INF" if pd.isna(row.decimals) else str(row.decimals)) if numeric else None
    return (f"{{{row.concept_namespace}}}{row.concept}", value, _clark_unit(row.unit) if numeric else None,
            tuple(sorted(row.dimensions.items())), period, decimals)


def _arelle_key(fact: dict[str, Any]) -> tuple[object, ...]:
    numeric = fact["unit"] is not None
    dims = tuple(sorted((_local(axis), _local(member)) for axis, member in fact["dimensions"].items()))
    value = fact["value"]
    if value is not None and numeric:
        value = Decimal(value)
    return (fact["concept"], value, fact["unit"], dims, fact["period"], str(fact["decimals"]) if numeric else None)


def test_rows_are_the_facts_arelle_finds(frame: pd.DataFrame, arelle: ArelleResult) -> None:
    assert not arelle.errors, arelle.summary()
    ours = Counter(_row_key(row) for row in frame.itertuples())
    theirs = Counter(_arelle_key(fact) for fact in arelle.facts)
    assert len(frame) == len(arelle.facts)
    assert ours == theirs, (sorted(map(str, ours - theirs))[:3], sorted(map(str, theirs - ours))[:3])


def test_numbers_match_arelle_and_languages_agree(frame: pd.DataFrame, arelle: ArelleResult) -> None:
    by_key = {_arelle_key(f): f for f in arelle.facts}
    numeric = frame[frame.unit.notna()]
    assert len(numeric) > 50
    for row in numeric.itertuples():
        fact = by_key[_row_key(row)]
        assert row.value_number == pytest.approx(float(fact["value"]), rel=1e-12)
    for row in frame[frame.language.notna()].itertuples():
        assert by_key[_row_key(row)]["lang"] == row.language


def test_one_row_per_fact_in_the_fact_set_order(lufax: LoadedReport) -> None:
    frame = facts_frame(lufax.facts)
    assert list(frame.fact_id) == [f.id for f in lufax.facts.facts]
    assert list(frame.fact_index) == list(range(len(lufax.facts.facts)))
    assert frame.source_file.isna().all()
    assert set(frame.entity_id) == {"6623"}
    assert set(frame.entity_scheme) == {"https://www.hkex.com.hk/stock-code"}


def test_columns_and_types_are_fixed(lufax: LoadedReport) -> None:
    minimal = load_report(MINIMAL)
    tables = [facts_table(lufax.facts), facts_table(minimal.facts)]
    for table in tables:
        assert table.schema.equals(facts_schema(), check_metadata=True)
    columns = facts_schema().names
    assert columns[:3] == ["source_file", "fact_index", "entity_scheme"]
    assert {"dim_Gender", "dim_GeographicalRegion", "dim_Provision", "dim_FocusArea"} <= set(columns)
    assert [c for c in columns if c.startswith("dim_")] == [c for c, _, _ in axis_columns()]


def test_dimensions_as_map_and_as_flat_columns(frame: pd.DataFrame) -> None:
    gender = frame[frame.dim_Gender.notna()]
    assert set(gender.dim_Gender) == {"MaleMember", "FemaleMember"}
    for row in frame.itertuples():
        for column, _, axis in axis_columns():
            assert getattr(row, column) == row.dimensions.get(axis) or (
                pd.isna(getattr(row, column)) and axis not in row.dimensions)
    region = frame[(frame.concept == "NumberOfEmployees") & frame.dim_GeographicalRegion.notna()]
    assert "HongKongMacaoTaiwanAndOverseasMember" in set(region.dim_GeographicalRegion)  # an issuer member


def test_units_values_and_periods(frame: pd.DataFrame) -> None:
    ghg = frame[(frame.concept == "Scope1GreenhouseGasEmissions") & (frame.period_end.astype(str) == "2023-12-31")]
    assert len(ghg) == 1
    row = ghg.iloc[0]
    assert row.unit == "utr:tCO2e" and row.period_type == "duration" and str(row.period_start) == "2023-01-01"
    assert row.value_number == float(row.value_text) and row.decimals == 2 and row.provision == "A1.2"
    intensity = frame[frame.concept == "GreenhouseGasEmissionsIntensity"].iloc[0]
    assert intensity.unit == "utr:tCO2e/hkesg:Employee"
    text = frame[frame.concept == "GreenhouseGasEmissionsExplanatory"]
    assert text.unit.isna().all() and text.value_number.isna().all() and text.decimals.isna().all()
    assert set(text.language) <= {"zh-Hant", "zh-Hans", "en"}
    instants = frame[frame.period_type == "instant"]
    assert instants.period_start.isna().all()


def test_provision_comes_from_the_concept_or_the_provision_axis(frame: pd.DataFrame) -> None:
    status = frame[(frame.concept == "DisclosureStatus") & (frame.dim_Provision == "KpiA12ProvisionMember")]
    assert list(status.provision) == ["A1.2"]
    workforce = frame[frame.concept == "NumberOfEmployees"]
    assert set(workforce.provision) == {"B1.1"}


@pytest.mark.parametrize("lang", ["en", "zh-Hant", "zh-Hans"])
def test_labels_in_the_chosen_language(lufax: LoadedReport, lang: str) -> None:
    frame = facts_frame(lufax.facts, lang=lang)
    for row in frame.drop_duplicates("concept").itertuples():
        assert row.label == CATALOGUE.label(row.concept, lang)
    employees = frame[frame.concept == "NumberOfEmployees"].label.iloc[0]
    assert employees == CATALOGUE.labels["NumberOfEmployees"].get(lang, CATALOGUE.labels["NumberOfEmployees"]["en"])


def test_an_unknown_language_is_refused(lufax: LoadedReport) -> None:
    with pytest.raises(ValueError, match="zh-Hant"):
        facts_frame(lufax.facts, lang="fr")


def test_a_path_gives_the_same_rows_as_its_fact_set(lufax_xml: Path, frame: pd.DataFrame) -> None:
    from_facts = facts_frame(read(lufax_xml))
    assert set(frame.source_file) == {str(lufax_xml)}
    pd.testing.assert_frame_equal(frame.drop(columns="source_file"), from_facts.drop(columns="source_file"))


def test_fact_sets_without_facts_and_without_units_give_the_fixed_columns(lufax: LoadedReport) -> None:
    from dataclasses import replace

    empty = replace(lufax.facts, facts=())
    texts_only = replace(lufax.facts, facts=tuple(f for f in lufax.facts.facts if f.unit is None))
    assert facts_table(empty).num_rows == 0
    table = facts_table([empty, texts_only, empty])
    assert table.schema.equals(facts_schema(), check_metadata=True)
    assert table.num_rows == len(texts_only.facts)
    assert table.column("unit").null_count == table.num_rows
    assert table.column("value_number").null_count == table.num_rows


def test_every_row_names_the_rulebook_of_its_report(frame: pd.DataFrame) -> None:
    assert frame.columns.get_loc("rulebook") == frame.columns.get_loc("provision") + 1
    assert set(frame["rulebook"]) == {"hkex-c2-2020"}


def test_a_code_report_gives_its_rulebook_and_part_d_provisions() -> None:
    code = facts_frame([load_report(ROOT / "tests" / "data" / "code2025.yaml").facts])
    assert set(code["rulebook"]) == {"hkex-esg-code-2025"}
    scope1 = code[(code["concept"] == "Scope1GreenhouseGasEmissions")]
    assert list(scope1["provision"]) == ["D-MET-1"]
    assert "A1.2" not in set(code["provision"].dropna())
