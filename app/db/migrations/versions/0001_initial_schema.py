"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

STREETS = (
    ("610111001", "纺织城街道"),
    ("610111002", "十里铺街道"),
    ("610111003", "红旗街道"),
    ("610111004", "席王街道"),
    ("610111005", "洪庆街道"),
    ("610111006", "狄寨街道"),
    ("610111007", "灞桥街道"),
    ("610111008", "新筑街道"),
    ("610111009", "新合街道"),
)


revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("node_id", sa.String(length=36), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("table_name", sa.String(length=64), nullable=True),
        sa.Column("record_id", sa.String(length=64), nullable=True),
        sa.Column("origin_node", sa.String(length=36), nullable=True),
        sa.Column("origin_seq", sa.Integer(), nullable=True),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.Column("local", sa.Boolean(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_log")),
        sa.UniqueConstraint("origin_node", "origin_seq", name=op.f("uq_audit_log_origin_node_origin_seq")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index("ix_audit_log_record", ["table_name", "record_id"], unique=False)

    op.create_table(
        "banks",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("origin_node", sa.String(length=36), nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_banks")),
        sa.UniqueConstraint("code", name=op.f("uq_banks_code")),
        sa.UniqueConstraint("name", name=op.f("uq_banks_name")),
    )
    op.create_table(
        "meta",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_meta")),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    op.create_table(
        "streets",
        sa.Column("code", sa.String(length=9), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_streets")),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=100), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "field", "supervisor", "bank", "district", "admin", name="role", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("last_login_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    op.create_table(
        "nodes",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column(
            "role", sa.Enum("field", "hub", name="noderole", native_enum=False, length=32), nullable=False
        ),
        sa.Column("street_code", sa.String(length=9), nullable=True),
        sa.Column("is_self", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["street_code"], ["streets.code"], name=op.f("fk_nodes_street_code_streets")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_nodes")),
    )
    op.create_table(
        "villages",
        sa.Column("street_code", sa.String(length=9), nullable=False),
        sa.Column("code", sa.String(length=12), nullable=True),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("origin_node", sa.String(length=36), nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["street_code"], ["streets.code"], name=op.f("fk_villages_street_code_streets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_villages")),
        sa.UniqueConstraint("street_code", "name", name=op.f("uq_villages_street_code_name")),
    )
    with op.batch_alter_table("villages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_villages_street_code"), ["street_code"], unique=False)

    op.create_table(
        "households",
        sa.Column("street_code", sa.String(length=9), nullable=False),
        sa.Column("village_id", sa.Uuid(), nullable=True),
        sa.Column("group_name", sa.String(length=30), nullable=False),
        sa.Column("household_no", sa.String(length=40), nullable=False),
        sa.Column("head_name", sa.String(length=50), nullable=False),
        sa.Column("head_initials", sa.String(length=50), nullable=False),
        sa.Column("head_citizen_id", sa.String(length=18), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column(
            "poverty_status",
            sa.Enum(
                "registered_household",
                "exited_poverty",
                "returned_to_poverty",
                "monitored_household",
                name="povertystatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("poverty_status_since", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("origin_node", sa.String(length=36), nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["street_code"], ["streets.code"], name=op.f("fk_households_street_code_streets")
        ),
        sa.ForeignKeyConstraint(
            ["village_id"], ["villages.id"], name=op.f("fk_households_village_id_villages")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_households")),
        sa.UniqueConstraint("head_citizen_id", name=op.f("uq_households_head_citizen_id")),
    )
    with op.batch_alter_table("households", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_households_head_initials"), ["head_initials"], unique=False)
        batch_op.create_index(batch_op.f("ix_households_street_code"), ["street_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_households_village_id"), ["village_id"], unique=False)

    op.create_table(
        "members",
        sa.Column("household_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("relation", sa.String(length=20), nullable=False),
        sa.Column("citizen_id", sa.String(length=18), nullable=True),
        sa.Column("sex", sa.Enum("male", "female", name="sex", native_enum=False, length=32), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column(
            "labour_capacity",
            sa.Enum("full", "partial", "none", name="labourcapacity", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("is_head", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("origin_node", sa.String(length=36), nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"], ["households.id"], name=op.f("fk_members_household_id_households")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_members")),
    )
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_members_citizen_id"), ["citizen_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_members_household_id"), ["household_id"], unique=False)

    op.create_table(
        "poverty_status_changes",
        sa.Column("household_id", sa.Uuid(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "registered_household",
                "exited_poverty",
                "returned_to_poverty",
                "monitored_household",
                name="povertystatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("origin_node", sa.String(length=36), nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["households.id"],
            name=op.f("fk_poverty_status_changes_household_id_households"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_poverty_status_changes")),
    )
    with op.batch_alter_table("poverty_status_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_poverty_status_changes_household_id"), ["household_id"], unique=False
        )

    op.create_table(
        "loans",
        sa.Column("bank_id", sa.Uuid(), nullable=False),
        sa.Column("contract_no", sa.String(length=60), nullable=False),
        sa.Column("household_id", sa.Uuid(), nullable=False),
        sa.Column("borrower_id", sa.Uuid(), nullable=True),
        sa.Column("borrower_name", sa.String(length=50), nullable=False),
        sa.Column("borrower_citizen_id", sa.String(length=18), nullable=False),
        sa.Column("street_code", sa.String(length=9), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("disbursed_on", sa.Date(), nullable=False),
        sa.Column("term_months", sa.Integer(), nullable=False),
        sa.Column("matures_on", sa.Date(), nullable=False),
        sa.Column("rate_bp", sa.Integer(), nullable=False),
        sa.Column(
            "purpose_category",
            sa.Enum(
                "planting",
                "livestock",
                "aquaculture",
                "processing",
                "commerce",
                "tourism",
                "transport",
                "other_production",
                name="purposecategory",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("purpose_text", sa.String(length=200), nullable=False),
        sa.Column(
            "use_mode",
            sa.Enum("household_use", "enterprise_use", name="usemode", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("enterprise_id", sa.Uuid(), nullable=True),
        sa.Column(
            "credit_grade",
            sa.Enum("AAA", "AA", "A", "none", name="creditgrade", native_enum=False, length=32),
            nullable=True,
        ),
        sa.Column("credit_line_fen", sa.Integer(), nullable=True),
        sa.Column("balance_fen", sa.Integer(), nullable=False),
        sa.Column("overdue_fen", sa.Integer(), nullable=False),
        sa.Column("overdue_since", sa.Date(), nullable=True),
        sa.Column("interest_arrears_fen", sa.Integer(), nullable=False),
        sa.Column(
            "risk_class",
            sa.Enum(
                "normal",
                "special_mention",
                "substandard",
                "doubtful",
                "loss",
                name="riskclass",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("risk_class_on", sa.Date(), nullable=True),
        sa.Column("risk_class_reason", sa.String(length=200), nullable=False),
        sa.Column("subsidy_claimed_fen", sa.Integer(), nullable=False),
        sa.Column("subsidy_paid_fen", sa.Integer(), nullable=False),
        sa.Column("extended_months", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "active",
                "repaid",
                "extended",
                "renewed",
                "overdue",
                "compensated",
                "written_off",
                name="loanstatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("origin_node", sa.String(length=36), nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["bank_id"], ["banks.id"], name=op.f("fk_loans_bank_id_banks")),
        sa.ForeignKeyConstraint(["borrower_id"], ["members.id"], name=op.f("fk_loans_borrower_id_members")),
        sa.ForeignKeyConstraint(
            ["household_id"], ["households.id"], name=op.f("fk_loans_household_id_households")
        ),
        sa.ForeignKeyConstraint(["street_code"], ["streets.code"], name=op.f("fk_loans_street_code_streets")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_loans")),
        sa.UniqueConstraint("bank_id", "contract_no", name=op.f("uq_loans_bank_id_contract_no")),
    )
    with op.batch_alter_table("loans", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_loans_bank_id"), ["bank_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_loans_borrower_citizen_id"), ["borrower_citizen_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_loans_household_id"), ["household_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_loans_matures_on"), ["matures_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_loans_overdue_since"), ["overdue_since"], unique=False)
        batch_op.create_index(batch_op.f("ix_loans_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_loans_street_code"), ["street_code"], unique=False)

    op.create_table(
        "repayments",
        sa.Column("loan_id", sa.Uuid(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("principal_fen", sa.Integer(), nullable=False),
        sa.Column("interest_fen", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("origin_node", sa.String(length=36), nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["loan_id"], ["loans.id"], name=op.f("fk_repayments_loan_id_loans")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_repayments")),
    )
    with op.batch_alter_table("repayments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_repayments_loan_id"), ["loan_id"], unique=False)

    # The audit log is append-only inside the database too, whatever client holds the key.
    if op.get_bind().dialect.name == "postgresql":  # a hub on PostgreSQL (docs/hub.md)
        op.execute(
            "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'audit log is append-only'; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"
        )
        op.execute(
            "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()"
        )
    else:
        op.execute(
            "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"
        )
        op.execute(
            "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"
        )
    streets = sa.table("streets", sa.column("code", sa.String), sa.column("name", sa.String))
    op.bulk_insert(streets, [{"code": code, "name": name} for code, name in STREETS])


def downgrade() -> None:
    raise RuntimeError("Fieldbook databases are never downgraded")
