"""The program's fixed words: roles, kinds, statuses, levels and built-in competencies.

Standard library only (no peewee, no Textual): the store, the exchange format,
the forms and the record-kind registry (`schema.py`) all read them from here.
"""

from __future__ import annotations

ROLES = ("mentee", "mentor", "lead")
PLAN_KINDS = ("onboarding", "skill", "leadership", "custom")
PLAN_STATUSES = ("active", "paused", "done", "archived")
GOAL_KINDS = ("skill", "project", "slo-ownership", "initiative", "mentoring", "other")
GOAL_STATUSES = ("todo", "doing", "blocked", "done")
SESSION_KINDS = ("incident-review", "platform-update", "tooling-deep-dive", "poc-outcome", "other")
INCIDENT_ROLES = ("shadow", "secondary", "primary", "incident-commander", "scribe", "comms")
SEVERITIES = ("SEV1", "SEV2", "SEV3", "SEV4")
OWNERSHIP_KINDS = ("service", "slo", "sli", "runbook", "initiative")
LEVELS = {
    0: "none",
    1: "aware",
    2: "learning",
    3: "practitioner",
    4: "proficient",
    5: "expert",
}
BUILTIN_COMPETENCIES = (
    ("kubernetes", "Kubernetes", "Running and debugging workloads on Kubernetes"),
    ("iac", "Infrastructure as code", "Terraform, modules, state and review of infra changes"),
    ("cicd", "CI/CD", "Build, test and deployment pipelines"),
    ("cloud", "Cloud", "Cloud accounts, networking, IAM and managed services"),
    ("observability", "Observability", "Metrics, logs, traces, SLOs and alerting"),
    ("security", "Security", "Secrets, least privilege, supply chain and hardening"),
    ("incident-response", "Incident response", "On-call, runbooks, incident command and reviews"),
    ("leadership", "Leadership", "Leading initiatives, mentoring others and owning outcomes"),
)
BUILTIN_KEYS = frozenset(key for key, _name, _description in BUILTIN_COMPETENCIES)
