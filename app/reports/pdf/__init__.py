"""Printed documents (reportlab, A4): embedded fonts and Chinese line breaking (``fonts``), the shared page frame
(``document``), the visit and loan-use check records (``forms``), the follow-up list (``followup``) and the
verification codes printed on records (``verify``)."""
