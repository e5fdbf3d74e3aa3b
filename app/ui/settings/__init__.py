"""The tabs of the Settings page: district settings, users, own password, backup."""
