import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// The rating helper's calm notice (already rated, voucher not found, not saved), where the citizen is.
Text {
    id: notice
    required property var rating
    objectName: "ratingNotice"
    Layout.fillWidth: true
    visible: text !== ""
    text: rating.notice
    font.pixelSize: Theme.titleSize - 6
    font.bold: true
    lineHeight: Theme.lineHeight
    color: Theme.text
    wrapMode: Text.WordWrap
    onTextChanged: if (notice.text !== "") ApplicationWindow.window.speaker.say(notice.text)  // elder mode says it
}
