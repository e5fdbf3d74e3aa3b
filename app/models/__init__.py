"""SQLAlchemy 2 typed models, one module per aggregate. Importing this package registers them all."""

from app.models.audit import AuditEntry
from app.models.banks import Bank
from app.models.base import Base, Synced
from app.models.households import Household, Member, PovertyStatusChange
from app.models.loans import Loan, Repayment
from app.models.node import Meta, Node, SettingValue
from app.models.places import Street, Village
from app.models.users import User

__all__ = [
    "AuditEntry", "Bank", "Base", "Household", "Loan", "Member", "Meta", "Node", "PovertyStatusChange",
    "Repayment", "SettingValue", "Street", "Synced", "User", "Village",
]
