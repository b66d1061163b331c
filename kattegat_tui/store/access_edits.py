"""Edits to the plan's list of editors (who may change it); all audited."""

from __future__ import annotations

from ..domain import validation
from .errors import NotFound
from .plan_store import PlanStore


class AccessEdits(PlanStore):
    """Granting and revoking the right to edit; an empty list means an open plan."""

    def grant(self, login: str) -> list[str]:
        """Add an editor. Granting on an open plan also adds the granter, who keeps access."""
        name = validation.text(login, "login", limit=64, required=True)
        with self.transaction() as tx:
            editors = list(tx.meta.get("editors") or [])
            new = list(editors)
            if not new and name != tx.user:
                new.append(tx.user)
            if name not in new:
                new.append(name)
            if new != editors:
                tx.audit("access", "editors", "editors", editors, new)
                tx.update_meta({"editors": new})
            return new

    def revoke(self, login: str) -> list[str]:
        """Remove an editor; the last one cannot be removed (that would open the plan)."""
        name = validation.text(login, "login", limit=64, required=True)
        with self.transaction() as tx:
            editors = list(tx.meta.get("editors") or [])
            if name not in editors:
                raise NotFound("editor", name)
            new = [e for e in editors if e != name]
            if not new:
                # An empty list means an open plan: removing the last editor would let anyone edit.
                raise validation.ValidationError("err.last_editor", user=name)
            tx.audit("access", "editors", "editors", editors, new)
            tx.update_meta({"editors": new})
            return new
