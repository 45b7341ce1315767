"""``make eval``: scores on the benchmarks in ``../shared/bench`` (read and validation parts apart)."""
