"""Masked customer data: the one place that decides what a masked person reads (Qt-free).

People marked *masked* (``agents.masked``; by default every vendor and every
temporary person) read customer data with e-mail addresses, phone numbers,
postal addresses, surnames, card numbers and IBANs masked:

* ``maria.perez@gmail.com`` -> ``m***@g***.com``
* ``+49 170 1234512`` -> ``+49 *** *** 12`` (a local number: ``*** *** 12``)
* ``Maria Pérez`` -> ``Maria P.``; ``王芳`` -> ``王*`` (a CJK name keeps its family name)
* ``4111 1111 1111 1111`` (a card number: 13 to 19 digits passing Luhn) -> ``**** **** **** 1111``
* ``DE89 3704 0044 0532 0130 00`` (an IBAN passing its mod-97 check) -> ``DE** **** **** 00``
* a postal address -> each of its parts cut to its first character (``H***, 1***``)

Order and tracking numbers stay readable (``#A12345``, ``123-4567890-1234567``,
``1Z999AA10123456784``, ``JD0123456789``): a number is a phone only when it is
written as one (a leading ``+`` or ``00``, a leading ``0`` or ``(`` with
separators, or a Chinese mobile number), never when it touches letters, ``#``
or ``-`` joining more digits; a long digit run is a card only when it passes Luhn.

Masking is idempotent (masking a masked text changes nothing), so the team
store's masked columns (console/privacy/masking_sql.py computes the same masks
in PostgreSQL) and the window's masking can both apply.

:func:`masking_for` is the one resolver: every place that hands customer text
or names to a person (the inbox rows, the conversation and customer card, the
search excerpts, translations, exports) asks it with the session it reads in.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console.inbox.pages import Listing, Page, SearchMatch
from console.inbox.queries import (
    ConversationDetail,
    CustomerCard,
    InboxRow,
    MessageView,
    TranslationView,
)
from console.inbox.search_excerpt import excerpt_of
from console.store.models import Agent

#: ``session.info`` key: whether the person this session reads for is masked (set by the
#: window's store lanes from the signed-in person or local profile).
VIEWER_MASKED = "console.viewer_masked"
STARS = "***"

_EMAIL = re.compile(r"[A-Za-z0-9._%+\-*]+@[A-Za-z0-9\-*]+(?:\.[A-Za-z0-9\-*]+)*\.[A-Za-z]{2,}")
#: 13 to 19 digits, in groups separated by single spaces or hyphens.
_CARD = re.compile(r"(?<![\w#\-])\d(?:[ \-]?\d){12,18}(?![\w\-])")
_IBAN = re.compile(r"(?<![\w#\-])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}(?![\w\-])")
#: International: + or 00, then digits with single separators (and a bracketed group).
_PHONE_INTERNATIONAL = re.compile(
    r"(?<![\w#+\-])(?:\+|00)[1-9](?:[ .\-/]?\(?\d\)?){6,16}(?![\w\-])"
)
#: National: a leading 0 or a bracketed area code, with separators.
_PHONE_NATIONAL = re.compile(
    r"(?<![\w#+\-/.])(?:\(0?\d{1,5}\)|0\d{1,5})(?:[ .\-/]\d{2,8}){1,4}(?![\w\-/]|\.\d)"
)
#: A Chinese mobile number (11 digits, 1[3-9]...).
_PHONE_CN_MOBILE = re.compile(r"(?<![\w#+\-])1[3-9]\d{9}(?![\w\-])")
#: A street: a compound name (``Hauptstraße``), a name and a street word (``Baker Street``),
#: with the house number before or after.
_STREET = re.compile(
    r"(?:\b\d{1,5}[a-z]?\s+)?\b(?:[A-ZÄÖÜ][\w'\-]*(?:straße|strasse|str\.|weg|allee|platz|"
    r"gasse|gatan|vägen|straat|laan)|[A-Z][\w'\-]+\s+(?:Street|St\.|Road|Rd\.|Avenue|Ave\.|Lane|"
    r"Boulevard|Blvd\.|Drive|Way))(?:\s+\d{1,5}[a-z]?)?(?!\w)"
)
#: A street named after its street word (``Rue de Rivoli 12``, ``Calle Mayor, 5``).
_STREET_NUMBER_FIRST = re.compile(
    r"\b(?:Rue|rue|Calle|calle|Avenida|avenida|Rua|rua|Viale|Piazza|Chemin|chemin|Ulica|ulica)"
    r"\s+(?:(?:de|del|da|des|la|do|di)\s+)?[A-Z][\w'\-]+(?:,?\s*\d{1,5}[a-z]?)?(?!\w)"
)
#: Country calling codes of two digits (ITU); the others of zones 1 and 7 have one, the rest three.
_TWO_DIGIT_CODES = frozenset(
    [
        "20",
        "27",
        "30",
        "31",
        "32",
        "33",
        "34",
        "36",
        "39",
        "40",
        "41",
        "43",
        "44",
        "45",
        "46",
        "47",
        "48",
        "49",
        "51",
        "52",
        "53",
        "54",
        "55",
        "56",
        "57",
        "58",
        "60",
        "61",
        "62",
        "63",
        "64",
        "65",
        "66",
        "81",
        "82",
        "84",
        "86",
        "90",
        "91",
        "92",
        "93",
        "94",
        "95",
        "98",
    ]
)


def _is_cjk(char: str) -> bool:
    name = unicodedata.name(char, "")
    return name.startswith(("CJK", "HANGUL", "HIRAGANA", "KATAKANA"))


def _masked_already(text: str) -> bool:
    return "*" in text


def mask_email(address: str) -> str:
    """``maria.perez@gmail.com`` -> ``m***@g***.com`` (a masked one is returned as it is)."""
    local, at, domain = address.strip().rpartition("@")
    if not at:
        return mask_word(address)
    if _masked_already(local) and _masked_already(domain):
        return address.strip()
    labels = domain.split(".")
    top = labels[-1] if len(labels) > 1 else ""
    head = (local[:1] or "*") + STARS
    return f"{head}@{(labels[0][:1] or '*')}{STARS}" + (f".{top}" if top else "")


def _calling_code(digits: str) -> str:
    if digits[:1] in ("1", "7"):
        return digits[:1]
    if digits[:2] in _TWO_DIGIT_CODES:
        return digits[:2]
    return digits[:3]


def mask_phone(number: str) -> str:
    """``+49 170 1234512`` -> ``+49 *** *** 12``; a national number -> ``*** *** 12``."""
    text = number.strip()
    digits = re.sub(r"\D", "", text)
    if len(digits) < 4:
        return text
    if _masked_already(text):
        return text
    last = digits[-2:]
    if text.startswith(("+", "00")):
        international = digits[2:] if text.startswith("00") else digits
        return f"+{_calling_code(international)} {STARS} {STARS} {last}"
    return f"{STARS} {STARS} {last}"


def mask_word(word: str) -> str:
    """A word cut to its first character: ``Hauptstraße`` -> ``H***``."""
    stripped = word.strip()
    if not stripped or _masked_already(stripped):
        return stripped
    return stripped[:1] + STARS


def mask_name(name: str) -> str:
    """``Maria Pérez`` -> ``Maria P.``; ``王芳`` -> ``王*``; an e-mail or phone as a name is
    masked as one; a single given name stays."""
    text = " ".join(name.split())
    if not text:
        return text
    if _EMAIL.fullmatch(text):
        return mask_email(text)
    if re.fullmatch(r"[+(]?[\d ()\-./]{6,}", text) and sum(c.isdigit() for c in text) >= 7:
        return mask_phone(text)
    if _is_cjk(text[0]):
        compact = text.replace(" ", "")
        if len(compact) <= 1 or compact[1:] == "*" * (len(compact) - 1):
            return compact
        return compact[0] + "*" * (len(compact) - 1)
    words = text.split(" ")
    if len(words) == 1:
        return text
    last = words[-1]
    if re.fullmatch(r"\w\.", last):
        return text  # already "Maria P."
    return f"{words[0]} {last[:1]}."


def surnames(name: str) -> tuple[str, ...]:
    """The parts of a customer's name that :func:`mask_text` hides in their texts."""
    text = " ".join(name.split())
    if not text or _EMAIL.fullmatch(text):
        return ()
    if _is_cjk(text[0]):
        compact = text.replace(" ", "")
        return (compact,) if len(compact) >= 2 and "*" not in compact else ()
    words = [word.strip(".,") for word in text.split(" ")[1:]]
    return tuple(word for word in words if len(word) >= 2 and "*" not in word)


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def iban_valid(text: str) -> bool:
    compact = text.replace(" ", "")
    if not 15 <= len(compact) <= 34:
        return False
    moved = compact[4:] + compact[:4]
    number = "".join(str(int(char, 36)) for char in moved)
    return int(number) % 97 == 1


