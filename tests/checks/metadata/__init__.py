"""`docglot check`: the metadata rules, output formats, exit codes, baselines and settings."""
