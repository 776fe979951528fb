"""Is a message a data-subject request or a return/withdrawal request?

Keyword cues in the languages the store hears (en zh es de fr ja ko pt ru ar it
nl pl tr), matched on the original text and on its translation, so a message
in any other language is still caught through the translation. Matching is
on case- and accent-folded text; cues are word stems, so "devolución",
"devolver" and "devolucion" all match "devol".
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass


class RequestKind(enum.StrEnum):
    DATA_ACCESS = "data_access"
    DATA_DELETION = "data_deletion"
    DATA_CORRECTION = "data_correction"
    WITHDRAWAL = "withdrawal"

    @property
    def is_data_request(self) -> bool:
        return self is not RequestKind.WITHDRAWAL


# Personal-data context: a correction or access cue only counts near one of these.
_DATA_CONTEXT = (
    "personal data",
    "my data",
    "my information",
    "personal information",
    "gdpr",
    "ccpa",
    "datenschutz",
    "dsgvo",
    "personenbezogen",
    "meine daten",
    "rgpd",
    "donnees personnelles",
    "mes donnees",
    "datos personales",
    "mis datos",
    "dati personali",
    "miei dati",
    "gdpr",
    "persoonsgegevens",
    "mijn gegevens",
    "avg",
    "dane osobowe",
    "moje dane",
    "danych osobowych",
    "rodo",
    "kvkk",
    "kisisel veri",
    "verilerim",
    "lgpd",
    "dados pessoais",
    "meus dados",
    "персональн",
    "мои данные",
    "البيانات الشخصية",
    "بياناتي",
    "个人信息",
    "个人数据",
    "我的信息",
    "個人情報",
    "個人データ",
    "개인정보",
    "pipeda",
    "privacy",
)

_CUES: dict[RequestKind, tuple[str, ...]] = {
    RequestKind.DATA_DELETION: (
        # en
        "delete my account",
        "delete my data",
        "delete everything",
        "delete my personal",
        "erasure",
        "erase my",
        "remove my personal",
        "remove my data",
        "remove my address",
        "right to be forgotten",
        "deletion",
        "been deleted",
        "close my account",
        "delete all my",
        "and delete",
        "account deleted",
        # de
        "konto loschen",
        "loschung",
        "loscht",
        "loschen",
        "daten loschen",
        "daten schon geloscht",
        "entfernen sie meine",
        "account loschen",
        # fr
        "supprimer mon compte",
        "suppression",
        "effacement",
        "effacez",
        "supprime son compte",
        "supprimiez",
        "donnees ont ete supprimees",
        "droit a l'oubli",
        # es
        "eliminar mi cuenta",
        "supresion",
        "borrar mis datos",
        "borro mi cuenta",
        "borren",
        "eliminen mi cuenta",
        "borraron mis datos",
        "han eliminado mis datos",
        # it
        "cancellare il mio account",
        "cancellazione",
        "cancellate",
        "si cancella l'account",
        "dati sono stati cancellati",
        "rimuoveste",
        # nl
        "account verwijderen",
        "verwijder",
        "gegevensverwijdering",
        "wissen",
        "uit jullie systeem halen",
        # pl
        "usuniecie konta",
        "usuniecia",
        "usuncie",
        "usunac",
        "usuniete",
        "usunąć",
        # tr
        "hesabimi silin",
        "silinmesi",
        "silin",
        "nasil silerim",
        "verilerim silindi",
        "silme islemini",
        "silmen",
        # pt
        "excluir minha conta",
        "exclusao",
        "apagar os meus dados",
        "apaguem",
        "apago minha conta",
        "excluam",
        "eliminacao",
        "dados ja foram apagados",
        # ru
        "удалить",
        "удалени",
        "удалите",
        "данные уже удалены",
        # ar
        "حذف حسابي",
        "حذف البيانات",
        "إزالة بياناتي",
        "احذفوا",
        "تحذفون",
        "أحذف حسابي",
        "حذف بياناتي",
        "تأكيد الحذف",
        "طلب حذف",
        # zh
        "注销",
        "删除",
        "删掉",
        "删了",
        # ja
        "アカウント削除",
        "削除",
        "退会",
        "消して",
        # ko
        "계정 삭제",
        "삭제",
        "탈퇴",
        "파기",
        "지워",
    ),
    RequestKind.DATA_ACCESS: (
        "copy of my data",
        "copy of my personal",
        "access request",
        "subject access",
        "what data you hold",
        "what personal data",
        "right of access",
        "right to know",
        "auskunft",
        "kopie meiner daten",
        "droit d'acces",
        "copie de mes donnees",
        "derecho de acceso",
        "copia de mis datos",
        "diritto di accesso",
        "copia dei miei dati",
        "inzageverzoek",
        "inzage in mijn",
        "dostep do danych",
        "kopie moich danych",
        "verilerime erisim",
        "hangi verilerimi",
        "acesso aos meus dados",
        "copia dos meus dados",
        "доступ к моим данным",
        "копию моих данных",
        "نسخة من بياناتي",
        "الوصول إلى بياناتي",
        "查阅我的个人信息",
        "我的个人信息副本",
        "開示請求",
        "개인정보 열람",
    ),
    RequestKind.DATA_CORRECTION: (
        "correct my data",
        "correct my personal",
        "rectif",
        "update my personal",
        "berichtigung",
        "daten korrigieren",
        "corriger mes donnees",
        "rectificacion",
        "corregir mis datos",
        "rettifica",
        "correggere i miei dati",
        "gegevens corrigeren",
        "sprostowanie",
        "poprawienie moich danych",
        "verilerimin duzeltilmesi",
        "correcao dos meus dados",
        "corrigir meus dados",
        "исправить мои данные",
        "تصحيح بياناتي",
        "更正我的个人信息",
        "訂正",
        "개인정보 정정",
    ),
    RequestKind.WITHDRAWAL: (
        # en
        "return my",
        "return the",
        "return this",
        "return order",
        "return request",
        "return label",
        "return form",
        "return instructions",
        "return just",
        "return period",
        "return i asked",
        "cancel my order",
        "withdraw from",
        "right of withdrawal",
        "cooling-off",
        "send it back",
        "changed my mind",
        "i'd like to return",
        "want to return",
        # de
        "zuruckschick",
        "zurucksend",
        "rucksendung",
        "retoure",
        "widerruf",
        "zuruckgeben",
        # fr
        "retourner",
        "renvoyer",
        "retractation",
        "retour",
        "etiquette retour",
        # es
        "devolver",
        "devolucion",
        "desistimiento",
        "me he arrepentido",
        "se devuelve",
        # it
        "restituire",
        "di reso",
        "il reso",
        "recesso",
        # nl
        "terugsturen",
        "retour",
        "herroeping",
        "bedenktijd",
        "retourneren",
        # pl
        "chce zwrocic",
        "moge zwrocic",
        "zgloszenie zwrotu",
        "zwrotna",
        "odstapic",
        "formularza zwrotu",
        "instrukcje zwrotu",
        "termin na zwrot",
        "zrobic zwrot",
        # tr
        "iade talebi",
        "iade etmek",
        "iade etiket",
        "iade eder",
        "iade form",
        "iade talimat",
        "iade edebilir",
        "iade suresi",
        "cayma",
        # pt
        "devolver",
        "devolucao",
        "arrependimento",
        # ru
        "вернуть",
        "заявка на возврат",
        "заявку на возврат",
        "оформить возврат",
        "форму возврата",
        "инструкцию по возврату",
        "для возврата",
        "срок возврата",
        "отказ от товара",
        # ar
        "إرجاع",
        "أرجع",
        "ارجاع",
        "الإرجاع",
        # zh
        "退货",
        "退掉",
        "退换",
        "只退",
        "整单退",
        # ja
        "返品",
        "返送ラベル",
        "クーリングオフ",
        # ko
        "반품",
        "청약철회",
    ),
}

# Refund follow-ups share words with returns ("zwrot", "iade", "возврат"); these phrases say
# the goods are already back and the customer is chasing money, not asking to return.
_REFUND_ONLY = (
    "refund",
    "erstattung",
    "remboursement",
    "reembolso",
    "rimborso",
    "terugbetaling",
    "zwrot pieniedzy",
    "zwrot za",
    "para iade",
    "iadem",
    "iadesi",
    "возврат средств",
    "возврат денег",
    "нет возврата",
    "мой возврат",
    "по возврату?",
    "استرداد",
    "退款",
    "返金",
    "환불",
    "трек возврата",
    "tracking",
    "zwrotu pieniedzy",
    "moj zwrot",
    "gdzie zwrot",
    "nie ma zwrotu",
    "nie mam zwrotu",
    "sprawie zwrotu",
    "zwrotu zamowienia",
    "iade edilecek",
    "iade ettim",
    "iade alamadim",
    "iadeyle",
    "получение возврата",
    "돌려주",
    "money",
    "my card",
    "geld",
    "konto",
    "argent",
    "carte",
    "dinero",
    "tarjeta",
    "soldi",
    "carta",
    "rekening",
    "dinheiro",
    "cartao",
    "pieniadze",
    "деньги",
    "فلوس",
    "المبلغ",
    "钱",
    "卡上",
    "お金",
    "カード",
    "돈",
)

_STRONG_WITHDRAWAL = (
    "widerruf",
    "retractation",
    "desistimiento",
    "recesso",
    "herroeping",
    "odstapic",
    "cayma",
    "arrependimento",
    "right of withdrawal",
    "return request",
    "return label",
)


@dataclass(frozen=True)
class Classification:
    kinds: tuple[RequestKind, ...]
    cues: tuple[str, ...]

    @property
    def data_request(self) -> RequestKind | None:
        return next((kind for kind in self.kinds if kind.is_data_request), None)

    @property
    def withdrawal(self) -> bool:
        return RequestKind.WITHDRAWAL in self.kinds


def fold(text: str) -> str:
    """Lower-case, accents stripped (Latin only: CJK, Hangul and Arabic stay as they are)."""
    lowered = text.casefold().replace("ı", "i").replace("ł", "l").replace("’", "'")
    decomposed = unicodedata.normalize("NFD", lowered)
    kept = "".join(
        ch for ch in decomposed if not (unicodedata.combining(ch) and _latin_mark(decomposed, ch))
    )
    return unicodedata.normalize("NFC", kept).replace("ß", "ss")


def _latin_mark(_text: str, ch: str) -> bool:
    # Combining marks below U+0370 are the Latin diacritics; Hangul/Kana marks stay.
    return ord(ch) < 0x0370


def _pattern(cues: Iterable[str]) -> list[tuple[str, re.Pattern[str]]]:
    """Cues in alphabetic scripts match at a word start ("reso" not in "compreso")."""
    compiled = []
    for cue in cues:
        folded = fold(cue)
        start = r"(?<!\w)" if folded[:1].isalpha() and ord(folded[0]) < 0x0590 else ""
        compiled.append((folded, re.compile(start + re.escape(folded))))
    return compiled


_FOLDED_CUES = {kind: _pattern(cues) for kind, cues in _CUES.items()}
_FOLDED_CONTEXT = _pattern(_DATA_CONTEXT)
_FOLDED_REFUND = _pattern(_REFUND_ONLY)
_FOLDED_STRONG = _pattern(_STRONG_WITHDRAWAL)


def _any(patterns: list[tuple[str, re.Pattern[str]]], text: str) -> bool:
    return any(pattern.search(text) for _, pattern in patterns)


def classify(texts: Iterable[str | None]) -> Classification:
    """The request kinds found in a message's texts (original, subject, translation)."""
    folded = " \n ".join(fold(text) for text in texts if text)
    kinds: list[RequestKind] = []
    cues: list[str] = []
    for kind, kind_cues in _FOLDED_CUES.items():
        hits = [cue for cue, pattern in kind_cues if pattern.search(folded)]
        if not hits:
            continue
        if kind in (RequestKind.DATA_ACCESS, RequestKind.DATA_CORRECTION) and not _any(
            _FOLDED_CONTEXT, folded
        ):
            continue
        if kind is RequestKind.WITHDRAWAL and _refund_follow_up(folded):
            continue
        kinds.append(kind)
        cues.extend(hits)
    return Classification(tuple(kinds), tuple(cues))


def _refund_follow_up(folded: str) -> bool:
    if _any(_FOLDED_STRONG, folded):
        return False
    return _any(_FOLDED_REFUND, folded)
