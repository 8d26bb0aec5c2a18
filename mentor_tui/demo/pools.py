"""Word pools for the large synthetic demo: names, tracks, goal topics, check-in texts."""

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
    ("onboarding", "Onboarding — first 90 days", "onboarding"),
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
# the teams of the large demo's people, in turn (no draw from the generator: the same seed, the same rows)
LARGE_TEAMS = ("platform", "payments-sre", "data-infra", "observability")
