"""The pages of the main window's navigation, in order: one entry per page.

To add a page, write ``app/ui/pages/<name>.py`` (or a feature package such as ``app/ui/exchange/``) with a
``create(store) -> QWidget`` and add one ``PageSpec`` below.
Titles are marked with ``noop`` here and translated when shown, so the list can be built before a translator
is installed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from PySide6.QtWidgets import QWidget

from app.db.store import Store
from app.domain.permissions import Permission, has_permission
from app.i18n import noop, translate


@dataclass(frozen=True)
class PageSpec:
    key: str
    title_source: str  # English source text in the "Pages" context
    #: under app.ui.pages, or a dotted path under app.ui (a feature package); its ``create(store)`` builds the page
    module: str
    permission: Permission | None = None

    @property
    def title(self) -> str:
        return translate("Pages", self.title_source)

    @property
    def factory(self) -> Callable[[Store], QWidget]:
        package = __name__ if "." not in self.module else __name__.rsplit(".", 1)[0]
        create: Callable[[Store], QWidget] = import_module(f"{package}.{self.module}").create
        return create

    def allowed(self, store: Store) -> bool:
        return self.permission is None or has_permission(store.user.role, self.permission)


_ = noop
PAGES: tuple[PageSpec, ...] = (
    PageSpec("workbench", _("Pages", "Workbench"), "workbench"),
    PageSpec("households", _("Pages", "Households"), "households", Permission.VIEW_RECORDS),
    PageSpec("loans", _("Pages", "Loans"), "loans", Permission.VIEW_RECORDS),
    PageSpec("field_records", _("Pages", "Field records"), "records", Permission.VIEW_RECORDS),
    PageSpec("warnings", _("Pages", "Warnings"), "warnings", Permission.VIEW_RECORDS),
    PageSpec("enterprises", _("Pages", "Enterprises"), "enterprises", Permission.VIEW_RECORDS),
    PageSpec("fund", _("Pages", "Fund & subsidies"), "fund", Permission.VIEW_RECORDS),
    PageSpec("dashboards", _("Pages", "Dashboards"), "dashboards", Permission.EXPORT_LEDGERS),
    PageSpec("exchange", _("Pages", "Data exchange"), "exchange.page", Permission.EXCHANGE_DATA),
    PageSpec("reports", _("Pages", "Reports"), "reports", Permission.VIEW_RECORDS),
    PageSpec("settings", _("Pages", "Settings"), "settings"),
)


def pages_for(store: Store) -> list[PageSpec]:
    """The pages the logged-in user may open, in navigation order."""
    return [spec for spec in PAGES if spec.allowed(store)]
