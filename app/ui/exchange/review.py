"""The review tabs of the Data exchange page (supervisors): conflicting edits to mark reviewed, and at the hub the
corrections field laptops proposed to households, to accept or reject. Each decision is saved in the background and
the lists reload."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.i18n import translate
from app.sync.merge.review import decide_proposal, mark_conflict_reviewed
from app.ui.changes import kinds_of_tables
from app.ui.exchange.common import Host, button, lay_out_tab, table_view
from app.ui.exchange.models import ConflictsModel, ProposalsModel
from app.ui.partials.table import selected_row


class ConflictsTab(QWidget):
    """Conflicts not yet reviewed, oldest first."""

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.model = ConflictsModel(self)
        self.view = table_view(self.model, "conflictsTable", {0: 90, 1: 90, 2: 150, 3: 100, 4: 120, 5: 120, 6: 230})
        self.review_button = button(translate("Exchange", "Mark conflict reviewed"), "markReviewed")
        self.review_button.clicked.connect(self.mark_reviewed)
        lay_out_tab(self, self.view, self.review_button, hint=translate(
            "Exchange", "The kept value is in the record already; the value that lost is only kept here. "
                        "Correct the record itself if the lost value was right."))

    def mark_reviewed(self) -> None:
        conflict = selected_row(self.view)
        if conflict is not None:
            store, conflict_id = self.host.store, conflict.id
            self.host.save_decision(lambda: mark_conflict_reviewed(store, conflict_id))

    def update_buttons(self, busy: bool) -> None:
        self.review_button.setEnabled(not busy and selected_row(self.view) is not None)


class ProposalsTab(QWidget):
    """At the hub: corrections proposed by field laptops, waiting for a decision."""

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.model = ProposalsModel(self)
        self.view = table_view(self.model, "proposalsTable", {0: 130, 1: 230, 2: 180})
        self.accept_button = button(translate("Exchange", "Accept"), "acceptProposal")
        self.accept_button.clicked.connect(lambda: self.decide(True))
        self.reject_button = button(translate("Exchange", "Reject"), "rejectProposal")
        self.reject_button.clicked.connect(lambda: self.decide(False))
        lay_out_tab(self, self.view, self.accept_button, self.reject_button, hint=translate(
            "Exchange", "Accepting writes the proposed values into the household; rejecting keeps the hub's. "
                        "Either way the laptop receives the decision with the next bundle."))

    def decide(self, accept: bool) -> None:
        proposal = selected_row(self.view)
        if proposal is not None:
            store, proposal_id = self.host.store, proposal.id
            self.host.save_decision(lambda: decide_proposal(store, proposal_id, accept),
                                    changes=kinds_of_tables({proposal.table}) if accept else ())

    def update_buttons(self, busy: bool) -> None:
        chosen = selected_row(self.view) is not None
        self.accept_button.setEnabled(not busy and chosen)
        self.reject_button.setEnabled(not busy and chosen)
