"""Who a run belongs to, for exports and xAPI statements: the actor, worked out.

Kept apart from the store because it is a rule about identities, not about the
file: the same trainee must get the same anonymous id at every sync, a
different one in another store, and (with `identity --programme`) the same one
in every room of a programme, or a learning record store splits one person
into several accounts. The store only reads the meta rows it is worked from.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from pathlib import Path

from sim.records.names import programme_key
from sim.text import clean_line, name_key


def actor_of(
    meta: Iterable[tuple[object, object]], store_path: Path, trainee: str, spelling: str
) -> dict[str, str]:
    """The actor of `trainee`'s runs ('' the store owner) from the store's meta rows.

    The store owner is `peer-sim identity`'s name and email (else the anonymous
    id). A trainee of a shared store is their name (`spelling`, the store's first
    spelling of it), with an anonymous id made from the store's and the name, so
    it is the same at every sync and differs between trainees and between stores;
    or, when the store names a programme (`identity --programme`), from the
    programme's and the name, the same in every store that names it.
    """
    owner = {k: clean_line(v) for k, v in meta if isinstance(v, str)}  # stored text: untrusted
    if not owner.get("actor_id"):
        # a damaged id (not text, or empty): one made from the store's path, the
        # same at every export and sync, instead of a KeyError in every xAPI export
        owner["actor_id"] = str(uuid.uuid5(uuid.NAMESPACE_URL, f"peer-sim-store:{store_path}"))
    programme = owner.get("programme", "")
    if not trainee:
        return owner
    if programme:
        # every store of one programme (two rooms, two machines) gives a trainee the
        # same id, so a record store sees one account where it saw one per room
        base = uuid.uuid5(uuid.NAMESPACE_URL, "peer-sim-programme:" + programme_key(programme))
    elif is_uuid(owner["actor_id"]):
        base = uuid.UUID(owner["actor_id"])
    else:
        base = uuid.NAMESPACE_URL
    found = {"actor_id": str(uuid.uuid5(base, "trainee:" + name_key(trainee))), "name": spelling}
    if programme:
        found["programme"] = programme
    return found


def tidy_programme(name: str) -> str:
    """A programme's (or the store's own) name as kept: tidied as trainee names are."""
    from sim.records.classroom import tidy_name

    return tidy_name(name)


def is_uuid(text: str) -> bool:
    """Whether `text` is a UUID (a store's actor id, a run's registration)."""
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True
