"""What the screens share (Vorta's ``views/partials``): import from here, never from another page.

- :mod:`~app.ui.partials.table` — :class:`RowsModel` (plain rows through named columns, ``ROW_ROLE``, optional
  batches), :func:`make_table`, :func:`selected_row`, and the small read-only ``QTableWidget`` helpers.
- :mod:`~app.ui.partials.dialogs` — :class:`WriteDialog` (OK runs ``save()``; a known error stays in the dialog).
- :mod:`~app.ui.partials.editors` — date and money editors and the ``QDate`` ↔ ``date`` conversions.
- :mod:`~app.ui.partials.controls` — page buttons disabled with their reason, button and filter rows, the street
  filter, the "Export ledger…" button.
- :mod:`~app.ui.partials.filtered_list` — :class:`FilteredListPage`, the skeleton of Households and Loans.
- :mod:`~app.ui.partials.progress` — :class:`ProgressPanel`, the inline progress bar with Cancel of the import
  and export dialogs.

Plain money and dates (no Qt) are :mod:`app.domain.money` and :mod:`app.domain.dates`.
"""
