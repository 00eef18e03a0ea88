import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// A text field of the rating screens: large, with a clear border that thickens while it is typed into.
TextField {
    id: field
    Layout.fillWidth: true
    Layout.preferredHeight: Theme.touchHeight
    // The pinyin keyboard learns no phrase from a citizen (its user dictionary is off for sensitive data).
    inputMethodHints: Qt.ImhSensitiveData
    font.pixelSize: Theme.bodySize + 2
    color: Theme.text
    placeholderTextColor: Theme.muted
    background: Rectangle {
        radius: 10
        color: Theme.surface
        border.width: field.activeFocus ? 4 : 2
        border.color: field.activeFocus ? Theme.accent : "#8a8f98"
    }
}