def mask_card(text: str) -> str:
    digits = re.sub(r"\D", "", text)
    return f"**** **** **** {digits[-4:]}"


def mask_iban(text: str) -> str:
    compact = text.replace(" ", "")
    return f"{compact[:2]}** **** **** {compact[-2:]}"


def mask_address(address: str) -> str:
    """A postal address: each comma- or line-separated part cut to its first character."""
    parts = [part.strip() for part in re.split(r"[,\n;]", address)]
    return ", ".join(mask_word(part) for part in parts if part)


def _replace(pattern: re.Pattern[str], text: str, masker: Any) -> str:
    return pattern.sub(lambda match: masker(match.group(0)), text)


def _card_or_keep(value: str) -> str:
    digits = re.sub(r"\D", "", value)
    return mask_card(value) if luhn_valid(digits) else value


def _iban_or_keep(value: str) -> str:
    return mask_iban(value) if iban_valid(value) else value


def _phone_or_keep(value: str) -> str:
    digits = re.sub(r"\D", "", value)
    if value.startswith(("+", "00")):
        return mask_phone(value) if 8 <= len(digits) <= 17 else value
    return mask_phone(value) if 9 <= len(digits) <= 12 else value


def mask_text(text: str, names: Iterable[str] = (), addresses: Iterable[str] = ()) -> str:
    """A free text with every e-mail address, card number, IBAN, phone number, street
    address and the given customers' surnames (and stored postal addresses) masked."""
    if not text:
        return text
    for address in addresses:
        for part in re.split(r"[,\n;]", address or ""):
            part = part.strip()
            if len(part) >= 4 and part in text:
                text = text.replace(part, mask_word(part))
    text = _replace(_EMAIL, text, mask_email)
    text = _replace(_CARD, text, _card_or_keep)
    text = _replace(_IBAN, text, _iban_or_keep)
    text = _replace(_PHONE_INTERNATIONAL, text, _phone_or_keep)
    text = _replace(_PHONE_NATIONAL, text, _phone_or_keep)
    text = _replace(_PHONE_CN_MOBILE, text, mask_phone)
    text = _replace(_STREET_NUMBER_FIRST, text, mask_word)
    text = _replace(_STREET, text, mask_word)
    for surname in {part for name in names for part in surnames(name)}:
        if _is_cjk(surname[0]):
            text = text.replace(surname, mask_name(surname))
        else:
            text = re.sub(
                rf"(?<!\w){re.escape(surname)}(?!\w)",
                surname[:1] + ".",
                text,
                flags=re.IGNORECASE,
            )
    return text


