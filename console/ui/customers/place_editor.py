"""The dialog where an agent sets the customer's country, region and city.

The country box lists every country by name in the UI language with its code;
the agent may also type a code or a name in another language ("NL", "Holland",
"荷兰"), which is read when the dialog is saved. An empty country means unknown.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from console.customers.country import MAX_PLACE_CHARS, PLACE_UNKNOWN_COUNTRY, CustomerPlace
from console.problems import problem
from console.ui.common.display_names import country_name
from console.ui.common.follows_ui_language import FollowsUiLanguage
from console.ui.common.palette import set_role
from console.ui.common.problem_texts import problem_text
from timezones.country_guess import declared_country
from timezones.country_names import known_codes


def country_entry(code: str) -> str:
    """How a country reads in the box: "Netherlands (NL)"."""
    return f"{country_name(code)} ({code})"


class PlaceEditor(FollowsUiLanguage, QDialog):
    #: Saved: (country code or "", region, city).
    place_chosen = Signal(str, str, str)

    def __init__(self, place: CustomerPlace, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("placeEditor")
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.country = QComboBox(self)
        self.country.setObjectName("placeCountry")
        self.country.setEditable(True)
        self.country.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.country.setMaxVisibleItems(20)
        self.region = QLineEdit(self)
        self.region.setObjectName("placeRegion")
        self.region.setMaxLength(MAX_PLACE_CHARS)
        self.city = QLineEdit(self)
        self.city.setObjectName("placeCity")
        self.city.setMaxLength(MAX_PLACE_CHARS)
        self.problem = QLabel(self)
        self.problem.setObjectName("placeProblem")
        set_role(self.problem, "error")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.setObjectName("placeButtons")
        self._captions = [QLabel(self) for _ in range(3)]
        form = QFormLayout()
        for caption, field in zip(
            self._captions, (self.country, self.region, self.city), strict=True
        ):
            caption.setBuddy(field)
            form.addRow(caption, field)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

        self._fill_countries(place.country)
        self.region.setText(place.region or "")
        self.city.setText(place.city or "")
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self.ui_language_changed()

    def _fill_countries(self, current: str | None) -> None:
        entries = sorted(((country_entry(code), code) for code in known_codes()), key=_sort_key)
        self.country.addItem("", "")
        for text, code in entries:
            self.country.addItem(text, code)
        # Completion in the line itself: typing "Belg" offers "Belgium (BE)", no popup.
        completer = QCompleter([text for text, _ in entries], self.country)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.InlineCompletion)
        self.country.setCompleter(completer)
        index = self.country.findData(current) if current else 0
        if index >= 0:
            self.country.setCurrentIndex(index)
        else:  # stored but not a known code: shown as stored
            self.country.setEditText(current or "")

    def ui_language_changed(self) -> None:
        self.setWindowTitle(self.tr("Customer's place"))
        self.intro.setText(
            self.tr(
                "Where the customer is decides their return and privacy rules, deadlines "
                "and local time. What you set here is kept; new messages do not change it."
            )
        )
        for caption, text in zip(
            self._captions, (self.tr("&Country"), self.tr("&Region"), self.tr("C&ity")), strict=True
        ):
            caption.setText(text)
        line = self.country.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("Unknown"))
        self.region.setPlaceholderText(self.tr("State, province or region"))

    def chosen_country(self) -> str | None:
        """The code of the country in the box; "" for none; None when it is no country."""
        text = self.country.currentText().strip()
        if not text:
            return ""
        index = self.country.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            return str(self.country.itemData(index))
        return declared_country(text)

    def _save(self) -> None:
        code = self.chosen_country()
        if code is None:
            typed = self.country.currentText().strip()
            self.problem.setText(problem_text(problem(PLACE_UNKNOWN_COUNTRY, value=typed)))
            self.problem.show()
            self.country.setFocus()
            return
        self.place_chosen.emit(code, self.region.text().strip(), self.city.text().strip())
        self.accept()


def _sort_key(entry: tuple[str, str]) -> str:
    return entry[0].casefold()
