"""The demo database: a believable small DevOps/SRE team, or a large synthetic one.

`generate(path)` fills an empty store with a hand-written team (a lead, two
mentors, four mentees; "me" is the mentor Jonas Becker with three mentees),
their plans, labs, check-ins with private notes, sessions, skills, incidents,
ownership, kudos and program feedback. Sizes above the small demo's add
synthetic records on top of it until each requested count is reached exactly,
so a large database still has the same "me".

Everything is derived from `seed` and `today`: dates are relative to `today`
and uuids come from a seeded `random.Random`, so two runs with the same seed
and day write identical files (snapshot tests render them).

Command line (the benchmarks' large database):

    python -m mentor_tui.demo --people 50 --plans 500 --goals 10000 \\
        --lab-items 50000 --checkins 20000 --sessions 2000 PATH
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sqlite3
import sys
import time
import uuid as uuid_module
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = ["SMALL", "DemoError", "ensure_demo", "generate", "main"]

TIMEZONE = "Europe/Berlin"
ME = "Jonas Becker"


class DemoError(ValueError):
    """A request the generator cannot fill (say, fewer people than the small demo has)."""


# --------------------------------------------------------------------------- the team

# name, role, email, is_me
PEOPLE: tuple[tuple[str, str, str, bool], ...] = (
    ("Priya Raman", "lead", "priya.raman@example.com", False),
    ("Jonas Becker", "mentor", "jonas.becker@example.com", True),
    ("Sofia Almeida", "mentor", "sofia.almeida@example.com", False),
    ("Amara Okafor", "mentee", "amara.okafor@example.com", False),
    ("Lucas Moreau", "mentee", "lucas.moreau@example.com", False),
    ("Mei Tanaka", "mentee", "mei.tanaka@example.com", False),
    ("Daniel Kowalski", "mentee", "daniel.kowalski@example.com", False),
)

# mentor, mentee, started (days from today), ended (or None), cadence days, focus
MENTORSHIPS: tuple[tuple[str, str, int, int | None, int, str], ...] = (
    ("Jonas Becker", "Amara Okafor", -75, None, 7,
     "First 90 days: environment, pipelines, runbooks; ready for secondary on-call by day 90"),
    ("Jonas Becker", "Lucas Moreau", -300, None, 14,
     "Kubernetes depth (workload debugging, Helm, upgrades), then Terraform module design"),
    ("Jonas Becker", "Mei Tanaka", -160, None, 14,
     "Owning the checkout SLOs and leading the SLO rollout across tier-1 services"),
    ("Sofia Almeida", "Mei Tanaka", -520, -160, 14,
     "Onboarding and observability basics (handed over to Jonas)"),
    ("Sofia Almeida", "Daniel Kowalski", -420, None, 14,
     "Cloud security: least-privilege IAM, secrets in Vault, supply-chain signing"),
    ("Priya Raman", "Sofia Almeida", -365, None, 30,
     "Growing as a mentor; leading the Vault migration as a first cross-team initiative"),
)


def _detail(why: str, done_when: Sequence[str], notes: str = "") -> str:
    text = f"**Why:** {why}\n\n**Done when:**\n" + "".join(f"- {item}\n" for item in done_when)
    if notes:
        text += f"\n{notes}\n"
    return text


# A lab: title, detail, link, [(item text, done, evidence)]
LabSpec = tuple[str, str, str | None, list[tuple[str, bool, str | None]]]
# A goal: phase, title, competency, kind, status, why, done-when, labs
GoalSpec = tuple[str, str, str | None, str, str, str, list[str], list[LabSpec]]

PLANS: tuple[dict[str, Any], ...] = (
    {
        "owner": "Amara Okafor", "mentor": "Jonas Becker",
        "title": "Onboarding — first 90 days", "kind": "onboarding", "template": "onboarding-90d",
        "start": -75, "length": 90, "status": "active",
        "goals": [
            ("day 30", "Set up laptop, VPN, SSO and cloud CLI access", "cloud", "other", "done",
             "Nothing else works until you can reach the clusters and the cloud accounts.",
             ["`aws sts get-caller-identity` works for staging and production (read-only)",
              "`kubectl get nodes` works against both clusters",
              "1Password and the on-call phone app are set up"], []),
            ("day 30", "Walk through the CI/CD pipeline from commit to production", "cicd", "skill", "done",
             "Every change you make goes through this pipeline; knowing its stages makes failures readable.",
             ["You can name each stage and what it gates",
              "You found where an image tag is promoted to production"],
             [("Trace one commit to production",
               "Pick your first merged PR and follow it through every stage.",
               "https://ci.example.internal/platform/pipelines",
               [("Find the pipeline run for your first merged commit", True,
                 "https://ci.example.internal/platform/pipelines/48211"),
                ("Write down what each stage gates (lint, test, build, scan, deploy)", True,
                 "Notes in the onboarding doc, section 3"),
                ("Find where the image tag is promoted to production", True,
                 "https://git.example.internal/platform/deploy/blob/main/envs/prod/values.yaml"),
                ("Re-run a flaky job and read its logs", True, None)])]),
            ("day 30", "Read the Terraform repo layout and run a plan against staging", "iac", "skill", "done",
             "Most platform changes are Terraform changes; the layout tells you where things live.",
             ["`terraform plan` runs cleanly for `envs/staging/network`",
              "You can explain modules vs. environments in our repo"], []),
            ("day 30", "Shadow one on-call shift", "incident-response", "skill", "done",
             "Seeing a real shift takes the fear out of the pager.",
             ["Shadowed a full business-day shift with Mei",
              "Read the paging policy and the escalation tree"], []),
            ("day 60", "Ship a small Terraform change through review", "iac", "project", "done",
             "Reviews are where the team's conventions are taught.",
             ["A merged PR that adds the `team` tag to the staging S3 buckets",
              "Plan output attached to the PR"], []),
            ("day 60", "Deploy a service change to staging with Argo CD", "kubernetes", "skill", "done",
             "GitOps is how every service reaches a cluster here.",
             ["Bumped the status-service replica count via a PR",
              "Watched the sync and rolled it back once on purpose"], []),
            ("day 60", "Complete runbook training in the game day", "incident-response", "skill", "doing",
             "Runbooks are only useful if people have followed them before the real page.",
             ["Followed three runbooks end to end in the game day",
              "Filed at least one fix for a runbook step that was wrong"],
             [("Game day: follow three runbooks",
               "Break things in the sandbox cluster and fix them only with the runbook.",
               "https://wiki.example.internal/sre/game-day",
               [("Disk full on a Postgres replica", True,
                 "https://wiki.example.internal/runbooks/postgres-disk-full"),
                ("Certificate about to expire on the ingress", True,
                 "Runbook step 4 was outdated: PR #311 fixes it"),
                ("Kafka consumer lag above threshold", False, None),
                ("Write a three-line summary of each for the next check-in", False, None)])]),
            ("day 60", "Add an error-rate panel for the payments API", "observability", "project", "blocked",
             "A dashboard change is a safe first step into observability.",
             ["The panel shows 5xx ratio per route for the last 24 hours",
              "It links to the payments runbook"],
             []),
            ("day 90", "Take a secondary on-call shift", "incident-response", "skill", "todo",
             "The end goal of onboarding: carry the pager with a safety net.",
             ["One week as secondary with Jonas as primary",
              "Handover notes written at the end of the week"], []),
            ("day 90", "Write or fix one runbook", "incident-response", "project", "todo",
             "Writing a runbook is the fastest way to learn a system.",
             ["A reviewed runbook merged into the wiki repo"], []),
            ("day 90", "Present a 10-minute tooling deep dive", None, "other", "todo",
             "Teaching something is the best test of knowing it.",
             ["A slot booked in the tooling deep dive series",
              "Slides or a demo script shared afterwards"], []),
        ],
    },
    {
        "owner": "Lucas Moreau", "mentor": "Jonas Becker",
        "title": "Kubernetes track", "kind": "skill", "template": "kubernetes",
        "start": -120, "length": 180, "status": "active",
        "goals": [
            ("day 30", "Debug a CrashLoopBackOff from events, logs and probes", "kubernetes", "skill", "done",
             "The most common page on the platform; it should become routine.",
             ["Fixed three broken deployments in the sandbox without help"],
             [("Break it and fix it: CrashLoopBackOff",
               "Deploy `sandbox/broken-*` manifests and get each one healthy.",
               "https://git.example.internal/platform/k8s-labs/tree/main/crashloop",
               [("`kubectl describe` the pod and read the events", True, None),
                ("Read the previous container's logs (`kubectl logs --previous`)", True, None),
                ("Fix the liveness probe that kills a slow-starting JVM", True,
                 "https://git.example.internal/platform/k8s-labs/pull/17"),
                ("Fix the missing ConfigMap key", True, None)])]),
            ("day 30", "Explain requests, limits and QoS classes", "kubernetes", "skill", "done",
             "Most noisy-neighbour incidents trace back to missing requests.",
             ["Explained Guaranteed vs. Burstable to Amara in a pairing session"], []),
            ("day 60", "Write a Helm chart for the internal status service", "kubernetes", "project", "doing",
             "Owning a chart end to end teaches templating, values and release history.",
             ["The chart passes `helm lint` and `kubeconform`",
              "Argo CD deploys it to staging from the chart repo"],
             [("Helm chart for status-service",
               "Start from `helm create`, delete what you do not need.",
               "https://git.example.internal/platform/charts/tree/main/status-service",
               [("Scaffold the chart and remove unused templates", True,
                 "https://git.example.internal/platform/charts/pull/88"),
                ("Add values for replicas, resources and ingress host", True, None),
                ("Add a PodDisruptionBudget and a readiness probe", False, None),
                ("Deploy to staging through Argo CD", False, None)])]),
            ("day 60", "PodDisruptionBudgets and topology spread for checkout", "kubernetes", "project", "todo",
             "Node drains during upgrades must never take checkout down.",
             ["Checkout survives a drain of any single node in staging"], []),
            ("day 60", "Default-deny NetworkPolicy in the sandbox namespace", "security", "skill", "blocked",
             "Flat pod networks make every compromise a cluster-wide one.",
             ["Only the declared flows work; everything else is dropped and logged"],
             [("NetworkPolicy: default deny",
               "Needs Cilium policy audit mode enabled in the sandbox cluster.",
               None,
               [("Write the default-deny policy", True, None),
                ("Allow DNS and the ingress controller", False, None),
                ("Verify with `cilium monitor` that other traffic is dropped", False, None)])]),
            ("day 90", "Run a cluster upgrade rehearsal on staging", "kubernetes", "project", "todo",
             "Upgrades happen three times a year; the rehearsal is where surprises belong.",
             ["Staging upgraded one minor version with the runbook",
              "Deprecated APIs found and listed before the upgrade"], []),
            ("day 90", "Present the node pool autoscaling incident review", "incident-response", "other", "todo",
             "Presenting an incident spreads its lessons beyond the people who were paged.",
             ["A slot in the incident review series", "Timeline and two follow-up actions"], []),
        ],
    },
    {
        "owner": "Lucas Moreau", "mentor": "Jonas Becker",
        "title": "Infrastructure as code track", "kind": "skill", "template": "iac",
        "start": -280, "length": 180, "status": "paused",
        "goals": [
            ("day 30", "Refactor the VPC module with input validation", "iac", "project", "done",
             "Validation turns a confusing plan failure into a clear message.",
             ["Variables have `validation` blocks with helpful messages", "Module README regenerated"], []),
            ("day 60", "Import hand-made DNS records into Terraform state", "iac", "project", "doing",
             "Click-ops records drift and nobody knows who owns them.",
             ["All `example.internal` records are in state", "A plan shows no changes afterwards"], []),
            ("day 90", "Add policy checks (conftest) to the plan pipeline", "security", "project", "todo",
             "Catch public buckets and open security groups before apply, not after.",
             ["The pipeline fails on a public S3 bucket in a test PR"], []),
        ],
    },
    {
        "owner": "Mei Tanaka", "mentor": "Jonas Becker",
        "title": "Observability and SLOs track", "kind": "skill", "template": "observability",
        "start": -150, "length": 180, "status": "active",
        "goals": [
            ("day 30", "Define SLIs for the checkout API", "observability", "slo-ownership", "done",
             "We page on CPU; users feel latency and errors.",
             ["Availability and latency SLIs agreed with the checkout team",
              "Recording rules merged"], []),
            ("day 60", "Multi-window burn-rate alerts for 99.9% availability", "observability", "skill", "done",
             "Burn-rate alerts page on what matters and stay quiet otherwise.",
             ["Fast (1h/5m) and slow (6h/30m) windows alert in staging",
              "Alert links to the runbook and the SLO dashboard"],
             [("Multi-window burn-rate alerts",
               "Follow the SRE workbook chapter; test by injecting errors in staging.",
               "https://sre.google/workbook/alerting-on-slos/",
               [("Write recording rules for the error ratio per window", True,
                 "https://git.example.internal/platform/monitoring/pull/203"),
                ("Write the fast- and slow-burn alert rules", True, None),
                ("Inject 2% errors in staging and watch the fast alert fire", True,
                 "Fired after 4 minutes; screenshot in the PR"),
                ("Add runbook and dashboard links to the annotations", True, None)])]),
            ("day 60", "Replace CPU alerts with symptom-based alerts", "observability", "project", "doing",
             "Half of last quarter's pages were CPU alerts with no user impact.",
             ["The five noisiest CPU alerts are deleted or downgraded to tickets"], []),
            ("day 90", "Add OpenTelemetry tracing to the order service", "observability", "skill", "todo",
             "Latency questions end at service boundaries without traces.",
             ["Traces from checkout to order service visible in Tempo"], []),
            ("day 90", "Own the checkout SLO dashboard and monthly review", "observability", "slo-ownership", "doing",
             "An SLO without an owner is just a graph.",
             ["Monthly review held twice", "Error budget policy signed off by the checkout team"], []),
        ],
    },
    {
        "owner": "Mei Tanaka", "mentor": "Jonas Becker",
        "title": "Leading the SLO rollout", "kind": "leadership", "template": "leadership",
        "start": -60, "length": 120, "status": "active",
        "goals": [
            ("day 30", "Lead the SLO rollout for three tier-1 services", "leadership", "initiative", "doing",
             "A first initiative across teams: scope, plan, communicate, finish.",
             ["Checkout, payments and search each have SLOs and burn-rate alerts",
              "A one-page plan shared in #platform"], []),
            ("day 60", "Mentor Amara through her first on-call", "leadership", "mentoring", "doing",
             "Mentoring others is how seniors multiply themselves.",
             ["Two pairing sessions before Amara's secondary shift",
              "A debrief after the shift"], []),
            ("day 90", "Run the monthly SLO review meeting", "leadership", "initiative", "todo",
             "The review is where error budgets turn into decisions.",
             ["Agenda template in the wiki", "Three reviews run"], []),
            ("day 90", "Write the SLO rollout retrospective", "leadership", "initiative", "todo",
             "Close the loop: what worked, what to change next time.",
             ["Retrospective published and presented in platform updates"], []),
        ],
    },
    {
        "owner": "Daniel Kowalski", "mentor": "Sofia Almeida",
        "title": "Cloud and security track", "kind": "skill", "template": "cloud",
        "start": -100, "length": 180, "status": "active",
        "goals": [
            ("day 30", "Least-privilege IAM roles for CI runners", "security", "skill", "done",
             "CI runners had admin rights in staging.",
             ["Runners assume per-repo roles scoped to what each pipeline deploys"], []),
            ("day 60", "Move secrets from CI variables to Vault", "security", "project", "doing",
             "CI variables are copied, leaked in logs and never rotated.",
             ["All production deploy secrets come from Vault via OIDC",
              "CI variables deleted after a two-week overlap"],
             [("Vault: secrets for CI over OIDC",
               "Use the JWT auth method with the CI's OIDC tokens; no static tokens.",
               "https://developer.hashicorp.com/vault/docs/auth/jwt",
               [("Enable the JWT auth method in the staging Vault", True,
                 "https://git.example.internal/platform/vault-config/pull/41"),
                ("Write a role bound to one repository and branch", True, None),
                ("Migrate the deploy pipeline of status-service", True, None),
                ("Migrate the remaining 12 pipelines", False, None),
                ("Delete the old CI variables", False, None)])]),
            ("day 60", "Sign release images with cosign", "security", "project", "todo",
             "Admission should only run images we built.",
             ["Release pipeline signs images", "Staging admission policy verifies signatures"], []),
            ("day 90", "Review the AWS account baseline with the security team", "cloud", "project", "blocked",
             "Guardrails belong in the account baseline, not in every module.",
             ["Findings triaged with security", "SCPs for regions and root usage proposed"], []),
            ("day 90", "Cost review of the staging account", "cloud", "project", "todo",
             "Staging costs grew 40% in two quarters.",
             ["Top five cost drivers explained", "Two savings changes merged"], []),
        ],
    },
    {
        "owner": "Daniel Kowalski", "mentor": "Sofia Almeida",
        "title": "Onboarding — cloud platform team", "kind": "onboarding", "template": "onboarding-90d",
        "start": -420, "length": 90, "status": "done",
        "goals": [
            ("day 30", "Access to cloud accounts, clusters and Vault", "cloud", "other", "done",
             "Access first.", ["All accounts reachable with SSO"], []),
            ("day 60", "First Terraform change merged", "iac", "project", "done",
             "Learn the review culture.", ["A merged PR with plan output"], []),
            ("day 90", "Secondary on-call shift", "incident-response", "skill", "done",
             "Carry the pager with a safety net.", ["A week as secondary, handover written"], []),
        ],
    },
)

# Check-ins: mentor, mentee -> [(days ago, confidence, progress, blockers, next steps, private notes,
#   [(action text, owner "mentor"/"mentee", due in days after the check-in, done)])]
CheckInSpec = tuple[int, int, str, str, str, str, list[tuple[str, str, int, bool]]]
CHECKINS: dict[tuple[str, str], list[CheckInSpec]] = {
    ("Jonas Becker", "Amara Okafor"): [
        (61, 2,
         "- Laptop, VPN and SSO working after two days of tickets\n- Read the platform overview and the paging policy",
         "- Still no access to the production AWS account (ticket IT-4411)",
         "- Trace one commit to production\n- Run `terraform plan` on staging",
         "Amara apologised twice for \"slow\" access setup that was not her fault. Tell her early that "
         "onboarding friction is ours to fix. Strong notes, asks precise questions when she does ask.",
         [("Chase IT-4411 for production read-only access", "mentor", 3, True),
          ("Trace a commit to production and bring notes", "mentee", 7, True)]),
        (40, 3,
         "- Traced a commit end to end; wrote a clear stage-by-stage summary\n"
         "- First Terraform PR merged (bucket tags)",
         "- Terraform state locking confused her: a stale lock from my own run",
         "- Deploy a change to staging with Argo CD\n- Shadow Mei's on-call shift on Thursday",
         "She is hesitant to ask in #platform-help. Pair on the next incident so she sees that asking is "
         "normal. Her Terraform PR description was better than most of the team's.",
         [("Shadow Mei's Thursday on-call shift", "mentee", 5, True),
          ("Write down the state-lock fix in the Terraform FAQ", "mentor", 7, True)]),
        (26, 3,
         "- Shadowed a full on-call day; took notes on the payments incident\n"
         "- Argo CD deploy and rollback done",
         "- Grafana editor access still missing, so the dashboard goal is blocked",
         "- Start the game day runbooks\n- Draft the payments error-rate panel in a personal folder",
         "The payments incident rattled her a bit (loud bridge call). Debrief went well; she wants to be "
         "scribe next time, which is a good step. Do not push secondary on-call before the game day is done.",
         [("Request Grafana editor role for Amara", "mentor", 2, False),
          ("Read the payments incident review doc", "mentee", 5, True)]),
        (12, 3,
         "- Two of three game-day runbooks done; found a wrong step in the certificate runbook and fixed it\n"
         "- Scribe during the registry mirror incident",
         "- Grafana access (carried over)\n- Kafka runbook needs a staging topic she cannot create",
         "- Finish the Kafka runbook with Mei\n- Book a tooling deep dive slot",
         "Scribe notes were excellent; Priya noticed. Confidence is up but she still rates herself lower "
         "than I would. Consider suggesting the runbook she fixed as her day-90 runbook goal.",
         [("Create a staging Kafka topic for the game day", "mentor", 3, True),
          ("Finish the Kafka consumer-lag runbook exercise", "mentee", 7, False)]),
        (5, 4,
         "- Kafka topic ready; exercise scheduled with Mei\n- Picked \"k9s tricks\" for her deep dive",
         "- Grafana access still pending (third week)",
         "- Finish the game day\n- Plan the secondary on-call week with me as primary",
         "Good week. She mentioned feeling \"finally useful\". Secondary on-call in two weeks looks realistic. "
         "Escalate the Grafana access to Priya if it is not done by Friday.",
         [("Escalate Grafana access to Priya if still missing on Friday", "mentor", 4, False),
          ("Draft the outline of the k9s deep dive", "mentee", 10, False),
          ("Pick the week for secondary on-call", "mentee", 7, False)]),
    ],
    ("Jonas Becker", "Lucas Moreau"): [
        (70, 3,
         "- CrashLoopBackOff lab done, all four cases\n- Paused the IaC track to focus on Kubernetes",
         "- None",
         "- Start the status-service Helm chart\n- Explain QoS classes to Amara",
         "Lucas moves fast and sometimes skips reading the docs; nudge him to write down why a fix works. "
         "Pausing IaC was his idea and a good call.",
         [("Scaffold the status-service chart", "mentee", 14, True)]),
        (42, 3,
         "- Chart scaffolded, values cleaned up\n- Paired with Amara on requests and limits",
         "- Unsure how to test the chart beyond `helm template`",
         "- Add `kubeconform` and chart-testing to CI\n- Read the node pool incident timeline",
         "Teaching Amara went well; he explains clearly when he slows down. Could be a mentor in a year.",
         [("Add kubeconform to the charts pipeline", "mentee", 14, True),
          ("Send Lucas the chart-testing examples from the payments repo", "mentor", 2, True)]),
        (28, 2,
         "- kubeconform in CI\n- NetworkPolicy lab started",
         "- Cilium audit mode is not enabled in the sandbox; NetworkPolicy goal blocked",
         "- Ask the cluster owners about audit mode\n- Add a PDB to the chart",
         "Confidence dipped: the blocked goal frustrates him. Remind him blocked is not failed. "
         "He would like more on-call; check with Priya about the rota.",
         [("Ask cluster owners to enable Cilium audit mode in the sandbox", "mentor", 5, False),
          ("Add a PodDisruptionBudget to the chart", "mentee", 10, False)]),
        (13, 3,
         "- Reviewed Mei's alert PR and caught a missing PDB in checkout\n- Upgrade rehearsal date agreed",
         "- Audit mode still pending (carried over)",
         "- Deploy the chart to staging via Argo CD\n- Prepare the autoscaling incident review",
         "Great catch on the PDB. Ask him to present the autoscaling incident; good visibility for him.",
         [("Deploy status-service chart to staging", "mentee", 7, False),
          ("Book the incident review slot for Lucas", "mentor", 3, True)]),
    ],
    ("Jonas Becker", "Mei Tanaka"): [
        (45, 4,
         "- Burn-rate alerts live for checkout\n- SLO rollout plan drafted",
         "- The payments team has not agreed on latency SLIs yet",
         "- Share the rollout plan in #platform\n- Start pairing with Amara",
         "Mei is ready for more scope. Watch for overload: she said yes to three asks this week. "
         "Talk about saying no in the next check-in.",
         [("Share the SLO rollout plan in #platform", "mentee", 7, True),
          ("Introduce Mei to the payments tech lead", "mentor", 3, True)]),
        (30, 4,
         "- Rollout plan shared; payments agreed on SLIs\n- First pairing session with Amara",
         "- Two noisy CPU alerts still page at night",
         "- Delete or downgrade the noisy CPU alerts\n- Prepare the first monthly SLO review",
         "Talked about saying no: she will drop the dashboard migration. Incident command during the TLS "
         "outage was calm and clear; mention it in her review. She wonders about the staff path.",
         [("Downgrade the two noisy CPU alerts to tickets", "mentee", 7, True),
          ("Draft the monthly SLO review agenda", "mentee", 14, False)]),
        (17, 3,
         "- CPU alerts downgraded, nights are quiet\n- Search team started on SLIs",
         "- Review agenda not started: the cert-manager handover took the week",
         "- Finish the SLO review agenda\n- Write the TLS outage follow-up list",
         "Took over cert-manager from Sofia; that is a lot on top of the rollout. Offer to push the "
         "retrospective goal by a month. Ask how she feels about the staff path conversation with Priya.",
         [("Ask Priya for a staff-path conversation for Mei", "mentor", 7, False),
          ("Publish the TLS outage follow-up list", "mentee", 5, True)]),
    ],
    ("Sofia Almeida", "Mei Tanaka"): [
        (300, 3,
         "- Onboarding done; first on-call week as secondary\n- Started learning PromQL",
         "- None",
         "- Build the checkout latency dashboard",
         "Mei learns by building. Pair with Jonas on observability; he knows the alerting stack best.",
         [("Build a checkout latency dashboard", "mentee", 14, True)]),
        (200, 4,
         "- Dashboard done and used in two incidents\n- Interested in owning SLOs",
         "- None",
         "- Hand over mentoring to Jonas for the SLO work",
         "Handing over to Jonas: her growth is in observability now. She is ready to own an SLO.",
         [("Set up the handover meeting with Jonas", "mentor", 7, True)]),
    ],
    ("Sofia Almeida", "Daniel Kowalski"): [
        (38, 3,
         "- CI runner roles scoped per repository\n- Vault JWT auth enabled in staging",
         "- Security team review of the account baseline keeps slipping",
         "- Migrate the first pipeline to Vault",
         "Daniel is thorough but works alone too long before showing anything. Ask for draft PRs early.",
         [("Open a draft PR for the status-service Vault migration", "mentee", 7, True)]),
        (24, 3,
         "- First pipeline migrated to Vault, no downtime",
         "- Account baseline review still blocked on the security team",
         "- Migrate the next four pipelines\n- Draft the cosign plan",
         "Draft PR came early this time, good. He is the only one besides me who understands Vault policies: "
         "we need a second person, maybe Lucas.",
         [("Ask the security lead for a baseline review date", "mentor", 5, False),
          ("Migrate four more pipelines to Vault", "mentee", 14, True)]),
        (9, 4,
         "- Five pipelines on Vault\n- Cosign proof of concept signs images in a test repo",
         "- Baseline review (carried over)",
         "- Migrate the remaining pipelines\n- Present the cosign PoC in the tooling deep dive",
         "Confident and visibly enjoying the security work. Consider him as a second Vault owner.",
         [("Migrate the remaining pipelines to Vault", "mentee", 21, False),
          ("Book a tooling deep dive slot for cosign", "mentee", 7, False)]),
    ],
    ("Priya Raman", "Sofia Almeida"): [
        (55, 4,
         "- Vault migration plan approved\n- Mentoring Daniel, handed Mei over to Jonas",
         "- Too many meetings to keep hands-on time",
         "- Block two focus mornings a week",
         "Sofia is the single Vault expert: bus factor risk. Make knowledge transfer part of the initiative.",
         [("Block two focus mornings a week", "mentee", 7, True)]),
        (22, 4,
         "- Daniel now migrates pipelines alone\n- Handed cert-manager to Mei",
         "- Security hiring freeze slows the baseline review",
         "- Write the Vault runbook with Daniel",
         "Good delegation. Nominate her for the internal mentoring award.",
         [("Write the Vault recovery runbook with Daniel", "mentee", 21, False)]),
    ],
}

# title, kind, rrule, weekday (0=Mon), hh, mm, duration, weeks back of the first occurrence,
# presenter, link, notes
SESSIONS: tuple[tuple[str, str, str | None, int, int, int, int, int, str, str | None, str], ...] = (
    ("Incident review: lessons learned", "incident-review", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", 4, 14, 0, 60, 26,
     "Priya Raman", "https://meet.example.internal/incident-review",
     "Blameless review of the last two weeks' incidents. Bring the timeline; we leave with one "
     "owner per follow-up."),
    ("Platform updates", "platform-update", "FREQ=WEEKLY;BYDAY=MO", 0, 10, 0, 30, 20,
     "Sofia Almeida", "https://meet.example.internal/platform-updates",
     "What changed on the platform last week and what is coming: cluster upgrades, deprecations, new modules."),
    ("Tooling deep dive", "tooling-deep-dive", "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", 2, 15, 30, 45, 16,
     "Jonas Becker", "https://meet.example.internal/tooling",
     "One tool, hands on: k9s, stern, Terraform console, promtool, cosign. Volunteers present."),
    ("On-call bootcamp", "other", "FREQ=WEEKLY;COUNT=6;BYDAY=TU", 1, 13, 0, 90, 3,
     "Mei Tanaka", None,
     "Six sessions before joining the rota: paging policy, runbooks, incident command, comms, reviews."),
    ("PoC outcome: OpenTelemetry collector gateway", "poc-outcome", None, 3, 11, 0, 45, 7,
     "Mei Tanaka", "https://wiki.example.internal/poc/otel-gateway",
     "Results of the two-week PoC: a gateway collector in front of Tempo and Mimir."),
    ("PoC outcome: Karpenter vs. Cluster Autoscaler", "poc-outcome", None, 3, 11, 0, 45, -2,
     "Lucas Moreau", "https://wiki.example.internal/poc/karpenter",
     "Bin-packing, node start times and cost in staging after four weeks of each."),
)

OCCURRENCE_NOTES = {
    "Incident review: lessons learned": [
        "TLS outage: cert-manager renewals failed silently for three weeks. Follow-up: alert on certificate "
        "expiry < 14 days (Mei).",
        "Payments 5xx: config rollout skipped canary. Follow-up: canary step is now mandatory (Jonas).",
        "Registry mirror failover: slow pulls, no outage. Follow-up: pre-pull base images on new nodes (Lucas).",
    ],
    "Platform updates": [
        "Staging cluster on 1.30; production upgrade in two weeks. Ingress annotations deprecated.",
        "New Terraform module for RDS with backups on by default. Vault now required for new pipelines.",
    ],
    "Tooling deep dive": [
        "k9s: skins, plugins and the port-forward view. Recording in the wiki.",
        "promtool: unit tests for alert rules; Mei showed the burn-rate test suite.",
    ],
    "On-call bootcamp": [
        "Paging policy and escalation tree; everyone set up the on-call app.",
        "Runbooks: how to read them under stress, and how to fix them afterwards.",
        "Incident command: roles, the first five minutes, handing over command.",
    ],
    "PoC outcome: OpenTelemetry collector gateway": [
        "Gateway handles 40k spans/s on two pods; tail sampling keeps errors and slow traces. Going ahead.",
    ],
}

# Current levels per person and competency (history leads up to them).
LEVELS: dict[str, dict[str, int]] = {
    "Priya Raman": {"kubernetes": 3, "iac": 3, "cicd": 3, "cloud": 4, "observability": 3, "security": 3,
                    "incident-response": 5, "leadership": 5},
    "Jonas Becker": {"kubernetes": 5, "iac": 4, "cicd": 5, "cloud": 3, "observability": 4, "security": 3,
                     "incident-response": 4, "leadership": 3},
    "Sofia Almeida": {"kubernetes": 3, "iac": 5, "cicd": 3, "cloud": 5, "observability": 2, "security": 4,
                      "incident-response": 3, "leadership": 4},
    "Amara Okafor": {"kubernetes": 2, "iac": 2, "cicd": 2, "cloud": 1, "observability": 1, "security": 1,
                     "incident-response": 2},
    "Lucas Moreau": {"kubernetes": 4, "iac": 3, "cicd": 3, "cloud": 2, "observability": 2, "security": 2,
                     "incident-response": 3},
    "Mei Tanaka": {"kubernetes": 3, "iac": 2, "cicd": 2, "cloud": 2, "observability": 4, "security": 1,
                   "incident-response": 4, "leadership": 3},
    "Daniel Kowalski": {"kubernetes": 2, "iac": 3, "cicd": 4, "cloud": 3, "observability": 1, "security": 3,
                        "incident-response": 2},
}
EVIDENCE = {
    "kubernetes": "Debugged workloads in the sandbox labs and a staging incident",
    "iac": "Terraform PRs reviewed and merged",
    "cicd": "Pipeline changes shipped",
    "cloud": "IAM and networking changes in staging",
    "observability": "Alert rules and dashboards in the monitoring repo",
    "security": "Vault and IAM work",
    "incident-response": "On-call shifts and incident roles",
    "leadership": "Led an initiative across teams",
}

# person, days ago, role, severity, title, lessons, presented in the incident review
INCIDENTS: tuple[tuple[str, int, str, str, str, str, bool], ...] = (
    ("Mei Tanaka", 52, "incident-commander", "SEV1", "Checkout outage: expired TLS certificate on the ingress",
     "- cert-manager renewals had failed silently for three weeks\n"
     "- We had no alert on certificate expiry; now we alert at 14 days\n"
     "- Status page updates every 15 minutes kept support calm", True),
    ("Sofia Almeida", 52, "comms", "SEV1", "Checkout outage: expired TLS certificate on the ingress",
     "- A prepared status page template saved ten minutes\n- Name one comms owner at minute five", False),
    ("Amara Okafor", 40, "shadow", "SEV2", "Payments API 5xx after a bad config rollout",
     "- The rollout skipped the canary step\n- `kubectl rollout undo` was the fastest mitigation\n"
     "- Watching the bridge: the IC asks, the team answers, nobody talks over", True),
    ("Amara Okafor", 18, "scribe", "SEV3", "Slow image pulls after registry mirror failover",
     "- A timeline written live makes the review easy\n- Pre-pull base images on new nodes", True),
    ("Lucas Moreau", 95, "primary", "SEV3", "Node pool exhausted by a batch job spike",
     "- Batch jobs had no resource requests, so the scheduler packed them badly\n"
     "- Cluster Autoscaler scaled too slowly for the spike; see the Karpenter PoC", False),
    ("Daniel Kowalski", 30, "secondary", "SEV2", "CI runners lost S3 access after an IAM policy change",
     "- Policy changes need a plan run against every runner role\n- Roll back first, debug second", False),
    ("Jonas Becker", 12, "primary", "SEV2", "Kafka consumer lag delayed order emails by 40 minutes",
     "- The consumer group rebalanced in a loop after a deploy\n"
     "- Lag alert fired late: threshold was in messages, not seconds", False),
    ("Priya Raman", 140, "incident-commander", "SEV2", "DNS resolution failures in eu-central-1",
     "- CoreDNS was under-provisioned after the node pool change\n- NodeLocal DNSCache now on all clusters",
     False),
    ("Lucas Moreau", 200, "shadow", "SEV4", "Grafana dashboards timing out",
     "- Heavy regex queries on high-cardinality labels\n- Recording rules for the top ten panels", False),
)

# person, kind, name, since (days ago), until (days ago or None), notes
OWNERSHIP: tuple[tuple[str, str, str, int, int | None, str], ...] = (
    ("Mei Tanaka", "slo", "checkout-api availability 99.9% (30 days)", 120, None,
     "Error budget policy agreed with the checkout team"),
    ("Mei Tanaka", "sli", "checkout-api p99 latency under 300 ms", 120, None, "Measured at the ingress"),
    ("Mei Tanaka", "service", "cert-manager and ingress TLS", 50, None, "Took over from Sofia after the TLS outage"),
    ("Sofia Almeida", "service", "cert-manager and ingress TLS", 500, 50, "Handed over to Mei"),
    ("Sofia Almeida", "initiative", "Vault migration", 150, None, "All CI secrets in Vault by end of quarter"),
    ("Lucas Moreau", "service", "status-service", 60, None, "Chart, alerts and runbook"),
    ("Amara Okafor", "runbook", "Postgres replica disk full", 20, None, "Fixed during the game day"),
    ("Jonas Becker", "service", "CI runners (self-hosted)", 700, None, ""),
    ("Jonas Becker", "runbook", "Kafka consumer lag", 10, None, "Rewritten after the order email incident"),
    ("Daniel Kowalski", "runbook", "Rotating CI credentials", 90, None, ""),
    ("Priya Raman", "initiative", "On-call health and paging hygiene", 400, None, "Pages per shift under five"),
)

# giver, receiver, days ago, text, for (("incident"|"goal"|"session", title) or free text)
KUDOS: tuple[tuple[str, str, int, str, tuple[str, str] | str | None], ...] = (
    ("Jonas Becker", "Amara Okafor", 8,
     "Great scribe notes during the registry incident: the timeline was ready before the call ended.",
     ("incident", "Slow image pulls after registry mirror failover")),
    ("Priya Raman", "Mei Tanaka", 50,
     "Calm, clear incident command during the checkout outage. Status page updates were always on time.",
     ("incident", "Checkout outage: expired TLS certificate on the ingress")),
    ("Mei Tanaka", "Lucas Moreau", 14,
     "Your review caught the missing PodDisruptionBudget in checkout before it hit production.",
     ("goal", "PodDisruptionBudgets and topology spread for checkout")),
    ("Sofia Almeida", "Daniel Kowalski", 20,
     "Five pipelines moved to Vault without a single broken deploy.",
     ("goal", "Move secrets from CI variables to Vault")),
    ("Amara Okafor", "Jonas Becker", 30,
     "The k9s deep dive saved me hours this week.", ("session", "Tooling deep dive")),
    ("Lucas Moreau", "Mei Tanaka", 6,
     "Burn-rate alerts are so much quieter than the old CPU pages. Thank you!", "Quiet nights on call"),
    ("Priya Raman", "Sofia Almeida", 21,
     "Handing cert-manager and Vault knowledge to others is exactly the bus-factor work we need.", None),
)

# days ago, rating, text, person (None = anonymous)
FEEDBACK: tuple[tuple[int, int, str, str | None], ...] = (
    (60, 4, "The onboarding plan was clear. The day-30 goals felt rushed with the VPN issues.", "Amara Okafor"),
    (45, 5, "Incident review sessions are the best hour of the fortnight.", None),
    (33, 3, "Check-ins get skipped in busy weeks; a reminder would help.", None),
    (21, 4, "Pairing on real tickets beats reading docs. More of that, please.", "Lucas Moreau"),
    (7, 2, "Skill tracks are heavy on Kubernetes; I would like more on cost and FinOps.", None),
)

# --------------------------------------------------------------------------- synthetic pools

FIRST_NAMES = (
    "Aisha", "Ben", "Carla", "Deniz", "Elena", "Farid", "Greta", "Hiro", "Ines", "Jakub", "Kemi", "Liam",
    "Maya", "Nikolai", "Olga", "Pavel", "Quinn", "Rosa", "Samir", "Tara", "Umar", "Vera", "Wen", "Xavier",
    "Yara", "Zoltan", "Anja", "Bruno", "Chloe", "Dmitri", "Esra", "Felix", "Hanna", "Ivan", "Julia", "Kofi",
)
LAST_NAMES = (
    "Schmidt", "Nguyen", "Rossi", "Yilmaz", "Novak", "Haddad", "Lindqvist", "Sato", "Fernandes", "Nowak",
    "Adeyemi", "O'Brien", "Patel", "Ivanova", "Kovacs", "Dubois", "Jensen", "Garcia", "Chen", "Müller",
    "Hoffmann", "Kaya", "Silva", "Weber", "Andersson", "Costa", "Fischer", "Horvat", "Kim", "Lopez",
)
TRACKS = (
    ("kubernetes", "Kubernetes track", "skill"),
    ("iac", "Infrastructure as code track", "skill"),
    ("cicd", "CI/CD track", "skill"),
    ("cloud", "Cloud foundations track", "skill"),
    ("observability", "Observability and SLOs track", "skill"),
    ("security", "Security track", "skill"),
    ("incident-response", "Incident response track", "skill"),
    ("onboarding-90d", "Onboarding — first 90 days", "onboarding"),
    ("leadership", "Leading a small initiative", "leadership"),
)
GOAL_TOPICS = {
    "kubernetes": ("Debug a failing rollout", "Tune HPA targets for {svc}", "Write a Helm chart for {svc}",
                   "Rehearse a node drain for {svc}", "Add readiness probes to {svc}"),
    "iac": ("Extract a Terraform module for {svc}", "Import drifted resources for {svc}",
            "Add policy checks to the plan pipeline", "Split the state of {svc}"),
    "cicd": ("Cache dependencies in the {svc} pipeline", "Add a canary step to {svc} deploys",
             "Make the {svc} pipeline reproducible", "Cut the {svc} build time in half"),
    "cloud": ("Review IAM roles of {svc}", "Move {svc} to private subnets", "Cost review of {svc}",
              "Set up cross-region backups for {svc}"),
    "observability": ("Define SLIs for {svc}", "Burn-rate alerts for {svc}", "Trace requests through {svc}",
                      "Replace cause-based alerts of {svc}"),
    "security": ("Move {svc} secrets to Vault", "Sign {svc} images with cosign", "Scan {svc} dependencies",
                 "Least-privilege service account for {svc}"),
    "incident-response": ("Write the {svc} runbook", "Shadow an on-call shift", "Run a game day for {svc}",
                          "Present an incident review"),
    "leadership": ("Lead the {svc} migration", "Mentor a new joiner", "Run a retrospective",
                   "Write a proposal for {svc}"),
}
SERVICES = ("checkout", "payments", "search", "orders", "inventory", "auth", "notifications", "billing",
            "catalog", "gateway", "reporting", "status-service")
LAB_STEPS = (
    "Read the runbook and note anything unclear", "Reproduce the problem in the sandbox",
    "Write the fix and open a PR", "Get a review from your mentor", "Deploy to staging",
    "Verify with the dashboard", "Write down what you learned", "Roll back once on purpose",
    "Add an alert or a test so it cannot happen silently again", "Demo it in the next check-in",
)
PROGRESS = (
    "- Finished the {svc} lab\n- Reviewed two PRs", "- Paired on the {svc} incident follow-ups",
    "- Shipped the {svc} change to staging", "- Read the {svc} runbook and fixed two steps",
    "- Shadowed an on-call shift", "- Presented in the tooling deep dive",
)
BLOCKERS = ("- None", "- Waiting for access to the {svc} account", "- Review queue is slow",
            "- On-call week left little time", "- None this time")
NEXT_STEPS = ("- Finish the {svc} goal", "- Start the next lab", "- Prepare a deep dive on {svc}",
              "- Deploy the {svc} change to production", "- Pair on the next incident")
PRIVATE = (
    "Seems tired after the on-call week; check workload.", "Ready for more scope; suggest owning {svc}.",
    "Hesitant to ask for help in public channels; pair more.", "Strong reviewer; could mentor a new joiner.",
    "Compare self-rating with mine next time: rates themself low.", "",
)
ACTIONS = ("Open a draft PR for {svc}", "Book a pairing session", "Read the {svc} incident review",
           "Update the {svc} runbook", "Ask for a review from the {svc} owners", "Rate skills before next time")
SESSION_TOPICS = ("Kubernetes upgrades", "Terraform testing", "Argo CD rollouts", "Vault policies",
                  "Tempo and tracing", "Cost dashboards", "Chaos experiments", "Runbook automation")


# --------------------------------------------------------------------------- the builder


class _Rows:
    """Rows per model, with ids and uuids assigned here so everything is deterministic."""

    def __init__(self, models: Any, rng: random.Random) -> None:
        self.models = models
        self.rng = rng
        self.order = [m for m in models.ALL_MODELS if m is not models.Competency]
        self.rows: dict[Any, list[dict[str, Any]]] = {m: [] for m in self.order}
        self.next_id = {m: 1 for m in self.order}

    def uuid(self) -> str:
        return str(uuid_module.UUID(int=self.rng.getrandbits(128), version=4))

    def add(self, model: Any, **values: Any) -> int:
        ident = self.next_id[model]
        self.next_id[model] = ident + 1
        values["id"] = ident
        if "uuid" in model._meta.fields and "uuid" not in values:
            values["uuid"] = self.uuid()
        self.rows[model].append(values)
        return ident

    def count(self, model: Any) -> int:
        return len(self.rows[model])

    def write(self) -> None:
        from mentor_tui.db import bulk

        for model in self.order:
            rows = self.rows[model]
            if not rows:
                continue
            fields = [f.name for f in model._meta.sorted_fields]
            defaults = {}
            for f in model._meta.sorted_fields:
                default = f.default
                defaults[f.name] = None if callable(default) else self.models.stored_value(default)
            bulk.insert_rows(
                model,
                fields,
                (tuple(self.models.stored_value(row[n]) if n in row else defaults[n] for n in fields) for row in rows),
            )


def _counts_over(total: int, buckets: int) -> list[int]:
    """Split `total` into `buckets` near-equal parts."""
    if buckets <= 0:
        return []
    base, extra = divmod(total, buckets)
    return [base + (1 if i < extra else 0) for i in range(buckets)]


def _berlin(day: dt.date, hour: int, minute: int) -> dt.datetime:
    from zoneinfo import ZoneInfo

    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=ZoneInfo(TIMEZONE))


def _on_weekday(day: dt.date, weekday: int) -> dt.date:
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def _occurrences(first_day: dt.date, hour: int, minute: int, step_weeks: int, count: int | None,
                 until: dt.date) -> list[dt.datetime]:
    """Weekly occurrences (local wall-clock time in TIMEZONE) up to `until`."""
    out = []
    day = first_day
    while day <= until and (count is None or len(out) < count):
        out.append(_berlin(day, hour, minute))
        day += dt.timedelta(weeks=step_weeks)
    return out


# --------------------------------------------------------------------------- generation


class _Demo:
    def __init__(self, models: Any, rng: random.Random, today: dt.date) -> None:
        self.m = models
        self.rng = rng
        self.today = today
        self.rows = _Rows(models, rng)
        self.person: dict[str, int] = {}
        self.person_uuid: dict[str, str] = {}
        self.competency: dict[str, int] = {
            c.key: c.id for c in models.Competency.select(models.Competency.id, models.Competency.key)
        }
        self.mentorships: list[tuple[int, int, int, dt.date, int]] = []  # id, mentor, mentee, started, cadence
        self.active_mentor_of: dict[int, int] = {}
        self.plans: list[tuple[int, int]] = []  # id, owner
        self.goal_ids: list[int] = []
        self.goal_uuid: dict[str, str] = {}
        self.session_uuid: dict[str, str] = {}
        self.incident_uuid: dict[str, str] = {}

    def day(self, offset: int) -> dt.date:
        return self.today + dt.timedelta(days=offset)

    # ---- the small, hand-written team

    def small(self) -> None:
        m, rows = self.m, self.rows
        for name, role, email, is_me in PEOPLE:
            uuid = rows.uuid()
            self.person[name] = rows.add(m.Person, uuid=uuid, name=name, role=role, email=email, is_me=is_me,
                                         archived=False)
            self.person_uuid[name] = uuid
        mentorship_ids: dict[tuple[str, str], int] = {}
        for mentor, mentee, started, ended, cadence, focus in MENTORSHIPS:
            ident = rows.add(m.Mentorship, mentor=self.person[mentor], mentee=self.person[mentee],
                             started_on=self.day(started), ended_on=None if ended is None else self.day(ended),
                             focus=focus, cadence_days=cadence)
            mentorship_ids[(mentor, mentee)] = ident
            if ended is None:
                self.mentorships.append((ident, self.person[mentor], self.person[mentee], self.day(started),
                                         cadence))
                self.active_mentor_of[self.person[mentee]] = self.person[mentor]
        for spec in PLANS:
            self._small_plan(spec)
        for key, checkins in CHECKINS.items():
            self._small_checkins(mentorship_ids[key], key, checkins)
        self._small_sessions()
        self._small_ratings()
        self._small_incidents()
        for person, kind, name, since, until, notes in OWNERSHIP:
            rows.add(m.Ownership, person=self.person[person], kind=kind, name=name, since=self.day(-since),
                     until=None if until is None else self.day(-until), notes=notes)
        for giver, receiver, ago, text, for_ in KUDOS:
            if isinstance(for_, tuple):
                kind, title = for_
                ref = {"goal": self.goal_uuid, "session": self.session_uuid, "incident": self.incident_uuid}[kind]
                for_ref = ref[title]
            else:
                for_ref = for_
            rows.add(m.Kudos, giver=self.person[giver], receiver=self.person[receiver], given_on=self.day(-ago),
                     text=text, for_ref=for_ref)
        for ago, rating, text, person in FEEDBACK:
            rows.add(m.Feedback, given_on=self.day(-ago), rating=rating, text=text,
                     person=None if person is None else self.person[person])

    def _small_plan(self, spec: dict[str, Any]) -> None:
        m, rows = self.m, self.rows
        start = self.day(spec["start"])
        owner = self.person[spec["owner"]]
        plan = rows.add(m.Plan, owner=owner, mentor=self.person[spec["mentor"]], title=spec["title"],
                        kind=spec["kind"], template=spec["template"], start_on=start,
                        target_on=start + dt.timedelta(days=spec["length"]), status=spec["status"])
        self.plans.append((plan, owner))
        scale = spec["length"] / 90
        for position, goal in enumerate(spec["goals"]):
            phase, title, competency, kind, status, why, done_when, labs = goal
            due = start + dt.timedelta(days=round(int(phase.split()[1]) * scale))
            done_on = min(due - dt.timedelta(days=3 + position % 5), self.today) if status == "done" else None
            uuid = rows.uuid()
            ident = rows.add(m.Goal, uuid=uuid, plan=plan,
                             competency=None if competency is None else self.competency[competency],
                             title=title, detail=_detail(why, done_when), kind=kind, phase=phase, due_on=due,
                             status=status, done_on=done_on, position=position)
            self.goal_uuid[title] = uuid
            self.goal_ids.append(ident)
            for lab_position, (lab_title, detail, link, items) in enumerate(labs):
                practised = None
                done_days = [i for i, item in enumerate(items) if item[1]]
                if done_days:
                    practised = min(self.today, (done_on or self.today) - dt.timedelta(days=2))
                lab = rows.add(m.Lab, goal=ident, title=lab_title, detail=detail, link=link,
                               last_practised_on=practised, position=lab_position)
                for item_position, (text, done, evidence) in enumerate(items):
                    item_done_on = None
                    if done:
                        item_done_on = min(self.today, (practised or self.today)
                                           - dt.timedelta(days=2 * (len(items) - item_position)))
                    rows.add(m.LabItem, lab=lab, text=text, done=done, done_on=item_done_on,
                             evidence=evidence, position=item_position)

    def _small_checkins(self, mentorship: int, key: tuple[str, str], specs: list[CheckInSpec]) -> None:
        m, rows = self.m, self.rows
        mentor, mentee = self.person[key[0]], self.person[key[1]]
        for ago, confidence, progress, blockers, next_steps, private, actions in specs:
            held = self.day(-ago)
            checkin = rows.add(m.CheckIn, mentorship=mentorship, held_on=held, progress=progress,
                               blockers=blockers, next_steps=next_steps, confidence=confidence,
                               private_notes=private)
            for position, (text, owner, due_in, done) in enumerate(actions):
                due = held + dt.timedelta(days=due_in)
                done_on = min(due - dt.timedelta(days=1), self.today) if done else None
                rows.add(m.ActionItem, checkin=checkin, text=text,
                         owner=mentor if owner == "mentor" else mentee, due_on=due, done_on=done_on,
                         position=position)

    def _small_sessions(self) -> None:
        m, rows = self.m, self.rows
        for title, kind, rrule, weekday, hour, minute, duration, weeks_back, presenter, link, notes in SESSIONS:
            first_day = _on_weekday(self.day(-7 * weeks_back), weekday)
            count = None
            if rrule and "COUNT=" in rrule:
                count = int(rrule.split("COUNT=")[1].split(";")[0])
            step = 2 if rrule and "INTERVAL=2" in rrule else 1
            until = self.today + dt.timedelta(weeks=8) if rrule else first_day
            moments = _occurrences(first_day, hour, minute, step, count, until)
            past = [t for t in moments if t.date() < self.today]
            exdates: list[dt.datetime] = []
            if rrule and count is None and len(past) > 4:
                exdates.append(past[-3])  # a holiday, cancelled
                future = [t for t in moments if t.date() > self.today]
                if len(future) > 2 and kind == "incident-review":
                    exdates.append(future[2])  # an upcoming one cancelled already
            uuid = rows.uuid()
            session = rows.add(m.Session, uuid=uuid, title=title, kind=kind, starts_at=moments[0],
                               timezone=TIMEZONE, duration_minutes=duration, rrule=rrule,
                               exdates="\n".join(self.m.stored_value(t) for t in exdates),
                               presenter=self.person[presenter], link=link, notes=notes)
            self.session_uuid[title] = uuid
            held = [t for t in past if t not in exdates]
            texts = OCCURRENCE_NOTES.get(title, [])
            for text, moment in zip(reversed(texts), reversed(held), strict=False):
                occurrence = rows.add(m.SessionOccurrence, session=session, starts_at=moment, notes=text)
                people = list(self.person.values())
                for person in sorted(self.rng.sample(people, self.rng.randint(3, len(people)))):
                    rows.add(m.Attendance, occurrence=occurrence, person=person)

    def _small_ratings(self) -> None:
        m, rows = self.m, self.rows
        lead = self.person["Priya Raman"]
        for name, levels in LEVELS.items():
            person = self.person[name]
            mentor = self.active_mentor_of.get(person, lead if person != lead else None)
            newcomer = name == "Amara Okafor"
            offsets = (70, 45, 20) if newcomer else (270, 180, 90, 30)
            for key, current in levels.items():
                growth = 1 if current <= 2 else 2
                start = max(0, current - growth)
                for step, ago in enumerate(offsets):
                    level = start + round((current - start) * step / (len(offsets) - 1))
                    # self and mentor ratings alternate; the mentor's rating comes last
                    by_mentor = mentor is not None and (step % 2 == 1 or step == len(offsets) - 1)
                    rows.add(m.SkillRating, person=person, competency=self.competency[key], level=level,
                             rated_on=self.day(-ago - (_hash_int(name + key) % 5)),
                             rated_by=mentor if by_mentor else None,
                             evidence=EVIDENCE[key] if step == len(offsets) - 1 else None)

    def _small_incidents(self) -> None:
        m, rows = self.m, self.rows
        review = self.session_uuid["Incident review: lessons learned"]
        review_id = next(r["id"] for r in rows.rows[m.Session] if r["uuid"] == review)
        for person, ago, role, severity, title, lessons, presented in INCIDENTS:
            uuid = rows.uuid()
            rows.add(m.Incident, uuid=uuid, person=self.person[person], occurred_on=self.day(-ago), role=role,
                     severity=severity, title=title, lessons=lessons, session=review_id if presented else None)
            self.incident_uuid.setdefault(title, uuid)

    # ---- synthetic records on top, to reach the requested sizes

    def large(self, people: int, plans: int, goals: int, lab_items: int, checkins: int, sessions: int) -> None:
        m, rows, rng = self.m, self.rows, self.rng
        taken = set(self.person)
        names = [f"{first} {last}" for first in FIRST_NAMES for last in LAST_NAMES]
        rng.shuffle(names)
        new_people: list[int] = []
        mentors = [self.person["Sofia Almeida"]]
        extra_people = people - rows.count(m.Person)
        # one mentor in six new people, the rest mentees
        roles = ["mentor" if i % 6 == 0 else "mentee" for i in range(extra_people)]
        new_mentees: list[int] = []
        name_iter = (n for n in names if n not in taken)
        for role in roles:
            name = next(name_iter, None) or f"Person {rows.next_id[m.Person]}"
            email = name.lower().replace(" ", ".").replace("'", "") + "@example.com"
            ident = rows.add(m.Person, name=name, role=role, email=email, is_me=False,
                             archived=rng.random() < 0.04)
            new_people.append(ident)
            (mentors if role == "mentor" else new_mentees).append(ident)

        extra_checkins = checkins - rows.count(m.CheckIn)
        for mentee, n in zip(new_mentees, _counts_over(extra_checkins, len(new_mentees)), strict=True):
            mentor = rng.choice(mentors)
            cadence = rng.choice((7, 14, 14, 14, 21, 30))
            started = self.today - dt.timedelta(days=cadence * (n + 1) + rng.randint(0, 6))
            ident = rows.add(m.Mentorship, mentor=mentor, mentee=mentee, started_on=started,
                             focus=f"{rng.choice(TRACKS)[1]} and on-call readiness", cadence_days=cadence)
            self.mentorships.append((ident, mentor, mentee, started, cadence))
            self.active_mentor_of[mentee] = mentor

        # plans for mentees, new ones first
        owners = new_mentees or [p for _i, _mr, p, _s, _c in self.mentorships]
        new_plans: list[tuple[int, dt.date, int]] = []
        for i in range(plans - rows.count(m.Plan)):
            owner = owners[i % len(owners)]
            template, title, kind = rng.choice(TRACKS)
            start = self.day(-rng.randint(0, 720))
            length = 90 if kind == "onboarding" else rng.choice((120, 180))
            target = start + dt.timedelta(days=length)
            status = "done" if target < self.today and rng.random() < 0.7 else rng.choice(
                ("active", "active", "active", "paused", "archived"))
            ident = rows.add(m.Plan, owner=owner, mentor=self.active_mentor_of.get(owner), title=title, kind=kind,
                             template=template, start_on=start, target_on=target, status=status)
            new_plans.append((ident, start, length))
            self.plans.append((ident, owner))

        # goals over the new plans (or the small ones when no plans were added)
        targets = new_plans or [(p["id"], p["start_on"], 90) for p in rows.rows[m.Plan]]
        positions = {p: 0 for p, _s, _l in targets}
        for p in rows.rows[m.Goal]:
            positions[p["plan"]] = max(positions.get(p["plan"], 0), p["position"] + 1)
        new_goals: list[tuple[int, dt.date | None]] = []
        competencies = list(GOAL_TOPICS)
        for (plan, start, length), n in zip(targets, _counts_over(goals - rows.count(m.Goal), len(targets)),
                                            strict=True):
            for k in range(n):
                phase_days = 30 * (1 + 3 * k // max(n, 1))
                key = rng.choice(competencies)
                svc = rng.choice(SERVICES)
                title = rng.choice(GOAL_TOPICS[key]).format(svc=svc)
                due = start + dt.timedelta(days=phase_days * length // 90)
                status = "done" if due < self.today and rng.random() < 0.75 else rng.choice(
                    ("todo", "todo", "doing", "blocked"))
                done_on = min(due, self.today) if status == "done" else None
                ident = rows.add(m.Goal, plan=plan, competency=self.competency[key], title=title,
                                 detail=_detail(f"Part of the {key} track for {svc}.",
                                                [f"{title} is reviewed by your mentor"]),
                                 kind="skill" if k % 3 else "project", phase=f"day {phase_days}", due_on=due,
                                 status=status, done_on=done_on, position=positions[plan] + k)
                new_goals.append((ident, done_on))

        # labs of about five items over the new goals
        extra_items = lab_items - rows.count(m.LabItem)
        if extra_items > 0:
            lab_goals = new_goals or [(g["id"], None) for g in rows.rows[m.Goal]]
            n_labs = max(1, extra_items // 5)
            lab_positions: dict[int, int] = {}
            for lab_n, n_items in enumerate(_counts_over(extra_items, n_labs)):
                goal, goal_done = lab_goals[lab_n * len(lab_goals) // n_labs]
                position = lab_positions.get(goal, 0)
                lab_positions[goal] = position + 1
                practised = goal_done or (self.day(-rng.randint(1, 120)) if rng.random() < 0.5 else None)
                svc = rng.choice(SERVICES)
                lab = rows.add(m.Lab, goal=goal, title=f"Hands-on: {svc} in the sandbox",
                               detail=f"Work through the {svc} exercise in the sandbox cluster.",
                               link=f"https://git.example.internal/labs/{svc}", last_practised_on=practised,
                               position=position + 100)
                done_upto = n_items if goal_done else (rng.randint(0, n_items) if practised else 0)
                for k in range(n_items):
                    done = k < done_upto
                    rows.add(m.LabItem, lab=lab, text=LAB_STEPS[(k + lab_n) % len(LAB_STEPS)], done=done,
                             done_on=practised if done else None,
                             evidence=f"https://git.example.internal/labs/{svc}/pull/{lab_n}" if done and k % 3 == 0
                             else None, position=k)

        # check-ins over the new mentorships (or the small ones)
        added = set(new_mentees)
        ships = [s for s in self.mentorships if s[2] in added] or list(self.mentorships)
        for (ident, mentor, mentee, started, _cadence), n in zip(
                ships, _counts_over(checkins - rows.count(m.CheckIn), len(ships)), strict=True):
            span = (self.today - started).days
            for k in range(n):
                held = started + dt.timedelta(days=(k + 1) * span // (n + 1))
                svc = rng.choice(SERVICES)
                checkin = rows.add(m.CheckIn, mentorship=ident, held_on=held,
                                   progress=rng.choice(PROGRESS).format(svc=svc),
                                   blockers=rng.choice(BLOCKERS).format(svc=svc),
                                   next_steps=rng.choice(NEXT_STEPS).format(svc=svc),
                                   confidence=rng.randint(1, 5),
                                   private_notes=rng.choice(PRIVATE).format(svc=svc))
                recent = (self.today - held).days < 30
                for position in range(rng.randint(0, 2)):
                    due = held + dt.timedelta(days=rng.choice((3, 7, 14)))
                    done = not recent or rng.random() < 0.4
                    rows.add(m.ActionItem, checkin=checkin, text=rng.choice(ACTIONS).format(svc=svc),
                             owner=mentee if position == 0 else mentor, due_on=due,
                             done_on=min(due, self.today) if done else None, position=position)

        # sessions: recurring and one-off
        everyone = list(self.person.values()) + new_people
        for i in range(sessions - rows.count(m.Session)):
            kind = m.SESSION_KINDS[i % len(m.SESSION_KINDS)]
            topic = rng.choice(SESSION_TOPICS)
            weekday, hour = rng.randint(0, 4), rng.choice((9, 10, 11, 13, 14, 15, 16))
            first_day = _on_weekday(self.day(-rng.randint(-30, 700)), weekday)
            # a quarter are series (weekly or bi-weekly; two in three of them end after a
            # COUNT), the rest one-off sessions
            if rng.random() < 0.25:
                step = rng.choice((1, 2))
                count = rng.randint(4, 12) if rng.random() < 2 / 3 else None
                rrule = "FREQ=WEEKLY;" + ("INTERVAL=2;" if step == 2 else "") + (
                    f"COUNT={count};" if count else "") + "BYDAY=" + ("MO", "TU", "WE", "TH", "FR")[weekday]
                moments = _occurrences(first_day, hour, 0, step, count or 12,
                                       max(first_day, self.today) + dt.timedelta(weeks=4))
            else:
                rrule = None
                moments = [_berlin(first_day, hour, 0)]
            past = [t for t in moments if t.date() < self.today]
            exdates = past[-1:] if rrule and len(past) > 3 and rng.random() < 0.3 else []
            session = rows.add(m.Session, title=f"{kind.replace('-', ' ').capitalize()}: {topic}", kind=kind,
                               starts_at=moments[0], timezone=TIMEZONE, duration_minutes=rng.choice((30, 45, 60)),
                               rrule=rrule, exdates="\n".join(self.m.stored_value(t) for t in exdates),
                               presenter=rng.choice(everyone), link=None,
                               notes=f"{topic}: what we learned and what changes for the team.")
            held = [t for t in past if t not in exdates]
            if held and i % 4 == 0:
                occurrence = rows.add(m.SessionOccurrence, session=session, starts_at=held[-1],
                                      notes=f"Notes on {topic.lower()}; recording in the wiki.")
                for person in sorted(rng.sample(everyone, min(len(everyone), rng.randint(2, 6)))):
                    rows.add(m.Attendance, occurrence=occurrence, person=person)

        # skills, incidents, ownership, kudos and feedback for the new people
        for person in new_people:
            for key in competencies:
                if rng.random() < 0.6:
                    continue
                level = rng.randint(1, 5)
                if key == "security":
                    level = min(level, 3)  # keep the demo's single point of knowledge
                for step, ago in enumerate((240, 120, 20)):
                    rows.add(m.SkillRating, person=person, competency=self.competency[key],
                             level=max(0, level - 2 + step), rated_on=self.day(-ago - rng.randint(0, 9)),
                             rated_by=self.active_mentor_of.get(person) if step == 1 else None,
                             evidence=None)
            for _ in range(rng.randint(0, 3)):
                rows.add(m.Incident, person=person, occurred_on=self.day(-rng.randint(1, 700)),
                         role=rng.choice(m.INCIDENT_ROLES), severity=rng.choice(m.SEVERITIES),
                         title=f"{rng.choice(SERVICES)} degraded: {rng.choice(('latency', 'errors', 'saturation'))}",
                         lessons="- Alert fired late\n- Runbook step missing", session=None)
            if rng.random() < 0.5:
                rows.add(m.Ownership, person=person, kind=rng.choice(m.OWNERSHIP_KINDS),
                         name=f"{rng.choice(SERVICES)} {rng.choice(('availability', 'latency', 'runbook'))}",
                         since=self.day(-rng.randint(1, 700)), until=None, notes="")
            rows.add(m.Kudos, giver=rng.choice(everyone), receiver=person, given_on=self.day(-rng.randint(0, 365)),
                     text="Thanks for the help with the on-call handover!", for_ref=None)
            if rng.random() < 0.3:
                rows.add(m.Feedback, given_on=self.day(-rng.randint(0, 365)), rating=rng.randint(1, 5),
                         text="More pairing, fewer slides.", person=None if rng.random() < 0.5 else person)


def _hash_int(text: str) -> int:
    """A small stable hash (str hash() is salted per process)."""
    value = 0
    for ch in text:
        value = (value * 31 + ord(ch)) % 1_000_003
    return value


def _small_sizes() -> dict[str, int]:
    lab_items = sum(len(lab[3]) for plan in PLANS for goal in plan["goals"] for lab in goal[7])
    return {
        "people": len(PEOPLE),
        "plans": len(PLANS),
        "goals": sum(len(plan["goals"]) for plan in PLANS),
        "lab_items": lab_items,
        "checkins": sum(len(v) for v in CHECKINS.values()),
        "sessions": len(SESSIONS),
    }


SMALL: dict[str, int] = _small_sizes()


def generate(
    path: Path,
    *,
    people: int = SMALL["people"],
    plans: int | None = None,
    goals: int | None = None,
    lab_items: int | None = None,
    checkins: int | None = None,
    sessions: int | None = None,
    seed: int = 42,
    today: dt.date | None = None,
) -> None:
    """Fill the (new or empty) store at `path` with demo data, then close it.

    With no sizes this is the small hand-written team; a size larger than the
    small demo's (see SMALL) adds synthetic records until the count is exact.
    Raises DemoError for a size below the small demo's or a store that already
    has people.
    """
    from mentor_tui import clock
    from mentor_tui.db import database, models

    sizes = {"people": people, "plans": plans, "goals": goals, "lab_items": lab_items,
             "checkins": checkins, "sessions": sessions}
    wanted = {k: SMALL[k] if v is None else int(v) for k, v in sizes.items()}
    for key, value in wanted.items():
        if value < SMALL[key]:
            raise DemoError(f"{key.replace('_', '-')} must be at least {SMALL[key]} (the small demo's size)")
    day = today or clock.today()
    rng = random.Random(seed)

    db = database.open_database(Path(path))
    try:
        if models.Person.select().exists():
            raise DemoError(f"{path} already has people; the demo fills an empty database")
        demo = _Demo(models, rng, day)
        demo.small()
        if wanted != SMALL:
            demo.large(**wanted)
        with db.atomic():
            demo.rows.write()
    finally:
        database.close_database()


def _has_people(path: Path) -> bool:
    """Whether `path` is a store with at least one person (stdlib only, read-only)."""
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return con.execute("SELECT 1 FROM person LIMIT 1").fetchone() is not None
        finally:
            con.close()
    except sqlite3.Error:
        return False


def ensure_demo(path: Path) -> None:
    """Generate the small demo at `path` unless a demo with people is already there."""
    path = Path(path).expanduser()
    if path.exists() and path.stat().st_size > 0 and _has_people(path):
        return
    generate(path)


# --------------------------------------------------------------------------- command line


def _size(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m mentor_tui.demo",
        description="Write a demo database: the small team, or larger synthetic data with sizes.",
    )
    parser.add_argument("path", metavar="PATH", type=Path, help="the database file to create")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None, metavar="YYYY-MM-DD",
                        help="the day the data is relative to (default: today)")
    for key, value in SMALL.items():
        parser.add_argument(f"--{key.replace('_', '-')}", dest=key, type=_size, default=None, metavar="N",
                            help=f"how many (at least {value})")
    parser.add_argument("--force", action="store_true", help="replace PATH if it exists")
    args = parser.parse_args(argv)

    path: Path = args.path.expanduser()
    if path.exists() and path.stat().st_size > 0:
        if not args.force:
            print(f"demo: {path} exists; use --force to replace it", file=sys.stderr)
            return 1
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    sizes = {key: getattr(args, key) for key in SMALL}
    if sizes["people"] is None:
        sizes["people"] = SMALL["people"]
    started = time.perf_counter()
    try:
        generate(path, seed=args.seed, today=args.today, **sizes)
    except DemoError as exc:
        print(f"demo: {exc}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - started
    got = {key: SMALL[key] if value is None else value for key, value in sizes.items()}
    print(
        f"demo: {got['people']} people, {got['plans']} plans, {got['goals']} goals, "
        f"{got['lab_items']} lab items, {got['checkins']} check-ins, {got['sessions']} sessions "
        f"-> {path} in {elapsed:.1f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
