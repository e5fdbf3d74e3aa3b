"""Enumerations with stable string codes (the codes are stored and exchanged; labels are translated)."""

from __future__ import annotations

from enum import StrEnum

from app.i18n import noop, translate


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
        return {"field": noop("Enums", "Field node"), "hub": noop("Enums", "Hub")}


class PovertyStatus(Labelled):
    REGISTERED = "registered_household"
    EXITED = "exited_poverty"
    RETURNED = "returned_to_poverty"
    MONITORED = "monitored_household"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {
            "registered_household": noop("Enums", "Registered poor household"),
            "exited_poverty": noop("Enums", "Exited poverty"),
            "returned_to_poverty": noop("Enums", "Returned to poverty"),
            "monitored_household": noop("Enums", "Monitored household"),
        }


class Sex(Labelled):
    MALE = "male"
    FEMALE = "female"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {"male": noop("Enums", "Male"), "female": noop("Enums", "Female")}


class LabourCapacity(Labelled):
    FULL = "full"
    PARTIAL = "partial"
    NONE = "none"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {"full": noop("Enums", "Able to work"), "partial": noop("Enums", "Partly able to work"),
                "none": noop("Enums", "Unable to work")}


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
            "active": noop("Enums", "Active"), "repaid": noop("Enums", "Repaid"),
            "extended": noop("Enums", "Extended"), "renewed": noop("Enums", "Renewed"),
            "overdue": noop("Enums", "Overdue"), "compensated": noop("Enums", "Compensated"),
            "written_off": noop("Enums", "Written off"),
        }


class RiskClass(Labelled):
    NORMAL = "normal"
    SPECIAL_MENTION = "special_mention"
    SUBSTANDARD = "substandard"
    DOUBTFUL = "doubtful"
    LOSS = "loss"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {"normal": noop("Enums", "Normal"), "special_mention": noop("Enums", "Special mention"),
                "substandard": noop("Enums", "Substandard"), "doubtful": noop("Enums", "Doubtful"),
                "loss": noop("Enums", "Loss")}


class UseMode(Labelled):
    HOUSEHOLD = "household_use"
    ENTERPRISE = "enterprise_use"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {"household_use": noop("Enums", "Household use"),
                "enterprise_use": noop("Enums", "Enterprise use")}


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
            "planting": noop("Enums", "Planting"), "livestock": noop("Enums", "Livestock"),
            "aquaculture": noop("Enums", "Aquaculture"), "processing": noop("Enums", "Processing"),
            "commerce": noop("Enums", "Commerce and trade"), "tourism": noop("Enums", "Rural tourism"),
            "transport": noop("Enums", "Transport"), "other_production": noop("Enums", "Other production"),
        }


class CreditGrade(Labelled):
    AAA = "AAA"
    AA = "AA"
    A = "A"
    NONE = "none"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {"AAA": "AAA", "AA": "AA", "A": "A", "none": noop("Enums", "No credit line")}
