"""Enumerations with stable string codes (the codes are stored and exchanged; labels are translated)."""

from __future__ import annotations

from enum import StrEnum

from app.i18n import QT_TRANSLATE_NOOP, translate


class Labelled(StrEnum):
    """A StrEnum whose members have translated labels in ``_labels``."""

    @classmethod
    def labels(cls) -> dict[str, str]:  # pragma: no cover - overridden
        return {}

    @property
    def label(self) -> str:
        return translate("Enums", type(self).labels().get(self.value, self.value))


class NodeRole(Labelled):
    FIELD = "field"
    HUB = "hub"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {"field": QT_TRANSLATE_NOOP("Enums", "Field node"), "hub": QT_TRANSLATE_NOOP("Enums", "Hub")}


class Role(StrEnum):
    """A user's role (DOMAIN.md); what each may do is :data:`app.models.permissions.ROLE_PERMISSIONS`, its label
    :func:`app.models.permissions.role_label`."""

    FIELD = "field"
    SUPERVISOR = "supervisor"
    BANK = "bank"
    DISTRICT = "district"
    ADMIN = "admin"


class PovertyStatus(Labelled):
    REGISTERED = "registered_household"
    EXITED = "exited_poverty"
    RETURNED = "returned_to_poverty"
    MONITORED = "monitored_household"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "registered_household": QT_TRANSLATE_NOOP("Enums", "Registered poor household"),
            "exited_poverty": QT_TRANSLATE_NOOP("Enums", "Exited poverty"),
            "returned_to_poverty": QT_TRANSLATE_NOOP("Enums", "Returned to poverty"),
            "monitored_household": QT_TRANSLATE_NOOP("Enums", "Monitored household"),
        }


class Sex(Labelled):
    MALE = "male"
    FEMALE = "female"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {"male": QT_TRANSLATE_NOOP("Enums", "Male"), "female": QT_TRANSLATE_NOOP("Enums", "Female")}


class LabourCapacity(Labelled):
    FULL = "full"
    PARTIAL = "partial"
    NONE = "none"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "full": QT_TRANSLATE_NOOP("Enums", "Able to work"),
            "partial": QT_TRANSLATE_NOOP("Enums", "Partly able to work"),
            "none": QT_TRANSLATE_NOOP("Enums", "Unable to work"),
        }


class LoanStatus(Labelled):
    ACTIVE = "active"
    REPAID = "repaid"
    EXTENDED = "extended"
    RENEWED = "renewed"
    OVERDUE = "overdue"
    COMPENSATED = "compensated"
    WRITTEN_OFF = "written_off"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "active": QT_TRANSLATE_NOOP("Enums", "Active"),
            "repaid": QT_TRANSLATE_NOOP("Enums", "Repaid"),
            "extended": QT_TRANSLATE_NOOP("Enums", "Extended"),
            "renewed": QT_TRANSLATE_NOOP("Enums", "Renewed"),
            "overdue": QT_TRANSLATE_NOOP("Enums", "Overdue"),
            "compensated": QT_TRANSLATE_NOOP("Enums", "Compensated"),
            "written_off": QT_TRANSLATE_NOOP("Enums", "Written off"),
        }


class LoanEventKind(Labelled):
    """What happened to a loan on a day (app/models/loans.py :class:`LoanEvent`); repayments are their own records."""

    STATED = "stated"
    OVERDUE = "overdue"
    EXTENDED = "extended"
    RESCHEDULED = "rescheduled"
    RENEWED = "renewed"
    TOPPED_UP = "topped_up"
    COMPENSATED = "compensated"
    WRITTEN_OFF = "written_off"
    SETTLED = "settled"
    ARREARS = "arrears"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "stated": QT_TRANSLATE_NOOP("Enums", "Stated by the bank"),
            "overdue": QT_TRANSLATE_NOOP("Enums", "Fell overdue"),
            "extended": QT_TRANSLATE_NOOP("Enums", "Extended"),
            "rescheduled": QT_TRANSLATE_NOOP("Enums", "Repayment plan adjusted"),
            "renewed": QT_TRANSLATE_NOOP("Enums", "Renewed without repaying principal"),
            "topped_up": QT_TRANSLATE_NOOP("Enums", "Topped up"),
            "compensated": QT_TRANSLATE_NOOP("Enums", "Compensated by the risk fund"),
            "written_off": QT_TRANSLATE_NOOP("Enums", "Written off"),
            "settled": QT_TRANSLATE_NOOP("Enums", "Settled"),
            "arrears": QT_TRANSLATE_NOOP("Enums", "Interest arrears stated"),
        }


