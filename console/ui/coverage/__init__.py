"""The coverage planner: shifts, support hours, peaks and staffing."""
