"""Report: one self-contained HTML page (``report.html``) that shows what the tables hold, with article views."""

from pipeline.report.page import Written, write_report

__all__ = ["Written", "write_report"]
