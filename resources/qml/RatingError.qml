import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// The rating helper's error, shown beside the thing it is about (reasons, comment, callback_phone) and
// scrolled into view when it appears.
Text {
    id: error
    required property var rating
    required property string field
    required property var scroll
    Layout.fillWidth: true
    visible: rating.errorField === field
    text: visible ? rating.error : ""
    font.pixelSize: Theme.bodySize
    font.bold: true
    lineHeight: Theme.lineHeight
    color: Theme.error
    wrapMode: Text.WordWrap
    onVisibleChanged: if (visible) Qt.callLater(scroll.ensureVisible, error)
    onTextChanged: if (error.text !== "") ApplicationWindow.window.speaker.say(error.text)  // elder mode says it
}
