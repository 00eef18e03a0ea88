import QtQuick
import QtQuick.Layouts
import "."

// The question at the top of a rating screen: large, bold, wrapping.
Text {
    Layout.fillWidth: true
    font.pixelSize: Theme.titleSize - 6
    font.bold: true
    lineHeight: Theme.lineHeight
    color: Theme.text
    wrapMode: Text.WordWrap
}
