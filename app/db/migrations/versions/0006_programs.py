"""programs: entrusted enterprises with observations and linked households, dividend schedules and payments,
interest-subsidy claims, the risk compensation fund (contributions, payouts and their items), outreach campaigns,
sessions and photos (app/models/programs.py). ``loans.enterprise_id`` stays a bare UUID column (see there).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27 07:58:06.549162
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "enterprises",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("credit_code", sa.String(length=18), nullable=False),
        sa.Column("credit_code_note", sa.String(length=300), nullable=False),
        sa.Column("contact", sa.String(length=50), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("industry", sa.String(length=100), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column(
            "benefit_link",
            sa.Enum(
                "dividend",
                "employment",
                "purchase",
                "land_lease",
                "other",
                name="benefitlink",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("origin_node", sa.String(length=36), nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enterprises")),
    )
    with op.batch_alter_table("enterprises", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_enterprises_credit_code"), ["credit_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_enterprises_name"), ["name"], unique=False)

    op.create_table(
        "fund_contributions",
        sa.Column("contributed_on", sa.Date(), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("origin_node", sa.String(length=36), nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fund_contributions")),
    )
    with op.batch_alter_table("fund_contributions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fund_contributions_contributed_on"), ["contributed_on"], unique=False)

    op.create_table(
        "fund_payouts",
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("origin_node", sa.String(length=36), nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fund_payouts")),
    )
    with op.batch_alter_table("fund_payouts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fund_payouts_paid_on"), ["paid_on"], unique=False)

    op.create_table(
        "outreach_campaigns",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("organiser", sa.String(length=100), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("origin_node", sa.String(length=36), nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outreach_campaigns")),
    )
    op.create_table(
        "enterprise_observations",
        sa.Column("enterprise_id", sa.Uuid(), nullable=False),
        sa.Column("observed_on", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("normal", "difficult", "stopped", name="businessstatus", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("observed_by", sa.String(length=64), nullable=False),
        sa.Column("visit_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("origin_node", sa.String(length=36), nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["enterprise_id"], ["enterprises.id"], name=op.f("fk_enterprise_observations_enterprise_id_enterprises")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enterprise_observations")),
    )
    with op.batch_alter_table("enterprise_observations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_enterprise_observations_enterprise_id"), ["enterprise_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_enterprise_observations_observed_on"), ["observed_on"], unique=False)

    op.create_table(
        "outreach_sessions",
        sa.Column("campaign_id", sa.Uuid(), nullable=True),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("street_code", sa.String(length=9), nullable=True),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("topic", sa.String(length=200), nullable=False),
        sa.Column("organiser", sa.String(length=100), nullable=False),
        sa.Column("people_reached", sa.Integer(), nullable=False),
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
            ["campaign_id"], ["outreach_campaigns.id"], name=op.f("fk_outreach_sessions_campaign_id_outreach_campaigns")
        ),
        sa.ForeignKeyConstraint(
            ["street_code"], ["streets.code"], name=op.f("fk_outreach_sessions_street_code_streets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outreach_sessions")),
    )
    with op.batch_alter_table("outreach_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outreach_sessions_campaign_id"), ["campaign_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_outreach_sessions_held_on"), ["held_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_outreach_sessions_street_code"), ["street_code"], unique=False)

    op.create_table(
        "outreach_photos",
        sa.Column("session_id", sa.Uuid(), nullable=False),
        sa.Column("street_code", sa.String(length=9), nullable=True),
        sa.Column("attachment_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("caption", sa.String(length=200), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("origin_node", sa.String(length=36), nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"], ["outreach_sessions.id"], name=op.f("fk_outreach_photos_session_id_outreach_sessions")
        ),
        sa.ForeignKeyConstraint(["street_code"], ["streets.code"], name=op.f("fk_outreach_photos_street_code_streets")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outreach_photos")),
    )
    with op.batch_alter_table("outreach_photos", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outreach_photos_attachment_id"), ["attachment_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_outreach_photos_session_id"), ["session_id"], unique=False)

    op.create_table(
        "dividend_schedules",
        sa.Column("enterprise_id", sa.Uuid(), nullable=False),
        sa.Column("household_id", sa.Uuid(), nullable=False),
        sa.Column("period", sa.String(length=20), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
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
            ["enterprise_id"], ["enterprises.id"], name=op.f("fk_dividend_schedules_enterprise_id_enterprises")
        ),
        sa.ForeignKeyConstraint(
            ["household_id"], ["households.id"], name=op.f("fk_dividend_schedules_household_id_households")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dividend_schedules")),
    )
    with op.batch_alter_table("dividend_schedules", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dividend_schedules_due_on"), ["due_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_dividend_schedules_enterprise_id"), ["enterprise_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_dividend_schedules_household_id"), ["household_id"], unique=False)

    op.create_table(
        "enterprise_households",
        sa.Column("enterprise_id", sa.Uuid(), nullable=False),
        sa.Column("household_id", sa.Uuid(), nullable=False),
        sa.Column(
            "benefit_link",
            sa.Enum(
                "dividend",
                "employment",
                "purchase",
                "land_lease",
                "other",
                name="benefitlink",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("linked_on", sa.Date(), nullable=True),
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
            ["enterprise_id"], ["enterprises.id"], name=op.f("fk_enterprise_households_enterprise_id_enterprises")
        ),
        sa.ForeignKeyConstraint(
            ["household_id"], ["households.id"], name=op.f("fk_enterprise_households_household_id_households")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enterprise_households")),
        sa.UniqueConstraint(
            "enterprise_id", "household_id", name=op.f("uq_enterprise_households_enterprise_id_household_id")
        ),
    )
    with op.batch_alter_table("enterprise_households", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_enterprise_households_enterprise_id"), ["enterprise_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_enterprise_households_household_id"), ["household_id"], unique=False)

    op.create_table(
        "dividend_payments",
        sa.Column("schedule_id", sa.Uuid(), nullable=False),
        sa.Column("household_id", sa.Uuid(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
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
            ["household_id"], ["households.id"], name=op.f("fk_dividend_payments_household_id_households")
        ),
        sa.ForeignKeyConstraint(
            ["schedule_id"], ["dividend_schedules.id"], name=op.f("fk_dividend_payments_schedule_id_dividend_schedules")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dividend_payments")),
    )
    with op.batch_alter_table("dividend_payments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dividend_payments_household_id"), ["household_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_dividend_payments_paid_on"), ["paid_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_dividend_payments_schedule_id"), ["schedule_id"], unique=False)

    op.create_table(
        "subsidy_claims",
        sa.Column("loan_id", sa.Uuid(), nullable=False),
        sa.Column("bank_id", sa.Uuid(), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("claimed_on", sa.Date(), nullable=False),
        sa.Column("claimed_by", sa.String(length=64), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("claimed", "approved", "refused", "paid", name="claimstatus", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("refused_by_rule", sa.Boolean(), nullable=False),
        sa.Column("approved_fen", sa.Integer(), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("decided_by", sa.String(length=64), nullable=False),
        sa.Column("decision_note", sa.Text(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.Column("paid_fen", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("origin_node", sa.String(length=36), nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["bank_id"], ["banks.id"], name=op.f("fk_subsidy_claims_bank_id_banks")),
        sa.ForeignKeyConstraint(["loan_id"], ["loans.id"], name=op.f("fk_subsidy_claims_loan_id_loans")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subsidy_claims")),
    )
    with op.batch_alter_table("subsidy_claims", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_subsidy_claims_bank_id"), ["bank_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_subsidy_claims_loan_id"), ["loan_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_subsidy_claims_period"), ["period"], unique=False)
        batch_op.create_index(batch_op.f("ix_subsidy_claims_status"), ["status"], unique=False)

    op.create_table(
        "fund_payout_items",
        sa.Column("payout_id", sa.Uuid(), nullable=False),
        sa.Column("loan_id", sa.Uuid(), nullable=False),
        sa.Column("disposal_id", sa.Uuid(), nullable=True),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("origin_node", sa.String(length=36), nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["disposal_id"], ["disposals.id"], name=op.f("fk_fund_payout_items_disposal_id_disposals")
        ),
        sa.ForeignKeyConstraint(["loan_id"], ["loans.id"], name=op.f("fk_fund_payout_items_loan_id_loans")),
        sa.ForeignKeyConstraint(
            ["payout_id"], ["fund_payouts.id"], name=op.f("fk_fund_payout_items_payout_id_fund_payouts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fund_payout_items")),
    )
    with op.batch_alter_table("fund_payout_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fund_payout_items_loan_id"), ["loan_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_fund_payout_items_payout_id"), ["payout_id"], unique=False)


def downgrade() -> None:
    raise RuntimeError("Fieldbook databases are never downgraded")
