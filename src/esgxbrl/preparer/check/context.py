"""What every check works from (the gathered report, its figures, its provisions' states) and adds to."""

from __future__ import annotations

from collections import defaultdict

from esgxbrl.errors import Finding
from esgxbrl.model.facts import Fact
from esgxbrl.model.source import Path_
from esgxbrl.preparer.check.gather import Gathered
from esgxbrl.preparer.check.states import provision_states
from esgxbrl.preparer.check.text import local_name


class CheckContext:
    def __init__(self, gathered: Gathered) -> None:
        self.g = gathered
        self.catalogue = gathered.catalogue
        self.findings: list[Finding] = list(gathered.findings)
        #: the numeric facts with a value, by concept name
        self.numeric: dict[str, list[Fact]] = defaultdict(list)
        for fact in gathered.facts.facts if gathered.facts else ():
            if fact.is_numeric and fact.value is not None:
                self.numeric[local_name(fact.concept)].append(fact)
        self.states = provision_states(gathered)
        #: provisions with an error from loading: later checks do not echo it
        self.error_provisions = {f.provision for f in self.findings if f.severity == "error" and f.provision}

    def add(self, path: Path_, message: str, fix: str | None, provision: str | None, severity: str,
            code: str) -> None:
        self.findings.append(self.g.finding(path, message, fix, provision, severity, code))

    def add_at_fact(self, fact: Fact, message: str, fix: str | None, provision: str | None, severity: str,
                    code: str) -> None:
        self.add(self.g.origins.get(fact.id, ()), message, fix, provision, severity, code)
