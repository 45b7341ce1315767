"""News extraction pipeline: raw articles → typed Parquet tables (see the README and ``python -m pipeline``)."""
