"""The action plan's domain: records, rules and budget math. Imports neither textual nor tinydb."""

from .budget import BudgetLine, BudgetSummary, Expense, LineStatus, StrategicPool, VisitBudget
from .enums import Assessment, MilestoneKind, MilestoneStatus, Precision, Side, Status
from .fuzzy_date import FuzzyDate
from .model import Activity, Change, Committee, Decision, FocusArea, Milestone, Note
from .plan import Plan, PlanInfo
from .validation import ValidationError

__all__ = [
    "Activity", "Assessment", "BudgetLine", "BudgetSummary", "Change", "Committee", "Decision",
    "Expense", "FocusArea", "FuzzyDate", "LineStatus", "Milestone", "MilestoneKind",
    "MilestoneStatus", "Note", "Plan", "PlanInfo", "Precision", "Side", "Status",
    "StrategicPool", "ValidationError", "VisitBudget",
]
