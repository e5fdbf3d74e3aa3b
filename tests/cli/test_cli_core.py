"""The headless CLI contract: init, user add, check, backup/restore, passwd, recover; clean failures."""

from __future__ import annotations

import re

from tests.cli.conftest import assert_clean_failure


def _init(cli, *extra):
    return cli("init", "--role", "field", "--name", "纺织城测试", "--street", "610111001", "--admin", "admin", *extra)


def test_help_lists_commands(cli):
    result = cli("--help")
    assert result.returncode == 0
    for command in ("init", "user", "demo", "check", "backup", "restore"):
        assert command in result.stdout


def test_init_check_and_recovery_code(cli):
    result = _init(cli)
    assert result.returncode == 0, result.stderr
    code = result.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"[0-9A-Z]{5}(-[0-9A-Z]{5}){4}", code)
    assert (cli.data_dir / "node.json").exists()
    assert cli("check").returncode == 0
    # init twice refuses and leaves the node as it was
    assert_clean_failure(_init(cli), "already holds a Fieldbook node")
    # recovery through the CLI
    result = cli("recover", "admin", env={"FIELDBOOK_RECOVERY_CODE": code, "FIELDBOOK_NEW_PASSWORD": "renewed pw 2"})
    assert result.returncode == 0, result.stderr
    assert cli("check", env={"FIELDBOOK_PASSWORD": "renewed pw 2"}).returncode == 0


def test_field_node_needs_a_street(cli):
    result = cli("init", "--role", "field", "--name", "x", "--admin", "admin")
    assert_clean_failure(result, "street")
    assert not (cli.data_dir / "node.json").exists()


def test_wrong_password_and_not_a_node(cli, tmp_path):
    assert_clean_failure(cli("check"), "is not a Fieldbook node")
    _init(cli)
    assert_clean_failure(cli("check", env={"FIELDBOOK_PASSWORD": "nope"}), "Wrong user name or password")


def test_missing_password_without_terminal(cli):
    _init(cli)
    result = cli("check", env={"FIELDBOOK_PASSWORD": ""})
    assert_clean_failure(result, "FIELDBOOK_PASSWORD")


def test_user_add_and_login_as_new_user(cli):
    _init(cli)
    result = cli("user", "add", "cadre1", "--role", "field", env={"FIELDBOOK_NEW_PASSWORD": "cadre pass 1"})
    assert result.returncode == 0, result.stderr
    assert cli("check", env={"FIELDBOOK_USER": "cadre1", "FIELDBOOK_PASSWORD": "cadre pass 1"}).returncode == 0
    denied = cli("user", "add", "x2", "--role", "field",
                 env={"FIELDBOOK_USER": "cadre1", "FIELDBOOK_PASSWORD": "cadre pass 1",
                      "FIELDBOOK_NEW_PASSWORD": "whatever 12"})
    assert_clean_failure(denied, "may not")


def test_backup_restore_via_cli(cli, tmp_path):
    _init(cli)
    result = cli("backup", "--out", str(tmp_path / "usb"))
    assert result.returncode == 0, result.stderr
    backup = next((tmp_path / "usb").glob("*.fbk"))
    result = cli("restore", str(backup))
    assert result.returncode == 0, result.stderr
    assert cli("check").returncode == 0
    (tmp_path / "bad.fbk").write_bytes(b"PK\x03\x04garbage")
    assert_clean_failure(cli("restore", str(tmp_path / "bad.fbk")), "damaged")


def test_passwd(cli):
    _init(cli)
    assert cli("passwd", env={"FIELDBOOK_NEW_PASSWORD": "second pass 2"}).returncode == 0
    assert cli("check", env={"FIELDBOOK_PASSWORD": "second pass 2"}).returncode == 0


def test_chinese_messages_by_default(cli):
    _init(cli)
    result = cli("check", env={"FIELDBOOK_PASSWORD": "nope", "FIELDBOOK_LANG": ""})
    assert result.returncode != 0
    assert "密码" in result.stderr, result.stderr


def test_unwritable_data_folder(cli, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = cli("--data-dir", str(blocker / "node"), "init", "--role", "hub", "--name", "x", "--admin", "admin")
    assert_clean_failure(result, "")
    assert "Traceback" not in result.stderr


def test_help_headings_are_chinese_in_a_chinese_interface():
    """argparse's own words went through no catalogue: "positional arguments" and "options" stayed English."""
    from app import i18n
    from app.cli import build_parser

    try:
        i18n.install("zh_CN")
        text = build_parser().format_help()
    finally:
        i18n.install("en")
    assert "options" not in text and "positional arguments" not in text and "usage:" not in text
    assert "选项" in text and "用法" in text
