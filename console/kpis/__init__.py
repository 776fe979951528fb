"""Team KPIs: response and resolution times in calendar and business time, SLA kept,
backlog, reopens, per market, language, channel, agent, vendor, hour or weekday.

:mod:`console.kpis.facts` keeps one row of facts per conversation as things happen;
:mod:`console.kpis.queries` turns them into figures with GROUP BY queries.
"""
