"""The form's fields as a list model: a changed answer updates its own row, so focus and scrolling stay."""

from __future__ import annotations

import functools
from typing import Any

from PySide6 import QtCore
from PySide6.QtCore import QAbstractListModel, QByteArray, QModelIndex, QObject, QPersistentModelIndex

ROLES = (
    "key",
    "type",
    "label",
    "hint",
    "mandatory",
    "value",
    "error",
    "keypad",
    "unit",
    "choices",
    "year",
    "month",
    "day",
    "dateText",
    "place",
    "detail",
    "places",
    "area",
    "photos",
    "maxPhotos",
)


@functools.cache
def _first_role() -> int:
    """The number of the first role (Qt's UserRole + 1; looked up on first use, see kiosk.ui.gui_thread)."""
    return int(QtCore.Qt.ItemDataRole.UserRole) + 1


class FormFieldsModel(QAbstractListModel):
    """Rows from kiosk.ui.form_rows; `set_rows` resets only when the fields themselves change."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        """How many fields the form has."""
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        """One role of one field."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        offset = role - _first_role()
        return self._rows[index.row()].get(ROLES[offset]) if 0 <= offset < len(ROLES) else None

    def roleNames(self) -> dict[int, QByteArray]:
        """The role names QML delegates use as required properties."""
        return {_first_role() + i: QByteArray(name.encode()) for i, name in enumerate(ROLES)}

    def set_rows(self, rows: list[dict[str, Any]], *, same_form: bool = False) -> None:
        """Show these rows: a reset for another form, else a dataChanged per changed row.

        With `same_form`, fields its conditions hide or show again are removed and inserted (the other
        rows, their focus and the scrolling stay).
        """
        if same_form:
            self._insert_and_remove(rows)
        if [row["key"] for row in rows] != [row["key"] for row in self._rows]:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
            return
        for number, (old, new) in enumerate(zip(self._rows, rows, strict=True)):
            if old != new:
                self._rows[number] = new
                index = self.index(number, 0)
                self.dataChanged.emit(index, index, [])

    def _insert_and_remove(self, rows: list[dict[str, Any]]) -> None:
        """Remove the rows whose keys are gone, then insert the new ones where they belong."""
        kept = {row["key"] for row in rows}
        for number in reversed(range(len(self._rows))):
            if self._rows[number]["key"] not in kept:
                self.beginRemoveRows(QModelIndex(), number, number)
                del self._rows[number]
                self.endRemoveRows()
        present = {row["key"] for row in self._rows}
        for number, row in enumerate(rows):
            if row["key"] not in present and number <= len(self._rows):
                self.beginInsertRows(QModelIndex(), number, number)
                self._rows.insert(number, row)
                self.endInsertRows()

    def rows(self) -> list[dict[str, Any]]:
        """A copy of the rows (the `fields` property and tests read it)."""
        return [dict(row) for row in self._rows]
