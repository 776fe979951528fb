"""Column mapping for marketplace and chat exports (CSV and JSON), saved per source.

A mapping names, for each field the console understands, the column (CSV) or
key (JSON; dotted paths such as ``buyer.name`` reach into nested objects)
that holds it:

===============  ==============================================================
field            meaning
===============  ==============================================================
``text``         the message text (required)
``timestamp``    when it was sent (required): ISO 8601 (``2026-11-01T12:00:00+08:00``,
                 ``...Z``), ``YYYY-MM-DD HH:MM[:SS]``, RFC 2822, or Unix seconds or
                 milliseconds
``time_zone``    IANA zone (``Asia/Shanghai``) for timestamps written without an
                 offset; else ``default_time_zone`` of the mapping
``handle``       the customer's handle on the channel (the address replies go to)
``customer_name`` the customer's name
``email``        the customer's e-mail (links the customer to their e-mail threads)
``phone``        the customer's phone, any format; normalised to E.164 using ``country``
``country``      ISO 3166 alpha-2 country code
``region``       state, province or prefecture (of the shipping address)
``city``         city (of the shipping address)
``address``      the postal address (street, building, postcode...) as one text; kept on
                 the customer, at most 500 characters
``order_number`` the order the message is about (links customers across channels)
``direction``    who wrote: a value in ``inbound_values`` (customer) or
                 ``outbound_values`` (shop); without the column all rows are inbound
``external_id``  the channel's id of the message (else a hash of the content is used)
``subject``      a subject or title, if the export has one
===============  ==============================================================

At least one of ``handle``, ``email``, ``phone`` or ``customer_name`` must be
mapped. ``encoding`` (optional) names the file's text encoding (``gb18030``,
``shift_jis``, ``big5``, ``euc-kr``, ``cp1252`` ...) when detection should not
guess; ``support-console import --encoding`` overrides it. :func:`guess_mapping`
proposes a mapping from the column names, in English, Chinese, Japanese and Korean
(the preview dialog shows it before anything is imported); ``--mapping FILE`` takes
one saved as JSON (:meth:`ColumnMapping.to_json`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any

FIELDS = (
    "text",
    "timestamp",
    "time_zone",
    "handle",
    "customer_name",
    "email",
    "phone",
    "country",
    "region",
    "city",
    "address",
    "order_number",
    "direction",
    "external_id",
    "subject",
)
REQUIRED = ("text", "timestamp")
CUSTOMER_FIELDS = ("handle", "email", "phone", "customer_name")

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "text": (
        "text", "message", "body", "content", "message_text", "msg", "message_content",
        "buyer_message", "内容", "消息", "消息内容", "留言", "买家留言", "聊天内容",
        "メッセージ", "本文", "내용", "메시지",
    ),
    "timestamp": (
        "timestamp", "time", "date", "datetime", "sent_at", "created_at", "created", "sent",
        "date_time", "message_time", "send_time", "时间", "发送时间", "消息时间", "创建时间",
        "日時", "送信日時", "시간",
    ),
    "time_zone": ("time_zone", "timezone", "tz", "zone"),
    "handle": (
        "handle", "username", "user", "buyer_id", "user_id", "customer_id", "from", "sender",
        "buyer_handle", "nickname", "buyer_username", "buyer_nickname", "买家账号", "买家ID",
        "买家昵称", "旺旺", "会员名", "用户名", "ユーザー名",
    ),
    "customer_name": (
        "customer_name", "name", "customer", "buyer", "buyer_name", "full_name",
        "recipient_name", "ship_to_name", "买家", "客户", "买家姓名", "客户姓名", "收货人",
        "收件人", "姓名", "氏名", "購入者名", "이름",
    ),
    "email": (
        "email", "e-mail", "mail", "email_address", "customer_email", "buyer_email",
        "buyer_e_mail", "customer_e_mail", "邮箱", "电子邮件", "买家邮箱", "客户邮箱",
        "メールアドレス", "이메일",
    ),
    "phone": (
        "phone", "telephone", "tel", "mobile", "phone_number", "whatsapp", "msisdn",
        "buyer_phone", "ship_phone", "ship_to_phone", "shipping_phone", "recipient_phone",
        "电话", "手机", "手机号", "联系电话", "收货人电话", "买家电话", "電話番号", "전화번호",
    ),
    "country": (
        "country", "country_code", "ship_country", "shipping_country", "ship_to_country",
        "buyer_country", "destination_country", "国家", "收货国家", "国家代码", "国", "국가",
    ),
    "region": (
        "region", "state", "province", "ship_state", "ship_to_state", "shipping_state",
        "ship_region", "prefecture", "省", "省份", "州", "收货省份", "都道府県",
    ),
    "city": (
        "city", "ship_city", "ship_to_city", "shipping_city", "town", "城市", "收货城市",
        "市", "市区町村", "도시",
    ),
    "address": (
        "address", "shipping_address", "ship_address", "ship_to_address", "street_address",
        "postal_address", "delivery_address", "address_line_1", "address1", "ship_address_1",
        "收货地址", "地址", "详细地址", "收件地址", "配送地址", "住所", "お届け先住所", "주소",
        "배송지",
    ),
    "order_number": (
        "order_number", "order", "order_id", "order_no", "ordernumber", "bestellnummer",
        "order_no.", "amazon_order_id", "订单号", "订单编号", "订单ID", "注文番号", "주문번호",
    ),
    "direction": ("direction", "sender_type", "from_type", "role", "author_type", "type"),
    "external_id": ("external_id", "id", "message_id", "msg_id", "uuid"),
    "subject": ("subject", "title", "topic"),
}  # fmt: skip


def _norm(name: str) -> str:
    return name.strip().lower().replace(" ", "_").replace("-", "_").lstrip("\ufeff")


@dataclass(frozen=True)
class ColumnMapping:
    columns: dict[str, str] = field(default_factory=dict)  # field -> column / dotted key
    channel: str = "marketplace"  # marketplace | chat | phone | email
    default_time_zone: str = "UTC"
    encoding: str | None = None  # the file's text encoding; None: detected
    inbound_values: tuple[str, ...] = (
        "in", "inbound", "incoming", "received", "buyer", "customer", "user", "visitor",
        "client", "0",
    )  # fmt: skip
    outbound_values: tuple[str, ...] = (
        "out", "outbound", "outgoing", "sent", "seller", "shop", "agent", "store", "support",
        "operator", "1",
    )  # fmt: skip

    def missing(self) -> list[str]:
        """What the mapping lacks to be usable (field names), empty when it is complete."""
        lacking = [name for name in REQUIRED if name not in self.columns]
        if not any(name in self.columns for name in CUSTOMER_FIELDS):
            lacking.append("handle")
        return lacking

    def absent_columns(self, headers: list[str]) -> list[str]:
        """Mapped columns the file does not have (JSON dotted paths are not checked)."""
        present = set(headers)
        return [
            column
            for column in self.columns.values()
            if column not in present and "." not in column
        ]

    def with_column(self, name: str, column: str | None) -> ColumnMapping:
        columns = dict(self.columns)
        if column:
            columns[name] = column
        else:
            columns.pop(name, None)
        return replace(self, columns=columns)

    def to_json(self) -> str:
        return json.dumps(
            {
                "columns": self.columns,
                "channel": self.channel,
                "default_time_zone": self.default_time_zone,
                **({"encoding": self.encoding} if self.encoding else {}),
                "inbound_values": list(self.inbound_values),
                "outbound_values": list(self.outbound_values),
            },
            ensure_ascii=False,
            indent=2,
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ColumnMapping:
        if not isinstance(data, dict):
            raise ValueError("A mapping is a JSON object.")
        columns = data.get("columns", {})
        if not isinstance(columns, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in columns.items()
        ):
            raise ValueError('"columns" must map field names to column names.')
        unknown = sorted(set(columns) - set(FIELDS))
        if unknown:
            raise ValueError(f"Unknown fields in the mapping: {', '.join(unknown)}.")
        mapping = cls(columns=dict(columns))
        if "channel" in data:
            mapping = replace(mapping, channel=str(data["channel"]))
        if "default_time_zone" in data:
            mapping = replace(mapping, default_time_zone=str(data["default_time_zone"]))
        if data.get("encoding"):
            from console.channels.table_encoding import check_encoding_name

            mapping = replace(mapping, encoding=check_encoding_name(str(data["encoding"])))
        if "inbound_values" in data:
            values = tuple(str(v).lower() for v in data["inbound_values"])
            mapping = replace(mapping, inbound_values=values)
        if "outbound_values" in data:
            values = tuple(str(v).lower() for v in data["outbound_values"])
            mapping = replace(mapping, outbound_values=values)
        return mapping

    @classmethod
    def from_json(cls, text: str) -> ColumnMapping:
        return cls.from_dict(json.loads(text))


def guess_mapping(headers: list[str], *, channel: str = "marketplace") -> ColumnMapping:
    """A mapping proposed from the column names (each column used at most once)."""
    normalised = {_norm(header): header for header in headers}
    columns: dict[str, str] = {}
    used: set[str] = set()
    for name in FIELDS:
        for synonym in _SYNONYMS[name]:
            header = normalised.get(_norm(synonym))
            if header is not None and header not in used:
                columns[name] = header
                used.add(header)
                break
    return ColumnMapping(columns=columns, channel=channel)
