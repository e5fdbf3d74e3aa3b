"""The hub's HTTP mailbox (docs/hub.md): request signatures (``auth``), the Starlette application
(``server``) and moving a hub's data into a server database (``database``)."""
