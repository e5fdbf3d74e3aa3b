"""Rules with no Qt widgets: validation, permissions, risk rules, workflows, queries."""
