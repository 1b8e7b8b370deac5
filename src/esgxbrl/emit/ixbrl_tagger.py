"""The Tagger, which turns facts into ix elements (each fact exactly once, footnotes kept), and the
XHTML helpers the page layout builds with.

Every fact the layout does not place is put into ix:hidden by the Tagger, so the document always
carries the whole fact set.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from lxml import etree

from esgxbrl.catalogue import Catalogue
from esgxbrl.emit.xbrl import XML_LANG, context_id, contexts_of, units_of, write_context, write_unit
from esgxbrl.model.facts import Fact, FactSet, Footnote
from esgxbrl.model.issuer_concepts import type_of_item_type
from esgxbrl.xbrl import namespaces as ns
from esgxbrl.xbrl.xmlwrite import q, xl

Element = etree._Element

_FORMAT_NUMBER = "ixt:num-dot-decimal"
#: transformations (TR4) that read a year-month or a date as Chinese prints it (2024年4月18日);
#: other pages show the ISO form, which needs none
_DATE_FORMATS = {"yearmonth": "ixt:date-year-month", "date": "ixt:date-year-month-day"}
_TEXT_BLOCK_TAGS = {q(ns.XHTML, tag) for tag in (
    "p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "u", "sub", "sup", "span", "div", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td", "h4", "h5", "h6")}
_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


# --- XHTML helpers -----------------------------------------------------------------------------

def html(parent: Element, tag: str, text: str | None = None, cls: str | None = None,
         attrs: Mapping[str, str] | None = None) -> Element:
    """A child element in the XHTML namespace."""
    element = etree.SubElement(parent, q(ns.XHTML, tag))
    if cls:
        element.set("class", cls)
    for key, value in (attrs or {}).items():
        element.set(key, value)
    if text is not None:
        element.text = text
    return element


def add_text(parent: Element, text: str) -> None:
    """Append text after the last child of `parent` (mixed content)."""
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def script_class(lang: str) -> str:
    """The CSS class choosing the font stack for a language tag."""
    lowered = lang.lower()
    if lowered.startswith(("zh-hans", "zh-cn", "zh-sg")):
        return "lang-hans"
    if lowered.startswith(("zh", "ja", "ko")):
        return "lang-hant"
    return "lang-latin"


def set_lang(element: Element, lang: str) -> None:
    element.set(XML_LANG, lang)


def xhtml_fragment(markup: str) -> Element | None:
    """Parse the XHTML of a text block into a holder element.

    None when it is not well-formed, or holds anything beyond plain structure (any attribute, any
    element outside _TEXT_BLOCK_TAGS): a page must not load or run anything a text block brings.
    """
    try:
        holder = etree.fromstring(f'<div xmlns="{ns.XHTML}">{markup}</div>'.encode(), _SAFE_PARSER)
    except etree.XMLSyntaxError:
        return None
    for element in holder.iterdescendants():
        if not isinstance(element.tag, str) or element.attrib or element.tag not in _TEXT_BLOCK_TAGS:
            return None
    return holder


def move_content(source: Element, target: Element) -> None:
    """Move the text and children of `source` into `target`, keeping the order."""
    target.text = source.text
    for child in list(source):
        target.append(child)


def lang_in_scope(element: Element) -> str | None:
    """The xml:lang that applies to `element` (its own or its nearest ancestor's)."""
    node: Element | None = element
    while node is not None:
        found = node.get(XML_LANG)
        if found is not None:
            return found
        node = node.getparent()
    return None


# --- figures -----------------------------------------------------------------------------------

def printed_figure(canonical: str, printed: str | None) -> tuple[str, int] | None:
    """The printed figure and the scale that turns it into the canonical value, when one does.

    A scale is a power of ten, so "33.69" % (0.3369) gets scale -2 and "8.00" 萬元 (80000) scale 4.
    Conversions that are not powers of ten (GJ to MWh) have none: the caller shows the canonical value.
    """
    if printed is None:
        return None
    shown = printed.strip().replace("，", ",").replace("．", ".").lstrip("+")
    try:
        shown_value = Decimal(shown.replace(",", ""))
        value = Decimal(canonical)
    except InvalidOperation:
        return None
    if shown_value == 0 or value == 0:
        return (shown, 0) if shown_value == value else None
    scale = value.adjusted() - shown_value.adjusted()
    return (shown, scale) if shown_value.scaleb(scale) == value else None


def grouped(value: str) -> str:
    """A canonical decimal with thousands separators, as num-dot-decimal reads it."""
    number = Decimal(value)
    return f"{number:,f}"


def date_text(value: str, kind: str) -> str:
    """A date ("2024-04-18") or year-month ("2024-04") as Chinese prints it."""
    parts = [int(p) for p in value.split("-")]
    return f"{parts[0]}年{parts[1]}月" if kind == "yearmonth" else f"{parts[0]}年{parts[1]}月{parts[2]}日"


# --- the tagger --------------------------------------------------------------------------------

class Tagger:
    """Turns facts into ix elements, each fact exactly once, and keeps the footnotes."""

    def __init__(self, facts: FactSet, catalogue: Catalogue, page_lang: str) -> None:
        self.facts = facts
        self.catalogue = catalogue
        self.page_lang = page_lang
        self._claimed: set[str] = set()
        self._hidden: list[Fact] = []
        self._footnotes = {f.id: f for f in facts.footnotes}
        self._groups: dict[str, list[Footnote]] = {}
        for footnote in facts.footnotes:
            self._groups.setdefault(_note_key(footnote), []).append(footnote)
        for key, members in self._groups.items():
            self._groups[key] = sorted(members, key=lambda f: (f.lang != page_lang, f.lang))
        self._numbers: dict[str, int] = {}
        self._shown_footnotes: set[str] = set()
        self._blocks = 0

    # --- what kind of fact ---
    def concept_type(self, fact: Fact) -> str:
        prefix, local = fact.concept.split(":", 1)
        extension = self.facts.extension
        issuer = extension.concept(fact.concept) if extension is not None else None
        if issuer is not None:
            return type_of_item_type(self.catalogue, issuer.item_type) or "string"
        if prefix != self.catalogue.regime.prefix or not self.catalogue.has_concept(local):
            return "string"
        return self.catalogue.concept(local).type

    def _claim(self, fact: Fact) -> None:
        if fact.id in self._claimed:
            raise ValueError(f"fact {fact.id} is placed twice on the page")  # a defect of the layout
        self._claimed.add(fact.id)

    def _element(self, parent: Element, local: str, fact: Fact) -> Element:
        """An ix element for `fact`; a fact with a language says it (facts without one take the
        document's language, set on ix:references and so on the root of the target instance)."""
        element = etree.SubElement(parent, q(ns.IX, local))
        element.set("name", fact.concept)
        element.set("contextRef", context_id(fact.period, fact.dimensions))
        element.set("id", fact.id)
        if fact.unit is None and fact.language is not None:
            element.set(XML_LANG, fact.language)
        return element

    # --- visible facts ---
    def number(self, parent: Element, fact: Fact, printed: str | None = None) -> Element:
        """A figure as printed (scaled to its canonical value), or the canonical value when it cannot be."""
        assert fact.unit is not None
        self._claim(fact)
        element = self._numeric(parent, fact)
        if fact.value is None:
            return element
        value = fact.value
        if value.startswith("-"):
            element.set("sign", "-")
            value = value[1:]
            printed = printed.strip().lstrip("-") if printed else None
        element.set("format", _FORMAT_NUMBER)
        figure = printed_figure(value, printed)
        if figure is None:
            element.text = grouped(value)
            measure = " ".join(m.split(":", 1)[1] for m in fact.unit.numerator)
            add_text(parent, f" {measure}")
            if printed:
                html(parent, "span", f"（{printed}）", cls="printed")
            return element
        shown, scale = figure
        if scale:
            element.set("scale", str(scale))
        element.text = shown
        return element

    def text(self, parent: Element, fact: Fact) -> Element:
        """A text fact: text blocks keep their XHTML (escape="true"), other strings their exact text;
        on a Chinese page dates are shown as printed (2024年4月) and read back by a transformation."""
        self._claim(fact)
        kind = self.concept_type(fact)
        if fact.value is not None and kind in _DATE_FORMATS and script_class(self.page_lang) != "lang-latin":
            element = self._element(parent, "nonNumeric", fact)
            element.set("format", _DATE_FORMATS[kind])
            element.text = date_text(fact.value, kind)
            return element
        return self._non_numeric(parent, fact)

    def _numeric(self, parent: Element, fact: Fact) -> Element:
        """ix:nonFraction with its unit and precision; its content is left to the caller unless nil."""
        assert fact.unit is not None
        element = self._element(parent, "nonFraction", fact)
        element.set("unitRef", fact.unit.id)
        if fact.value is None:
            element.set(q(ns.XSI, "nil"), "true")
            element.text = ""
        else:
            element.set("decimals", "INF" if fact.decimals is None else str(fact.decimals))
        return element

    def _non_numeric(self, parent: Element, fact: Fact) -> Element:
        element = self._element(parent, "nonNumeric", fact)
        if fact.value is None:
            element.set(q(ns.XSI, "nil"), "true")
            element.text = ""
            return element
        fragment = xhtml_fragment(fact.value) if self.concept_type(fact) == "text" else None
        if fragment is not None:
            element.set("escape", "true")
            move_content(fragment, element)
        else:
            # plain text, or markup that is not safe to show: its exact characters are still the value
            element.text = fact.value
        return element

    def hide(self, fact: Fact) -> str:
        """Put a fact into ix:hidden (enumerations, and facts with no place on the page)."""
        self._claim(fact)
        self._hidden.append(fact)
        return fact.id

    def shown_as(self, element: Element, fact: Fact) -> None:
        """Hide `fact` and mark `element` as its visible rendering (the -ix-hidden convention)."""
        self.hide(fact)
        element.set("style", f"-ix-hidden:{fact.id}")

    # --- footnotes ---
    def notes(self) -> NoteBlock:
        """A list of notes to render after a table or a section, for the markers placed in it."""
        self._blocks += 1
        return NoteBlock(self, self._blocks)

    def number_of(self, key: str) -> int:
        return self._numbers.setdefault(key, len(self._numbers) + 1)

    def note_keys(self, fact: Fact) -> list[str]:
        keys: list[str] = []
        for footnote_id in fact.footnotes:
            footnote = self._footnotes.get(footnote_id)
            if footnote is not None and _note_key(footnote) not in keys:
                keys.append(_note_key(footnote))
        return keys

    def footnote_text(self, parent: Element, footnote: Footnote) -> None:
        """The footnote's text: tagged as ix:footnote the first time it is shown, plain after that."""
        if footnote.id in self._shown_footnotes:
            html(parent, "span", footnote.text)
            return
        self._shown_footnotes.add(footnote.id)
        element = etree.SubElement(parent, q(ns.IX, "footnote"))
        element.set("id", footnote.id)
        element.set(XML_LANG, footnote.lang)
        element.text = footnote.text

    def group(self, key: str) -> list[Footnote]:
        return self._groups.get(key, [])

    def unshown_note_keys(self) -> list[str]:
        return [key for key, members in self._groups.items()
                if any(f.id not in self._shown_footnotes for f in members)]

    # --- the header ---
    def write_header(self, holder: Element) -> None:
        """ix:header: hidden facts (and every fact the page did not place), references, resources."""
        for fact in self.facts.facts:
            if fact.id not in self._claimed:
                self.hide(fact)
        header = etree.SubElement(holder, q(ns.IX, "header"))
        if self._hidden:
            hidden = etree.SubElement(header, q(ns.IX, "hidden"))
            for fact in self._hidden:
                self._hidden_fact(hidden, fact)
        references = etree.SubElement(header, q(ns.IX, "references"))
        # copied by Inline XBRL to the root of the target instance, as the XML instance has it
        references.set(XML_LANG, self.facts.document_language)
        schema_ref = etree.SubElement(references, q(ns.LINK, "schemaRef"))
        schema_ref.set(xl("type"), "simple")
        schema_ref.set(xl("href"), self.facts.schema_ref)
        resources = etree.SubElement(header, q(ns.IX, "resources"))
        for cid, (period, dimensions) in contexts_of(self.facts.facts).items():
            write_context(resources, self.facts, cid, period, dimensions)
        for unit in units_of(self.facts.facts).values():
            write_unit(resources, unit)
        for from_refs, to_refs in self._relationships():
            relationship = etree.SubElement(resources, q(ns.IX, "relationship"))
            relationship.set("fromRefs", " ".join(from_refs))
            relationship.set("toRefs", " ".join(to_refs))

    def _hidden_fact(self, parent: Element, fact: Fact) -> None:
        if fact.unit is None:
            self._non_numeric(parent, fact)
            return
        element = self._numeric(parent, fact)
        if fact.value is not None:
            element.text = fact.value   # the canonical lexical value needs no transformation

    def _relationships(self) -> list[tuple[list[str], tuple[str, ...]]]:
        """One ix:relationship per distinct set of footnotes, from every fact that carries that set."""
        grouped_facts: dict[tuple[str, ...], list[str]] = {}
        for fact in self.facts.facts:
            if fact.footnotes:
                grouped_facts.setdefault(fact.footnotes, []).append(fact.id)
        return [(ids, footnotes) for footnotes, ids in grouped_facts.items()]


class NoteBlock:
    """Note markers placed in one part of the page, and the list of those notes shown after it."""

    def __init__(self, tagger: Tagger, number: int) -> None:
        self._tagger = tagger
        self._number = number
        self._keys: list[str] = []

    def anchor(self, key: str) -> str:
        return f"note-{self._number}-{self._tagger.number_of(key)}"

    def marker(self, parent: Element, fact: Fact) -> None:
        keys = self._tagger.note_keys(fact)
        if not keys:
            return
        sup = html(parent, "sup", cls="note-ref")
        for index, key in enumerate(sorted(keys, key=self._tagger.number_of)):
            if index:
                add_text(sup, ",")
            html(sup, "a", str(self._tagger.number_of(key)), attrs={"href": f"#{self.anchor(key)}"})
            if key not in self._keys:
                self._keys.append(key)

    def add(self, keys: list[str]) -> None:
        for key in keys:
            self._tagger.number_of(key)
            if key not in self._keys:
                self._keys.append(key)

    def render(self, parent: Element, title: str) -> None:
        if not self._keys:
            return
        box = html(parent, "div", cls="notes")
        html(box, "div", title, cls="notes-title")
        items = html(box, "ul", cls="note-list")
        for key in sorted(self._keys, key=self._tagger.number_of):
            item = html(items, "li", attrs={"id": self.anchor(key)})
            html(item, "span", str(self._tagger.number_of(key)), cls="note-num")
            body = html(item, "div", cls="note-body")
            for index, footnote in enumerate(self._tagger.group(key)):
                cls = "note-text" if index == 0 else f"note-text alt {script_class(footnote.lang)}"
                line = html(body, "div", cls=cls)
                if lang_in_scope(line) != footnote.lang:
                    set_lang(line, footnote.lang)
                self._tagger.footnote_text(line, footnote)


def _note_key(footnote: Footnote) -> str:
    """Footnotes of one note in several languages share a key: the id without its language."""
    return footnote.id.removesuffix(f"-{footnote.lang}")
