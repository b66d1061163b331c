"""The dashboard's tabs: one module per tab, each a ``DashboardTab``."""