class RiskClass(Labelled):
    NORMAL = "normal"
    SPECIAL_MENTION = "special_mention"
    SUBSTANDARD = "substandard"
    DOUBTFUL = "doubtful"
    LOSS = "loss"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "normal": QT_TRANSLATE_NOOP("Enums", "Normal"),
            "special_mention": QT_TRANSLATE_NOOP("Enums", "Special mention"),
            "substandard": QT_TRANSLATE_NOOP("Enums", "Substandard"),
            "doubtful": QT_TRANSLATE_NOOP("Enums", "Doubtful"),
            "loss": QT_TRANSLATE_NOOP("Enums", "Loss"),
        }


class UseMode(Labelled):
    HOUSEHOLD = "household_use"
    ENTERPRISE = "enterprise_use"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "household_use": QT_TRANSLATE_NOOP("Enums", "Household use"),
            "enterprise_use": QT_TRANSLATE_NOOP("Enums", "Enterprise use"),
        }


class PurposeCategory(Labelled):
    PLANTING = "planting"
    LIVESTOCK = "livestock"
    AQUACULTURE = "aquaculture"
    PROCESSING = "processing"
    COMMERCE = "commerce"
    TOURISM = "tourism"
    TRANSPORT = "transport"
    OTHER_PRODUCTION = "other_production"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "planting": QT_TRANSLATE_NOOP("Enums", "Planting"),
            "livestock": QT_TRANSLATE_NOOP("Enums", "Livestock"),
            "aquaculture": QT_TRANSLATE_NOOP("Enums", "Aquaculture"),
            "processing": QT_TRANSLATE_NOOP("Enums", "Processing"),
            "commerce": QT_TRANSLATE_NOOP("Enums", "Commerce and trade"),
            "tourism": QT_TRANSLATE_NOOP("Enums", "Rural tourism"),
            "transport": QT_TRANSLATE_NOOP("Enums", "Transport"),
            "other_production": QT_TRANSLATE_NOOP("Enums", "Other production"),
        }


class CreditGrade(Labelled):
    AAA = "AAA"
    AA = "AA"
    A = "A"
    NONE = "none"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {"AAA": "AAA", "AA": "AA", "A": "A", "none": QT_TRANSLATE_NOOP("Enums", "No credit line")}


# -- field records (app/models/records.py) ------------------------------------------------------------------
class RecordKind(Labelled):
    VISIT = "visit"
    USE_CHECK = "use_check"
    ANOMALY = "anomaly"
    PRELOAN_REVIEW = "preloan_review"
    MATURITY_ASSESSMENT = "maturity_assessment"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "visit": QT_TRANSLATE_NOOP("Enums", "Visit record"),
            "use_check": QT_TRANSLATE_NOOP("Enums", "Loan-use check"),
            "anomaly": QT_TRANSLATE_NOOP("Enums", "Anomaly report"),
            "preloan_review": QT_TRANSLATE_NOOP("Enums", "Pre-loan review"),
            "maturity_assessment": QT_TRANSLATE_NOOP("Enums", "Maturity assessment"),
        }


class VisitType(Labelled):
    ROUTINE = "routine"
    PRE_MATURITY = "pre_maturity"
    ANOMALY_FOLLOW_UP = "anomaly_follow_up"
    PRELOAN_VERIFICATION = "preloan_verification"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "routine": QT_TRANSLATE_NOOP("Enums", "Routine visit"),
            "pre_maturity": QT_TRANSLATE_NOOP("Enums", "Pre-maturity visit"),
            "anomaly_follow_up": QT_TRANSLATE_NOOP("Enums", "Anomaly follow-up"),
            "preloan_verification": QT_TRANSLATE_NOOP("Enums", "Pre-loan home verification"),
        }


class BusinessStatus(Labelled):
    NORMAL = "normal"
    DIFFICULT = "difficult"
    STOPPED = "stopped"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "normal": QT_TRANSLATE_NOOP("Enums", "Operating normally"),
            "difficult": QT_TRANSLATE_NOOP("Enums", "In difficulty"),
            "stopped": QT_TRANSLATE_NOOP("Enums", "Stopped"),
        }


class Willingness(Labelled):
    WILLING = "willing"
    HESITANT = "hesitant"
    UNWILLING = "unwilling"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "willing": QT_TRANSLATE_NOOP("Enums", "Willing to repay"),
            "hesitant": QT_TRANSLATE_NOOP("Enums", "Hesitant"),
            "unwilling": QT_TRANSLATE_NOOP("Enums", "Unwilling to repay"),
        }


class RepaymentAbility(Labelled):
    ABLE = "able"
    PARTLY = "partly"
    UNABLE = "unable"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "able": QT_TRANSLATE_NOOP("Enums", "Able to repay"),
            "partly": QT_TRANSLATE_NOOP("Enums", "Partly able to repay"),
            "unable": QT_TRANSLATE_NOOP("Enums", "Unable to repay"),
        }


