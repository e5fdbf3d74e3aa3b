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
        return {"full": QT_TRANSLATE_NOOP("Enums", "Able to work"), "partial": QT_TRANSLATE_NOOP("Enums", "Partly able to work"),
                "none": QT_TRANSLATE_NOOP("Enums", "Unable to work")}


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
            "active": QT_TRANSLATE_NOOP("Enums", "Active"), "repaid": QT_TRANSLATE_NOOP("Enums", "Repaid"),
            "extended": QT_TRANSLATE_NOOP("Enums", "Extended"), "renewed": QT_TRANSLATE_NOOP("Enums", "Renewed"),
            "overdue": QT_TRANSLATE_NOOP("Enums", "Overdue"), "compensated": QT_TRANSLATE_NOOP("Enums", "Compensated"),
            "written_off": QT_TRANSLATE_NOOP("Enums", "Written off"),
        }


class RiskClass(Labelled):
    NORMAL = "normal"
    SPECIAL_MENTION = "special_mention"
    SUBSTANDARD = "substandard"
    DOUBTFUL = "doubtful"
    LOSS = "loss"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {"normal": QT_TRANSLATE_NOOP("Enums", "Normal"), "special_mention": QT_TRANSLATE_NOOP("Enums", "Special mention"),
                "substandard": QT_TRANSLATE_NOOP("Enums", "Substandard"), "doubtful": QT_TRANSLATE_NOOP("Enums", "Doubtful"),
                "loss": QT_TRANSLATE_NOOP("Enums", "Loss")}


class UseMode(Labelled):
    HOUSEHOLD = "household_use"
    ENTERPRISE = "enterprise_use"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {"household_use": QT_TRANSLATE_NOOP("Enums", "Household use"),
                "enterprise_use": QT_TRANSLATE_NOOP("Enums", "Enterprise use")}


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
            "planting": QT_TRANSLATE_NOOP("Enums", "Planting"), "livestock": QT_TRANSLATE_NOOP("Enums", "Livestock"),
            "aquaculture": QT_TRANSLATE_NOOP("Enums", "Aquaculture"), "processing": QT_TRANSLATE_NOOP("Enums", "Processing"),
            "commerce": QT_TRANSLATE_NOOP("Enums", "Commerce and trade"), "tourism": QT_TRANSLATE_NOOP("Enums", "Rural tourism"),
            "transport": QT_TRANSLATE_NOOP("Enums", "Transport"), "other_production": QT_TRANSLATE_NOOP("Enums", "Other production"),
        }


class CreditGrade(Labelled):
    AAA = "AAA"
    AA = "AA"
    A = "A"
    NONE = "none"

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {"AAA": "AAA", "AA": "AA", "A": "A", "none": QT_TRANSLATE_NOOP("Enums", "No credit line")}
