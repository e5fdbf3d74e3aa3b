"""The Data exchange feature: the page (``page``) and its sections (``stick_bar``, ``transfer``, ``review``,
``nodes``, ``enroll``), its table models (``models``), the removable drives (``drives``), and the pieces it puts
in the main window's status bar: the unsent count (``unsent_label``) and background sync with the hub over HTTP
(``background_sync``). What they show and do without widgets is app/sync (``status``, ``folder``, ``enroll``)."""
