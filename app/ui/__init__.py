"""The PySide6 front end: windows, pages, forms and the background-operation helper.

Only this package imports Qt widgets; it calls into ``app.db``, ``app.domain`` and the other layers below.
"""
