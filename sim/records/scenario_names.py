"""How `report` and `progress` name a run's scenario, so a supervisor can tell two apart.

A title is what a trainer knows a scenario by, and titles repeat: a trainer's copy
of a scenario, edited under a new file name, keeps the original's title, and a
scenario edited between runs keeps its id and title while its content hash changes.
Named by title alone, a slip in the copy read as a slip in the original, and a run
of last week's version as one of today's (records44). One rule for the text of both
commands and for the CSV (the JSON gives `scenario_id` and `content_hash` beside
each title, which say the same): the title alone while it is the only scenario of
that title and version read; with its id when another scenario has the same title;
with its version (the start of its content hash, as long as it takes to tell that
id's versions apart) when runs of one id were played on more than one version.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SHORT_HASH = 8  # characters of a content hash that name a version, more when two share them


@dataclass
class ScenarioNames:
    titles: dict[str, str] = field(default_factory=dict)  # scenario id -> title, first seen
    versions: dict[str, list[str]] = field(default_factory=dict)  # id -> content hashes

    def add(self, scenario_id: str, title: str, digest: str = "") -> None:
        """A scenario as a run (or the library) names it; `digest`: the run's content hash."""
        self.titles.setdefault(scenario_id, title)
        if digest:
            kept = self.versions.setdefault(scenario_id, [])
            if digest not in kept:
                kept.append(digest)

    def version(self, scenario_id: str, digest: str) -> str:
        """'3f2a9c1b': the start of `digest`, long enough that no other version of the same
        scenario read starts the same; "" when only one version of it was read."""
        others = [d for d in self.versions.get(scenario_id, []) if d != digest]
        if not digest or not others:
            return ""
        n = SHORT_HASH
        while n < len(digest) and any(d[:n] == digest[:n] for d in others):
            n += 1
        return digest[:n]

    def label(self, scenario_id: str, title: str = "", digest: str = "") -> str:
        """'Crisis Moment', 'Crisis Moment (crisis-copy)', 'Crisis Moment (version 3f2a9c1b)'
        or 'Crisis Moment (crisis-copy, version 3f2a9c1b)'. `digest`: a run's content hash,
        for a run; without it, the scenario over all its versions (its endings, say)."""
        title = self.titles.get(scenario_id) or title or scenario_id
        twins = any(t == title and i != scenario_id for i, t in self.titles.items())
        parts = [scenario_id] if twins else []
        if version := self.version(scenario_id, digest):
            parts.append(f"version {version}")
        return f"{title} ({', '.join(parts)})" if parts else title
