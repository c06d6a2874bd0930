"""Pure pgb knowledge layer: facts as validated YAML data plus rules over them.

Imports only the standard library and ``yaml``; never rasa, rasa_sdk, FastAPI, SQLAlchemy or
spaCy (enforced by ``tests/pgb/test_layering.py``).
"""

from __future__ import annotations

from bot.pgb.amounts import (
    Amount,
    amount_on,
    amounts_for,
    expired_amounts,
    format_eur,
    known_years,
    latest_known,
)
from bot.pgb.consequences import (
    Allowance,
    Benefit,
    BenefitProfile,
    Consequence,
    ContractType,
    Severity,
    benefit_consequences,
)
from bot.pgb.employer import SickPayRule, employer_fact, notice_period, sick_pay
from bot.pgb.errors import KnowledgeError, PgbError, UnknownRecordError
from bot.pgb.financing import (
    apply_steps,
    care_fits_law,
    financier_for,
    law_info,
    laws_for_care,
    which_financier,
)
from bot.pgb.knowledge import (
    Knowledge,
    answer_ids,
    change_note,
    contact_label,
    get_answer,
    get_fact,
    get_record,
    get_text,
    load_knowledge,
    parse_local_areas,
    referral_text,
    source_label,
    statement,
)
from bot.pgb.models import (
    CareFunction,
    Contact,
    Law,
    Record,
    Scope,
    Source,
    SourceRef,
    Status,
)
from bot.pgb.provenance import faq_text, provenance, source_line
from bot.pgb.spending import SpendingVerdict, Verdict, spending_verdict
from bot.pgb.suitability import (
    AdviceItem,
    CaregiverSource,
    DutiesBy,
    Fit,
    ReasonCode,
    SuitabilityAdvice,
    SuitabilityAnswers,
    assess_suitability,
)

__all__ = [
    "AdviceItem",
    "Allowance",
    "Amount",
    "Benefit",
    "BenefitProfile",
    "CareFunction",
    "CaregiverSource",
    "Consequence",
    "Contact",
    "ContractType",
    "DutiesBy",
    "Fit",
    "Knowledge",
    "KnowledgeError",
    "Law",
    "PgbError",
    "ReasonCode",
    "Record",
    "Scope",
    "Severity",
    "SickPayRule",
    "Source",
    "SourceRef",
    "SpendingVerdict",
    "Status",
    "SuitabilityAdvice",
    "SuitabilityAnswers",
    "UnknownRecordError",
    "Verdict",
    "amount_on",
    "amounts_for",
    "answer_ids",
    "apply_steps",
    "assess_suitability",
    "benefit_consequences",
    "care_fits_law",
    "change_note",
    "expired_amounts",
    "faq_text",
    "latest_known",
    "parse_local_areas",
    "provenance",
    "source_line",
    "contact_label",
    "employer_fact",
    "financier_for",
    "format_eur",
    "get_answer",
    "get_fact",
    "get_record",
    "get_text",
    "known_years",
    "law_info",
    "laws_for_care",
    "load_knowledge",
    "notice_period",
    "referral_text",
    "sick_pay",
    "source_label",
    "spending_verdict",
    "statement",
    "which_financier",
]