def mask_identity(kind: str, address: str) -> str:
    """A channel identity (e-mail, phone, or a marketplace/chat handle)."""
    if "@" in address and _EMAIL.fullmatch(address.strip()):
        return mask_email(address)
    if kind in ("phone", "sms", "whatsapp") or re.fullmatch(r"\+?[\d ()\-./]{7,}", address):
        return mask_phone(address)
    return mask_text(address)


@dataclass(frozen=True)
class Masking:
    """What one reader gets: raw values (``masked`` False) or masked ones.

    ``names`` and ``addresses``: the customer's own, hidden inside texts too.
    """

    masked: bool = False

    def name(self, value: str) -> str:
        return mask_name(value) if self.masked else value

    def optional_name(self, value: str | None) -> str | None:
        return None if value is None else self.name(value)

    def address(self, value: str | None) -> str | None:
        return mask_address(value) if self.masked and value else value

    def identity(self, kind: str, value: str) -> str:
        return mask_identity(kind, value) if self.masked else value

    def text(self, value: str, names: Iterable[str] = (), addresses: Iterable[str] = ()) -> str:
        return mask_text(value, names, addresses) if self.masked else value

    def optional_text(
        self, value: str | None, names: Iterable[str] = (), addresses: Iterable[str] = ()
    ) -> str | None:
        return None if value is None else self.text(value, names, addresses)

    def html(self, value: str | None, names: Iterable[str] = ()) -> str | None:
        """Sanitised HTML: the masks apply to its text (tags carry no customer data once
        sanitised; an address in a ``mailto:`` link is masked like any text)."""
        return None if value is None else self.text(value, names)


