"""The employer's view (issue 15): role profiles, a candidate's portfolio checked against a
role, and the printable report. Headless: it reads verification reports, never payloads."""
