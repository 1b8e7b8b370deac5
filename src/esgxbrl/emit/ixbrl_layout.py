"""What goes where in the Inline XBRL report: the ESG report in the order of Appendix C2.

Cover and contents; the mandatory disclosures (with the material topics and the stakeholder
table); the environmental and social aspects, each with its general disclosure and then its KPIs
(narrative, then a table of the figures as printed, breakdowns grouped by axis, earlier years in
their own columns); the SDG table; and the comply-or-explain index of every provision with its
status, location and explanation. Facts are found by where they were written in the report file
and tagged through the Tagger, which sees that each is tagged once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources

import yaml

from esgxbrl.catalogue import Aspect, Provision
from esgxbrl.emit.ixbrl_tagger import (
    Element,
    NoteBlock,
    Tagger,
    add_text,
    html,
    lang_in_scope,
    move_content,
    printed_figure,
    script_class,
    set_lang,
    xhtml_fragment,
)
from esgxbrl.model.facts import Fact
from esgxbrl.model.loaded import EXTENSION_PREFIX, LoadedReport
from esgxbrl.model.report import FactEntry, ProvisionEntry
from esgxbrl.model.source import Path_

_SUFFIX = re.compile(r"\s*[\[［][^\]］]*[\]］]\s*$")


def _page_words() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """The page's own words, language names and identifier schemes, in each language (page-words.yaml)."""
    text = resources.files("esgxbrl.emit").joinpath("page-words.yaml").read_text(encoding="utf-8")
    words = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return words["words"], words["languages"], words["schemes"]


_UI, _LANGUAGE_NAMES, _SCHEMES = _page_words()

_TIERS = {"high": "HighMaterialityMember", "medium": "MediumMaterialityMember", "low": "LowMaterialityMember"}
_STATUS_MEMBERS = {"disclosed": "DisclosedMember", "not-applicable": "NotApplicableMember",
                   "not-disclosed": "NotDisclosedMember"}
#: the columns of the climate-related targets table: the concept naming each, and whether it holds figures
_TARGET_COLUMNS = (("ClimateRelatedTargetAxis", False), ("ClimateRelatedTargetMetric", False),
                   ("ClimateRelatedTargetType", False), ("ClimateRelatedTargetScopeCovered", False),
                   ("ClimateRelatedTargetBaseYear", True), ("ClimateRelatedTargetBaseYearGreenhouseGasEmissions", True),
                   ("ClimateRelatedTargetYear", True), ("ClimateRelatedTargetReductionFromBaseYear", True),
                   ("ClimateRelatedTargetProgressAgainstBaseYear", True))
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def render(body: Element, loaded: LoadedReport, tagger: Tagger, lang: str) -> str:
    """Lay the report out in `body`; return the document title."""
    page = _Page(loaded, tagger, lang)
    sheet = html(body, "div", cls="page")
    if lang != loaded.facts.document_language:
        set_lang(sheet, lang)
    page.cover(sheet)
    page.contents(sheet)
    page.mandatory(sheet)
    # Part C's subject areas A and B, then Part D where the rulebook has it
    for area in page.areas():
        page.area(sheet, area)
    page.sdgs(sheet)
    page.index(sheet)
    page.remaining_notes(sheet)
    page.colophon(sheet)
    return page.title()


@dataclass
class _Row:
    """One line of a KPI table: a concept, its breakdown and unit, with a figure per year."""

    concept: str
    dimensions: tuple[tuple[str, str], ...]
    cells: dict[dt.date, tuple[Fact, FactEntry]] = field(default_factory=dict)

    def entries(self) -> list[FactEntry]:
        return [entry for _, entry in self.cells.values()]