RAW = Masking(False)
MASKED = Masking(True)


def masking_for(session: Session) -> Masking:
    """THE resolver: how the person this session reads for sees customer data.

    The window's lanes set :data:`VIEWER_MASKED` from the signed-in person (team
    mode) or the local profile (single seat). Without it (the command line), a
    team store's session is masked when its login role is a masked person, and
    a single seat's is not.
    """
    flag = session.info.get(VIEWER_MASKED)
    if flag is not None:
        return MASKED if flag else RAW
    if session.get_bind().dialect.name == "postgresql":
        masked = session.scalar(
            select(Agent.masked).where(Agent.login_role == func.current_user()).limit(1)
        )
        return MASKED if masked else RAW
    return RAW


def set_viewer(session: Session, masked: bool | None) -> None:
    """Say whom ``session`` reads for (None: decide by its login, see :func:`masking_for`)."""
    if masked is None:
        session.info.pop(VIEWER_MASKED, None)
    else:
        session.info[VIEWER_MASKED] = masked


# -- what the window reads, masked for its reader ----------------------------------------------


def mask_row(row: InboxRow, masking: Masking) -> InboxRow:
    """An inbox row: the customer's name, the subject and the preview."""
    if not masking.masked:
        return row
    names = (row.customer_name,)
    return dataclasses.replace(
        row,
        customer_name=masking.name(row.customer_name),
        subject=masking.optional_text(row.subject, names),
        preview=masking.text(row.preview, names),
    )


def mask_page(page: Page, masking: Masking, search: str) -> Page:
    """Inbox rows and, under a search, each match's excerpt (made again from the masked text,
    so the highlighted words are where the masked text has them)."""
    if not masking.masked:
        return page
    matches: dict[int, SearchMatch] = {}
    for conversation_id, match in page.matches.items():
        row = page.rows.get(conversation_id)
        names = (row.customer_name,) if row is not None else ()
        place = dataclasses.replace(match.place, text=masking.text(match.place.text, names))
        matches[conversation_id] = SearchMatch(place, excerpt_of(place.text, search, before=4))
    rows = {key: mask_row(row, masking) for key, row in page.rows.items()}
    return Page(rows, matches)


def mask_listing(listing: Listing, masking: Masking, search: str) -> Listing:
    if not masking.masked:
        return listing
    return dataclasses.replace(listing, first_page=mask_page(listing.first_page, masking, search))


def mask_translation(
    view: TranslationView | None, masking: Masking, names: Iterable[str] = ()
) -> TranslationView | None:
    if view is None or not masking.masked:
        return view
    return dataclasses.replace(view, text=masking.text(view.text, names))


def mask_customer(card: CustomerCard, masking: Masking) -> CustomerCard:
    if not masking.masked:
        return card
    return dataclasses.replace(
        card,
        name=masking.name(card.name),
        address=masking.address(card.address),
        identities=tuple(
            (kind, masking.identity(str(kind), address)) for kind, address in card.identities
        ),
    )


def mask_message(
    message: MessageView, masking: Masking, names: Iterable[str], addresses: Iterable[str]
) -> MessageView:
    if not masking.masked:
        return message
    names, addresses = tuple(names), tuple(addresses)
    return dataclasses.replace(
        message,
        subject=masking.optional_text(message.subject, names, addresses),
        text=masking.text(message.text, names, addresses),
        translation=mask_translation(message.translation, masking, names),
    )


def mask_detail(detail: ConversationDetail, masking: Masking) -> ConversationDetail:
    """The open conversation: its row, the customer card and every message (the customer's
    own text, the replies quoting it and the translations)."""
    if not masking.masked:
        return detail
    names = (detail.customer.name,)
    addresses = (detail.customer.address,) if detail.customer.address else ()
    return dataclasses.replace(
        detail,
        summary=mask_row(detail.summary, masking),
        customer=mask_customer(detail.customer, masking),
        messages=tuple(
            mask_message(message, masking, names, addresses) for message in detail.messages
        ),
    )
