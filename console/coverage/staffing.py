"""How many agents an hour needs: Erlang C for chat, workload for e-mail (no Qt).

Chat-like channels (chat, phone) are answered while the customer waits, so they
are staffed by Erlang C (an M/M/N queue): the smallest number of agents for which
the share of contacts answered within the target time reaches the target
(``service level = 1 - C(N, A) * exp(-(N - A) * t / AHT)``, with ``A`` the offered
load in Erlangs). ``C`` comes from the Erlang B recursion
``B(0) = 1, B(k) = A B(k-1) / (k + A B(k-1))`` and ``C = N B / (N - A (1 - B))``,
which stays between 0 and 1 at every step: no factorials, no powers, no overflow
for loads of thousands of Erlangs.

E-mail-like channels (e-mail, marketplace messages) wait in a queue for hours, so
the need is the work itself: volume x handle time / occupancy, rounded up.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

SECONDS_PER_HOUR = 3600.0
#: Rounding slack so that, e.g., exactly 2.0 agents of work is not rounded up to 3.
_EPSILON = 1e-9


def erlang_b(agents: int, load: float) -> float:
    """Probability that all ``agents`` are busy in a loss system offered ``load`` Erlangs."""
    if agents < 0 or load < 0:
        raise ValueError("agents and load must not be negative")
    blocking = 1.0
    for k in range(1, agents + 1):
        blocking = load * blocking / (k + load * blocking)
    return blocking


def erlang_c(agents: int, load: float) -> float:
    """Probability that a contact has to wait (1.0 when the agents cannot keep up)."""
    if load <= 0:
        return 0.0
    if agents <= load:
        return 1.0
    blocking = erlang_b(agents, load)
    return agents * blocking / (agents - load * (1.0 - blocking))


def _load(arrivals_per_hour: float, handle_seconds: float) -> float:
    return arrivals_per_hour * handle_seconds / SECONDS_PER_HOUR


def service_level(
    agents: int, arrivals_per_hour: float, handle_seconds: float, answer_within_seconds: float
) -> float:
    """Share of contacts answered within ``answer_within_seconds`` by ``agents`` (Erlang C)."""
    load = _load(arrivals_per_hour, handle_seconds)
    if load <= 0:
        return 1.0
    if agents <= load:
        return 0.0
    waiting = erlang_c(agents, load)
    return 1.0 - waiting * math.exp(-(agents - load) * answer_within_seconds / handle_seconds)


def erlang_c_agents(
    arrivals_per_hour: float,
    handle_seconds: float,
    answer_within_seconds: float,
    target_share: float,
) -> int:
    """The smallest number of agents that answers ``target_share`` (0..1) of the contacts
    arriving at ``arrivals_per_hour`` within ``answer_within_seconds``, each taking
    ``handle_seconds`` on average. 0 when nothing arrives."""
    if arrivals_per_hour < 0 or handle_seconds < 0 or answer_within_seconds < 0:
        raise ValueError("arrivals, handle time and answer time must not be negative")
    if not 0.0 <= target_share < 1.0:
        raise ValueError("the target share must be at least 0 and below 1")
    load = _load(arrivals_per_hour, handle_seconds)
    if load <= 0:
        return 0
    agents = math.floor(load) + 1  # fewer cannot keep up at all
    # B for ``agents`` once, then one recursion step per extra agent.
    blocking = erlang_b(agents, load)
    while True:
        waiting = agents * blocking / (agents - load * (1.0 - blocking))
        level = 1.0 - waiting * math.exp(-(agents - load) * answer_within_seconds / handle_seconds)
        if level >= target_share - _EPSILON:
            return agents
        agents += 1
        blocking = load * blocking / (agents + load * blocking)


def workload_agents(volume_per_hour: float, handle_seconds: float, occupancy: float) -> int:
    """Agents needed to work off ``volume_per_hour`` messages of ``handle_seconds`` each when
    agents are busy ``occupancy`` (0..1] of their time: volume x handle / occupancy, rounded up."""
    if volume_per_hour < 0 or handle_seconds < 0:
        raise ValueError("volume and handle time must not be negative")
    if not 0.0 < occupancy <= 1.0:
        raise ValueError("occupancy must be above 0 and at most 1")
    hours = volume_per_hour * handle_seconds / SECONDS_PER_HOUR / occupancy
    return max(0, math.ceil(hours - _EPSILON))


@dataclass(frozen=True)
class StaffingTargets:
    """The service a market is staffed for."""

    #: Chat: answer this share of chats ...
    chat_target_share: float = 0.8
    #: ... within this many seconds (the industry's 80/20 is for calls; chat gets a minute).
    chat_answer_within_seconds: float = 60.0
    #: E-mail: agents spend this share of their time on messages (the rest is breaks,
    #: meetings, switching).
    email_occupancy: float = 0.85


DEFAULT_TARGETS = StaffingTargets()
