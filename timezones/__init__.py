"""Time zones of customers: where they are, what time it is there, when to reply.

Plain data in, plain data out, no Qt. The heavy helpers (``holidays``,
``phonenumbers``, Babel) are imported only inside the functions that need them,
so importing this package stays cheap.

* :func:`customer_zone` guesses a customer's IANA zone from a ticket's evidence.
* :func:`customer_country` guesses a customer's country (ISO code) the same way.
* :func:`local_facts` tells the local time, night, weekend, holiday and the next
  good time to contact them.
* :class:`BusinessHours` with :func:`is_open`, :func:`next_open`,
  :func:`add_business_time` and :func:`business_time_between` do SLA maths.
* :func:`format_local_time`, :func:`format_local_date`,
  :func:`format_local_datetime` and :func:`format_money` write customer text.
"""

from __future__ import annotations

from timezones.business_hours import (
    BusinessHours,
    Period,
    add_business_time,
    business_time_between,
    is_open,
    next_open,
)
from timezones.calendars import holiday_name, weekend_days
from timezones.countries import country_zones, is_multi_zone, main_zone, normalize_country
from timezones.country_guess import CountryGuess, CountrySource, customer_country
from timezones.formatting import (
    format_local_date,
    format_local_datetime,
    format_local_time,
    format_money,
)
from timezones.local_facts import LocalFacts, default_business_hours, local_facts
from timezones.zone_guess import ZoneGuess, ZoneSource, customer_zone

__all__ = [
    "BusinessHours",
    "CountryGuess",
    "CountrySource",
    "LocalFacts",
    "Period",
    "ZoneGuess",
    "ZoneSource",
    "add_business_time",
    "business_time_between",
    "country_zones",
    "customer_country",
    "customer_zone",
    "default_business_hours",
    "format_local_date",
    "format_local_datetime",
    "format_local_time",
    "format_money",
    "holiday_name",
    "is_multi_zone",
    "is_open",
    "local_facts",
    "main_zone",
    "next_open",
    "normalize_country",
    "weekend_days",
]
