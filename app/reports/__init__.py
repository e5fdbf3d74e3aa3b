"""Excel (openpyxl) and PDF in and out. No Qt widgets here: the GUI calls these with progress and cancel."""
