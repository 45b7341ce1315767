"""Who copied whom: near-duplicate articles, reused passages, repeated figures and quotations."""
