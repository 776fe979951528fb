"""Team mode: one PostgreSQL store shared by the whole team (Qt-free).

People sign in with their own PostgreSQL login roles, the team's duties
(channels, routing, outbox) run once per team in a worker, and what one seat
writes reaches the others through LISTEN/NOTIFY.
"""
