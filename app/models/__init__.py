"""SQLAlchemy 2 typed models, one module per aggregate. Importing this package registers them all."""

from app.models.audit import AuditEntry
from app.models.banks import Bank
from app.models.base import Base, Synced
from app.models.households import Household, Member, PovertyStatusChange
from app.models.loans import Loan, LoanEvent, Repayment
from app.models.node import Meta, Node, SettingValue
from app.models.places import Street, Village
from app.models.programs import (
    DividendPayment,
    DividendSchedule,
    Enterprise,
    EnterpriseHousehold,
    EnterpriseObservation,
    FundContribution,
    FundPayout,
    FundPayoutItem,
    OutreachCampaign,
    OutreachPhoto,
    OutreachSession,
    OverdueReport,
    SubsidyClaim,
)
from app.models.records import (
    Anomaly,
    AnomalyStep,
    Attachment,
    Draft,
    DraftPhoto,
    MaturityAssessment,
    PreloanReview,
    RecordAttachment,
    UseCheck,
    Visit,
)
from app.models.risk import DisposalProposal, JointReview, JointReviewDecision
from app.models.sync import (
    Alias,
    Conflict,
    NodeKey,
    Peer,
    Proposal,
    QuarantinedChange,
    ReceivedBundle,
    RefusedBundle,
    VersionVector,
)
from app.models.users import User

__all__ = [
    "Alias",
    "Anomaly",
    "AnomalyStep",
    "Attachment",
    "AuditEntry",
    "Bank",
    "Base",
    "Conflict",
    "DisposalProposal",
    "DividendPayment",
    "DividendSchedule",
    "Draft",
    "DraftPhoto",
    "Enterprise",
    "EnterpriseHousehold",
    "EnterpriseObservation",
    "FundContribution",
    "FundPayout",
    "FundPayoutItem",
    "Household",
    "JointReview",
    "JointReviewDecision",
    "Loan",
    "LoanEvent",
    "MaturityAssessment",
    "Member",
    "Meta",
    "Node",
    "NodeKey",
    "OutreachCampaign",
    "OutreachPhoto",
    "OutreachSession",
    "OverdueReport",
    "Peer",
    "PovertyStatusChange",
    "PreloanReview",
    "Proposal",
    "QuarantinedChange",
    "ReceivedBundle",
    "RecordAttachment",
    "RefusedBundle",
    "Repayment",
    "SettingValue",
    "Street",
    "SubsidyClaim",
    "Synced",
    "UseCheck",
    "User",
    "VersionVector",
    "Village",
    "Visit",
]
