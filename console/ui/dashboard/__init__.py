"""The team dashboard: KPIs and charts."""
