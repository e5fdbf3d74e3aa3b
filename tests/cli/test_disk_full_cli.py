"""A ledger exported onto a full disk: one clear line on stderr, nothing left behind, no stray traceback."""

from __future__ import annotations


def test_cli_export_onto_a_full_disk_prints_one_line(cli, full_disk):
    """The real command in a child process, where a stray "Exception ignored … OSError" would reach stderr."""
    assert cli("init", "--role", "hub", "--name", "hub", "--admin", "admin").returncode == 0
    result = cli("export", "ledger", "visits", "--out", str(full_disk / "visits.xlsx"))
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert lines == ["Could not write visits.xlsx: the disk is full. Nothing was left behind; free some space or "
                     "choose another folder."], result.stderr
    assert sorted(p.name for p in full_disk.iterdir()) == ["filler"]
