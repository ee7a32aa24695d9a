"""The output stage: chart files and their sidecars (export, sidecars), notebooks and reports
(notebooks), and the latest figures (latest). Only this stage writes into charts/."""