class ProhibitedUse(Labelled):
    NONE = "none"
    HOUSING = "housing"
    WEALTH_MANAGEMENT = "wealth_management"
    CONSUMPTION = "consumption"
    LENT_ON = "lent_on"
    ENTERPRISE_AFTER_CUTOFF = "enterprise_after_cutoff"
    OTHER = "other"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "none": QT_TRANSLATE_NOOP("Enums", "None found"),
            "housing": QT_TRANSLATE_NOOP("Enums", "House building"),
            "wealth_management": QT_TRANSLATE_NOOP("Enums", "Wealth management"),
            "consumption": QT_TRANSLATE_NOOP("Enums", "Consumption"),
            "lent_on": QT_TRANSLATE_NOOP("Enums", "Lent on to others"),
            "enterprise_after_cutoff": QT_TRANSLATE_NOOP("Enums", "Used by an enterprise after the cutoff"),
            "other": QT_TRANSLATE_NOOP("Enums", "Other prohibited use"),
        }


class UseConclusion(Labelled):
    COMPLIANT = "compliant"
    PARTLY = "partly"
    MISUSED = "misused"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "compliant": QT_TRANSLATE_NOOP("Enums", "Used as declared"),
            "partly": QT_TRANSLATE_NOOP("Enums", "Partly misused"),
            "misused": QT_TRANSLATE_NOOP("Enums", "Misused"),
        }


class AnomalyKind(Labelled):
    BUSINESS_FAILURE = "business_failure"
    FAMILY_EVENT = "family_event"
    FRAUD = "fraud"
    CHANGED_USE = "changed_use"
    OVERDUE = "overdue"
    UNREACHABLE = "unreachable"
    OTHER = "other"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "business_failure": QT_TRANSLATE_NOOP("Enums", "Business failure"),
            "family_event": QT_TRANSLATE_NOOP("Enums", "Major family event"),
            "fraud": QT_TRANSLATE_NOOP("Enums", "Fraud or impersonation"),
            "changed_use": QT_TRANSLATE_NOOP("Enums", "Changed loan use"),
            "overdue": QT_TRANSLATE_NOOP("Enums", "Overdue"),
            "unreachable": QT_TRANSLATE_NOOP("Enums", "Borrower unreachable"),
            "other": QT_TRANSLATE_NOOP("Enums", "Other"),
        }


class Severity(Labelled):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "low": QT_TRANSLATE_NOOP("Enums", "Low"),
            "medium": QT_TRANSLATE_NOOP("Enums", "Medium"),
            "high": QT_TRANSLATE_NOOP("Enums", "High"),
        }


class AnomalyStatus(Labelled):
    REPORTED = "reported"
    ACKNOWLEDGED = "acknowledged"
    MEASURES_TAKEN = "measures_taken"
    RESOLVED = "resolved"
    CLOSED = "closed"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "reported": QT_TRANSLATE_NOOP("Enums", "Reported"),
            "acknowledged": QT_TRANSLATE_NOOP("Enums", "Acknowledged"),
            "measures_taken": QT_TRANSLATE_NOOP("Enums", "Measures taken"),
            "resolved": QT_TRANSLATE_NOOP("Enums", "Resolved"),
            "closed": QT_TRANSLATE_NOOP("Enums", "Closed"),
        }


class OverallAssessment(Labelled):
    EXCELLENT = "excellent"
    GOOD = "good"
    FAIR = "fair"
    POOR = "poor"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "excellent": QT_TRANSLATE_NOOP("Enums", "Excellent"),
            "good": QT_TRANSLATE_NOOP("Enums", "Good"),
            "fair": QT_TRANSLATE_NOOP("Enums", "Fair"),
            "poor": QT_TRANSLATE_NOOP("Enums", "Poor"),
        }


class Disposal(Labelled):
    REPAY = "repay"
    RESCHEDULE = "reschedule"
    RENEWAL_WITHOUT_PRINCIPAL = "renewal_without_principal"
    EXTENSION = "extension"
    TOP_UP = "top_up"
    COMPENSATION_CLAIM = "compensation_claim"
    LEGAL_ACTION = "legal_action"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "repay": QT_TRANSLATE_NOOP("Enums", "Repay at maturity"),
            "reschedule": QT_TRANSLATE_NOOP("Enums", "Adjust the repayment plan"),
            "renewal_without_principal": QT_TRANSLATE_NOOP("Enums", "Renewal without repaying principal"),
            "extension": QT_TRANSLATE_NOOP("Enums", "Extension"),
            "top_up": QT_TRANSLATE_NOOP("Enums", "Top-up loan"),
            "compensation_claim": QT_TRANSLATE_NOOP("Enums", "Risk fund compensation claim"),
            "legal_action": QT_TRANSLATE_NOOP("Enums", "Legal action"),
        }
