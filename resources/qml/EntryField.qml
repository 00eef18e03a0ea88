import QtQuick
import QtQuick.Controls
import "."

// A large text entry. `usesKeypad` fields are typed on the page's own keypad (Main.qml keeps the on-screen
// keyboard closed for them); the others on the on-screen keyboard (pinyin or English).
TextField {
    id: entry
    property string answerKey
    property bool usesKeypad: false
    property bool allowX: false
    property bool hasError: false
    implicitHeight: Theme.touchHeight
    // The pinyin keyboard learns no phrase from a citizen (its user dictionary is off for sensitive data).
    inputMethodHints: Qt.ImhSensitiveData
    font.pixelSize: Theme.bodySize + 4
    color: Theme.text
    placeholderTextColor: Theme.muted
    leftPadding: 16
    rightPadding: 16
    background: Rectangle {
        radius: 10
        color: Theme.surface
        border.width: entry.activeFocus ? 4 : 2
        border.color: entry.hasError ? Theme.error : entry.activeFocus ? Theme.accent : "#8a9099"
    }
}