class _Page:
    def __init__(self, loaded: LoadedReport, tagger: Tagger, lang: str) -> None:
        self.report = loaded.report
        self.catalogue = loaded.catalogue
        self.tagger = tagger
        self.lang = lang
        by_id = {fact.id: fact for fact in loaded.facts.facts}
        self.at: dict[Path_, Fact] = {tuple(path): by_id[fid] for fid, path in loaded.origins.items()
                                      if fid in by_id}
        self.extension_labels: dict[str, dict[str, str]] = {}
        if loaded.facts.extension is not None:
            for member in loaded.facts.extension.members:
                self.extension_labels[f"{EXTENSION_PREFIX}:{member.name}"] = dict(member.labels)
            for axis in loaded.facts.extension.axes:
                self.extension_labels[f"{EXTENSION_PREFIX}:{axis.name}"] = dict(axis.labels)

    # --- words --------------------------------------------------------------------------------
    def ui(self, key: str, **values: object) -> str:
        return self.pick(_UI[key]).format(**values)

    def pick(self, texts: Mapping[str, str]) -> str:
        for lang in (self.lang, self.report.language, "en"):
            if texts.get(lang):
                return texts[lang]
        return texts[sorted(texts)[0]] if texts else ""

    def label(self, name: str) -> str:
        return _SUFFIX.sub("", self.catalogue.label(name, self.lang))

    def english(self, name: str) -> str:
        return _SUFFIX.sub("", self.catalogue.label(name, "en"))

    def member_label(self, qname: str) -> str:
        if qname in self.extension_labels:
            return self.pick(self.extension_labels[qname])
        return self.label(qname.split(":", 1)[1])

    def date(self, day: dt.date) -> str:
        if script_class(self.lang) == "lang-latin":
            return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
        return f"{day.year}年{day.month}月{day.day}日"

    def joined(self, texts: list[str]) -> str:
        return self.ui("list").join(texts)

    def subtitle(self, parent: Element, english: str) -> None:
        """The English name under a heading of a page in another language."""
        if script_class(self.lang) != "lang-latin":
            sub = html(parent, "span", english, cls="sub lang-latin")
            set_lang(sub, "en")

    def block(self, parent: Element, tag: str, lang: str | None, cls: str = "") -> Element:
        """An element for content in `lang`, marked with its language where that differs from the page."""
        element = html(parent, tag, cls=cls or None)
        if lang and lang_in_scope(parent) != lang:
            set_lang(element, lang)
            if script_class(lang) != script_class(self.lang):
                element.set("class", f"{cls} {script_class(lang)}".strip())
        return element

    # --- facts by where they were written -------------------------------------------------------
    def localized(self, *prefix: str | int) -> list[Fact]:
        """The facts of one localized text, the page's language first."""
        found = [fact for path, fact in self.at.items() if len(path) == len(prefix) + 1 and path[:-1] == prefix]
        return sorted(found, key=lambda f: (f.language != self.lang, f.language != self.report.language,
                                            f.language or ""))

    def title(self) -> str:
        name = self.pick(self.report.entity.name)
        return f"{name} · {self.pick(self.report.report.title)}"

    # --- cover and contents ---------------------------------------------------------------------
    def cover(self, parent: Element) -> None:
        cover = html(parent, "div", cls="cover", attrs={"id": "cover"})
        html(cover, "div", self.ui("kicker"), cls="kicker")
        self._localized_heading(cover, "h1", "entity-alt", ("entity", "name"), self.report.entity.name)
        self._localized_heading(cover, "div", "report-title-alt", ("report", "title"), self.report.report.title,
                                first_cls="report-title")
        html(cover, "div", cls="rule")
        rows = html(cover, "div", cls="cover-facts")
        period = self.report.period
        self._cover_fact(rows, self.ui("period")).text = self.ui(
            "range", start=self.date(period.start), end=self.date(period.end))
        for index, identifier in enumerate(self.report.entity.identifiers):
            shown = self._cover_fact(rows, self.pick(_SCHEMES[identifier.scheme]))
            fact = self.at.get(("entity", "identifiers", index))
            if fact is not None:
                self.tagger.text(shown, fact)
            else:
                shown.text = identifier.value
        approval = self.at.get(("report", "board_approval"))
        if approval is not None:
            self.tagger.text(self._cover_fact(rows, self.ui("approval")), approval)
        authoritative = self.at.get(("report", "authoritative_language"))
        if authoritative is not None and authoritative.value:
            value = self._cover_fact(rows, self.ui("authoritative"))
            name = self.pick(_LANGUAGE_NAMES.get(authoritative.value, {}))
            if name:
                html(value, "span", name)
                add_text(value, " ")
            self.tagger.text(html(value, "span", cls="code-tag"), authoritative)
        guide = self.at.get(("guide",))
        if guide is not None:
            self.tagger.text(self.block(self._cover_fact(rows, self.ui("guide")), "span", guide.language), guide)
        # where the issuer is listed, which sets the obligation of Part D of the Code
        for key in ("board", "largecap"):
            listing = self.at.get(("listing", key))
            if listing is not None:
                self._enumeration(self._cover_fact(rows, self.label(listing.concept.split(":", 1)[1])), listing)

    def _enumeration(self, parent: Element, fact: Fact) -> Element:
        """An enumeration shown by the labels of its members; the value itself is in ix:hidden."""
        members = [value.rsplit("#", 1)[1] for value in (fact.value or "").split()]
        shown = html(parent, "span", self.joined([self.label(member) for member in members]))
        self.tagger.shown_as(shown, fact)
        return shown

    def _localized_heading(self, parent: Element, tag: str, alt_cls: str, prefix: Path_,
                           texts: Mapping[str, str], first_cls: str | None = None) -> None:
        facts = self.localized(*prefix)
        first = html(parent, tag, cls=first_cls)
        if not facts:
            first.text = self.pick(texts)
            return
        self.tagger.text(first, facts[0])
        for fact in facts[1:]:
            self.tagger.text(self.block(parent, "div", fact.language, alt_cls), fact)

    def _cover_fact(self, rows: Element, key: str) -> Element:
        row = html(rows, "div", cls="cover-fact")
        html(row, "span", key, cls="k")
        return html(row, "span", cls="v")

    def contents(self, parent: Element) -> None:
        box = html(parent, "div", cls="contents", attrs={"id": "contents"})
        html(box, "h2", self.ui("contents"))
        toc = html(box, "ul", cls="toc")
        self._toc_entry(toc, "mandatory", self.label("MandatoryDisclosureRequirementsAbstract"))
        for area in self.areas():
            part = self._toc_entry(toc, f"area-{area}", self.pick(self.catalogue.areas.get(area, {})))
            aspects = html(part, "ul", cls="toc-items")
            for aspect in self._aspects(area):
                item = html(aspects, "li", cls="toc-item")
                link = html(item, "a", attrs={"href": f"#aspect-{aspect.id}"})
                html(link, "span", aspect.id, cls="toc-code")
                add_text(link, self.pick(aspect.label))
        if self.report.sdgs:
            self._toc_entry(toc, "sdgs", self.ui("sdg_title"))
        self._toc_entry(toc, "index", self.ui("index_title"))

    def _toc_entry(self, toc: Element, anchor: str, text: str) -> Element:
        item = html(toc, "li", cls="toc-part")
        html(item, "a", text, attrs={"href": f"#{anchor}"})
        return item

    def areas(self) -> list[str]:
        return list(dict.fromkeys(a.area for a in self.catalogue.aspects))

    def _aspects(self, area: str) -> list[Aspect]:
        return [a for a in self.catalogue.aspects if a.area == area]

    # --- parts ----------------------------------------------------------------------------------
    def _part_head(self, parent: Element, anchor: str, text: str, english: str) -> None:
        head = html(parent, "div", cls="part-head", attrs={"id": anchor})
        heading = html(head, "h2", text)
        self.subtitle(heading, english)

    def mandatory(self, parent: Element) -> None:
        self._part_head(parent, "mandatory", self.label("MandatoryDisclosureRequirementsAbstract"),
                        self.english("MandatoryDisclosureRequirementsAbstract"))
        part = html(parent, "div", cls="part")
        for provision in self.catalogue.provisions:
            if provision.kind != "mandatory":
                continue
            self.provision(part, provision)
            if provision.id == "MDR.principles":
                self.materiality(part)
                self.stakeholders(part)

    def area(self, parent: Element, area: str) -> None:
        names = self.catalogue.areas.get(area, {})
        self._part_head(parent, f"area-{area}", self.pick(names), names.get("en", area))
        for aspect in self._aspects(area):
            box = html(parent, "div", cls="aspect", attrs={"id": f"aspect-{aspect.id}"})
            head = html(box, "div", cls="aspect-head")
            heading = html(head, "h2")
            html(heading, "span", aspect.id, cls="code")
            add_text(heading, self.pick(aspect.label))
            self.subtitle(heading, aspect.label.get("en", aspect.name))
            provisions = [p for p in self.catalogue.provisions_of(aspect.id) if p.id in self.report.provisions]
            if not provisions:
                html(box, "p", self.ui("no_provisions"), cls="empty")
            for provision in provisions:
                self.provision(box, provision)

    # --- one provision --------------------------------------------------------------------------
    def provision(self, parent: Element, provision: Provision) -> None:
        entry = self.report.provisions.get(provision.id)
        if entry is None:
            return
        box = html(parent, "div", cls="provision", attrs={"id": f"provision-{provision.id}"})
        kind = ("mandatory_kind" if provision.kind == "mandatory"
                else "general_kind" if provision.is_general_disclosure else "kpi_kind")
        html(box, "span", self.ui(kind), cls="kind")
        heading = html(box, "h3")
        if provision.kind != "mandatory" and not provision.is_general_disclosure:
            html(heading, "span", provision.id, cls="pid")
        add_text(heading, self.pick(provision.title))
        self._where(box, entry)
        self._provision_sdgs(box, provision, entry)
        notes = self.tagger.notes()
        for key in ("reliefs", "consolidation_approach"):
            choice = self.at.get(("provisions", provision.id, key))
            if choice is not None:
                line = html(box, "div", cls="sdg-line")
                html(line, "span", f"{self.label(choice.concept.split(':', 1)[1])}{self.ui('colon')}", cls="k")
                self._enumeration(line, choice)
                notes.marker(line, choice)
        if entry.status != "disclosed":
            self._notice(box, provision, entry)
        shown = [(name, self.localized("provisions", provision.id, "narrative", name))
                 for name in provision.narrative]
        shown = [(name, facts) for name, facts in shown if facts]
        for name, facts in shown:
            if len(shown) > 1:
                html(box, "h4", self.label(name))
            for index, fact in enumerate(facts):
                # further languages of the same text follow the first, set off as a translation
                self.tagger.text(self.block(box, "div", fact.language, "narrative alt" if index else "narrative"),
                                 fact)
        self._kpi_table(box, provision, entry, notes)
        self._targets(box, provision, entry, notes)
        notes.render(box, self.ui("notes"))

    def _targets(self, parent: Element, provision: Provision, entry: ProvisionEntry, notes: NoteBlock) -> None:
        """The climate-related targets (D-MET-12): a row each, then the texts of those that have any."""
        if not entry.targets:
            return
        table = html(parent, "table", cls="data targets")
        head = html(html(table, "thead"), "tr")
        for name, numeric in _TARGET_COLUMNS:
            html(head, "th", self.label(name), cls="num" if numeric else None)
        body = html(table, "tbody")
        for index, target in enumerate(entry.targets):
            where = ("provisions", provision.id, "targets", index)
            line = html(body, "tr")
            label = html(line, "td", self.pick(target.label))
            own = [fact for path, fact in self.at.items() if path[:4] == where]
            if own:
                notes.marker(label, own[0])   # a target's notes hang on each of its facts
            for key in ("metric", "type", "scope", "base_year", "base_value", "target_year", "reduction",
                        "progress"):
                cell = html(line, "td", cls="num" if key not in ("metric", "type", "scope") else None)
                fact = self.at.get((*where, key))
                if key in ("metric", "scope"):
                    shown = self.localized(*where, key)
                    for text in shown:
                        self.tagger.text(self.block(cell, "div", text.language), text)
                    if not shown:
                        html(cell, "span", "—", cls="muted")
                elif fact is None:
                    html(cell, "span", "—", cls="muted")
                elif key == "type":
                    self._enumeration(cell, fact)
                elif key in ("base_year", "target_year"):
                    self.tagger.number(cell, fact, fact.value)
                else:
                    printed, unit = ((target.base_value.value, target.base_value.unit) if key == "base_value"
                                     and target.base_value is not None else (getattr(target, key), "%"))
                    self.tagger.number(cell, fact, printed)
                    if printed_figure(fact.value or "", printed) is not None:
                        add_text(cell, unit if unit == "%" else f" {unit}")
        for index, target in enumerate(entry.targets):
            where = ("provisions", provision.id, "targets", index)
            blocks = [self.localized(*where, key) for key in ("description", "milestones", "carbon_credits")]
            if not any(blocks):
                continue
            html(parent, "h4", self.pick(target.label))
            for facts in blocks:
                if not facts:
                    continue
                html(parent, "div", self.label(facts[0].concept.split(":", 1)[1]), cls="k")
                for position, fact in enumerate(facts):
                    self.tagger.text(self.block(parent, "div", fact.language,
                                                "narrative alt" if position else "narrative"), fact)

    def _where(self, parent: Element, entry: ProvisionEntry) -> None:
        sections = {s.id: s for s in self.report.report.sections}
        named = []
        for section_id in entry.sections:
            section = sections.get(section_id)
            if section is None:
                continue
            named.append(section.title if section.page is None
                         else f"{section.title}{self.ui('in_brackets', text=self.ui('page', n=section.page))}")
        if named:
            html(parent, "div", f"{self.ui('where')}{self.ui('colon')}{self.joined(named)}", cls="where")

    def _provision_sdgs(self, parent: Element, provision: Provision, entry: ProvisionEntry) -> None:
        advanced = self.at.get(("provisions", provision.id, "sdgs"))
        if advanced is None:
            return
        line = html(parent, "div", cls="sdg-line")
        html(line, "span", f"{self.ui('sdgs_short')}{self.ui('colon')}", cls="k")
        badges = html(line, "span")
        for goal in sorted(set(entry.sdgs)):
            html(badges, "span", str(goal), cls=f"sdg sdg-{goal}",
                 attrs={"title": self.pick(self.catalogue.sdgs[goal - 1].label)})
        self.tagger.shown_as(badges, advanced)

    def _notice(self, parent: Element, provision: Provision, entry: ProvisionEntry) -> None:
        box = html(parent, "div", cls="notice")
        html(box, "span", self.label(_STATUS_MEMBERS[entry.status]), cls=f"status status-{entry.status}")
        explanations = self.localized("provisions", provision.id, "explanation")
        if explanations and explanations[0].value:
            # a plain copy for the reader here; the tagged explanation is in the content index
            fragment = xhtml_fragment(explanations[0].value)
            holder = self.block(box, "div", explanations[0].language)
            if fragment is not None:
                move_content(fragment, holder)
            else:
                holder.text = explanations[0].value
        link = html(box, "p")
        html(link, "a", f"{self.ui('see_index')} →", attrs={"href": f"#index-{provision.id}"})

    def _kpi_table(self, parent: Element, provision: Provision, entry: ProvisionEntry, notes: NoteBlock) -> None:
        rows: dict[tuple[object, ...], _Row] = {}
        for index, item in enumerate(entry.facts):
            fact = self.at.get(("provisions", provision.id, "facts", index))
            if fact is None or fact.unit is None:
                continue  # a repeated entry: its fact is shown with the first one
            concept = fact.concept.split(":", 1)[1]
            row = rows.setdefault((concept, fact.dimensions, fact.unit.id), _Row(concept, fact.dimensions))
            row.cells.setdefault(fact.period.end, (fact, item))
        if not rows:
            return
        columns = sorted({end for row in rows.values() for end in row.cells}, reverse=True)
        table = html(parent, "table", cls="kpi")
        head = html(html(table, "thead"), "tr")
        html(head, "th", self.ui("indicator"), cls="label")
        html(head, "th", self.ui("unit"), cls="unit")
        for end in columns:
            html(head, "th", self._column_label(end), cls="num")
        body = html(table, "tbody")
        concepts = list(dict.fromkeys(row.concept for row in rows.values()))
        for concept in concepts:
            own = [row for row in rows.values() if row.concept == concept]
            totals = [row for row in own if not row.dimensions]
            if not totals:
                line = html(body, "tr", cls="concept")
                html(line, "td", self.label(concept), attrs={"colspan": str(2 + len(columns))})
            for row in totals:
                self._kpi_row(body, row, columns, notes, "total")
            groups: dict[tuple[str, ...], list[_Row]] = {}
            for row in own:
                if row.dimensions:
                    groups.setdefault(tuple(axis for axis, _ in row.dimensions), []).append(row)
            for axes, members in groups.items():
                line = html(body, "tr", cls="group")
                axis_names = [self._axis_name(axis) for axis in axes]
                html(line, "td", self.ui("by", axis=self.ui("and").join(axis_names)),
                     attrs={"colspan": str(2 + len(columns))})
                for row in members:
                    self._kpi_row(body, row, columns, notes, "member")

    def _axis_name(self, axis: str) -> str:
        name = self.member_label(axis)
        # "By gender", not "By Gender": in English the axis name runs on inside the phrase
        if script_class(self.lang) == "lang-latin" and name[1:2].islower():
            name = name[0].lower() + name[1:]
        return name

    def _kpi_row(self, body: Element, row: _Row, columns: list[dt.date], notes: NoteBlock, cls: str) -> None:
        line = html(body, "tr", cls=cls)
        standard = self.label(row.concept)
        if row.dimensions:
            standard += " – " + " · ".join(self.member_label(member) for _, member in row.dimensions)
        html(line, "td", self._row_label(row), cls="label", attrs={"title": standard})
        units = [entry.unit for entry in row.entries() if entry.unit]
        html(line, "td", units[0] if units else "", cls="unit")
        for end in columns:
            if end not in row.cells:
                html(line, "td", "—", cls="num missing")
                continue
            fact, entry = row.cells[end]
            cell = html(line, "td", cls="num")
            # a bound or an approximation shows its printed words (">", "約") beside the tagged figure
            qualifier, figure = self.catalogue.split_qualifier(entry.value)
            before, _, after = entry.value.strip().partition(figure) if qualifier else ("", "", "")
            add_text(cell, before)
            self.tagger.number(cell, fact, figure)
            add_text(cell, after)
            notes.marker(cell, fact)

    def _row_label(self, row: _Row) -> str:
        # the report's own words when every figure of the row was printed under the same label
        printed = {(entry.printed_label or {}).get(self.lang) for entry in row.entries()}
        if len(printed) == 1 and (label := printed.pop()):
            return label
        if row.dimensions:
            return " · ".join(self.member_label(member) for _, member in row.dimensions)
        return self.label(row.concept)

    def _column_label(self, end: dt.date) -> str:
        report_end = self.report.period.end
        if (end.month, end.day) == (report_end.month, report_end.day):
            return str(end.year)
        return self.date(end)

    # --- materiality and stakeholders -----------------------------------------------------------
    def materiality(self, parent: Element) -> None:
        materiality = self.report.materiality
        if materiality is None or not (materiality.method or materiality.topics):
            return
        box = html(parent, "div", cls="provision", attrs={"id": "materiality"})
        html(box, "h3", self.ui("materiality"))
        for fact in self.localized("materiality", "method"):
            self.tagger.text(self.block(box, "div", fact.language, "narrative"), fact)
        if not materiality.topics:
            return
        notes = self.tagger.notes()
        table = html(box, "table", cls="data")
        head = html(html(table, "thead"), "tr")
        for key in ("rank", "topic", "tier"):
            html(head, "th", self.ui(key), cls=f"col-{key}")
        body = html(table, "tbody")
        for index, topic in enumerate(materiality.topics):
            line = html(body, "tr")
            rank_cell = html(line, "td", cls="num")
            rank = self.at.get(("materiality", "topics", index, "rank"))
            if rank is not None:
                self.tagger.number(rank_cell, rank, str(topic.rank))
                notes.marker(rank_cell, rank)
            html(line, "td", self.pick(topic.label))
            tier_cell = html(line, "td")
            tier = self.at.get(("materiality", "topics", index, "tier"))
            if tier is not None and topic.tier:
                badge = html(tier_cell, "span", self.label(_TIERS[topic.tier]), cls=f"tier tier-{topic.tier}")
                self.tagger.shown_as(badge, tier)
                notes.marker(tier_cell, tier)
        notes.render(box, self.ui("notes"))

    def stakeholders(self, parent: Element) -> None:
        if not self.report.stakeholders:
            return
        box = html(parent, "div", cls="provision", attrs={"id": "stakeholders"})
        html(box, "h3", self.ui("stakeholders"))
        table = html(box, "table", cls="data")
        head = html(html(table, "thead"), "tr")
        for key in ("stakeholder", "concerns", "channels"):
            html(head, "th", self.ui(key), cls=f"col-{key}")
        body = html(table, "tbody")
        for index, stakeholder in enumerate(self.report.stakeholders):
            line = html(body, "tr")
            html(line, "td", self.pick(stakeholder.name), cls="code")
            for key in ("concerns", "channels"):
                cell = html(line, "td")
                for fact in self.localized("stakeholders", index, key):
                    self.tagger.text(self.block(cell, "div", fact.language, "list"), fact)

    # --- appendices -----------------------------------------------------------------------------
    def sdgs(self, parent: Element) -> None:
        if not self.report.sdgs:
            return
        box = html(parent, "div", cls="appendix", attrs={"id": "sdgs"})
        heading = html(box, "h2", self.ui("sdg_title"))
        self.subtitle(heading, _UI["sdg_title"]["en"])
        goals = sorted({link.goal for link in self.report.sdgs})
        addressed = self.at.get(("sdgs",))
        summary = html(box, "p", cls="lead")
        shown = html(summary, "span", self.ui("sdg_summary", n=len(goals), goals=self.joined([str(g) for g in goals])))
        if addressed is not None:
            self.tagger.shown_as(shown, addressed)
        notes = self.tagger.notes()
        table = html(box, "table", cls="data")
        head = html(html(table, "thead"), "tr")
        html(head, "th", self.ui("goal"))
        html(head, "th", self.ui("sections"))
        body = html(table, "tbody")
        for index, link in sorted(enumerate(self.report.sdgs), key=lambda pair: pair[1].goal):
            line = html(body, "tr")
            goal_cell = html(line, "td")
            html(goal_cell, "span", str(link.goal), cls=f"sdg sdg-{link.goal}")
            add_text(goal_cell, self.pick(self.catalogue.sdgs[link.goal - 1].label))
            if link.inferred:
                html(goal_cell, "span", " ＊", cls="inferred")
            sections_cell = html(line, "td")
            sections = self.at.get(("sdgs", index, "sections"))
            if sections is not None:
                self.tagger.text(self.block(sections_cell, "span", sections.language), sections)
                notes.marker(sections_cell, sections)
            else:
                html(sections_cell, "span", "—", cls="muted")
        if any(link.inferred for link in self.report.sdgs):
            html(box, "p", f"＊ {self.ui('inferred')}", cls="legend")
        notes.render(box, self.ui("notes"))

    def index(self, parent: Element) -> None:
        box = html(parent, "div", cls="appendix", attrs={"id": "index"})
        heading = html(box, "h2", self.ui("index_title"))
        self.subtitle(heading, self.english("ComplyOrExplainIndexAbstract"))
        notes = self.tagger.notes()
        table = html(box, "table", cls="data index")
        head = html(html(table, "thead"), "tr")
        for key in ("provision", "subject", "status", "location", "explanation"):
            html(head, "th", self.ui(key), cls=f"col-{key}")
        body = html(table, "tbody")
        group: str | None = None
        for provision in self.catalogue.provisions:
            current = provision.aspect or "MDR"
            if current != group:
                group = current
                line = html(body, "tr", cls="area")
                text = (self.label("MandatoryDisclosureRequirementsAbstract") if current == "MDR"
                        else f"{current} {self.pick(self.catalogue.aspect(current).label)}")
                html(line, "td", text, attrs={"colspan": "5"})
            self._index_row(body, provision, notes)
        notes.render(box, self.ui("notes"))

    def _index_row(self, body: Element, provision: Provision, notes: NoteBlock) -> None:
        entry = self.report.provisions.get(provision.id)
        line = html(body, "tr", attrs={"id": f"index-{provision.id}"})
        code = html(line, "td", cls="code")
        if entry is not None:
            html(code, "a", provision.id, attrs={"href": f"#provision-{provision.id}"})
        else:
            code.text = provision.id
        html(line, "td", self.pick(provision.title))
        status_cell = html(line, "td", cls="status-cell")
        status = self.at.get(("provisions", provision.id, "status"))
        if entry is None or status is None:
            html(status_cell, "span", self.ui("absent"), cls="status status-absent")
        else:
            badge = html(status_cell, "span", self.label(_STATUS_MEMBERS[entry.status]),
                         cls=f"status status-{entry.status}")
            self.tagger.shown_as(badge, status)
            notes.marker(status_cell, status)
        location_cell = html(line, "td")
        locations = self.localized("provisions", provision.id, "location")
        for fact in locations:
            self.tagger.text(self.block(location_cell, "div", fact.language), fact)
            notes.marker(location_cell, fact)
        if not locations:
            html(location_cell, "span", "—", cls="muted")
        explanation_cell = html(line, "td")
        for fact in self.localized("provisions", provision.id, "explanation"):
            self.tagger.text(self.block(explanation_cell, "div", fact.language, "narrative"), fact)
            notes.marker(explanation_cell, fact)

    def remaining_notes(self, parent: Element) -> None:
        """Notes not shown beside any fact so far (for example those of facts with no place on the page)."""
        keys = self.tagger.unshown_note_keys()
        if not keys:
            return
        box = html(parent, "div", cls="appendix", attrs={"id": "notes"})
        html(box, "h2", self.ui("more_notes"))
        notes = self.tagger.notes()
        notes.add(keys)
        notes.render(box, self.ui("notes"))

    def colophon(self, parent: Element) -> None:
        source = self.catalogue.regime.source
        guide = f"{source.get('name', '')} {source.get('number', '')}".strip()
        box = html(parent, "div", cls="colophon")
        html(box, "p", self.ui("colophon", guide=guide, version=self.catalogue.regime.version))
