import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// A large home-screen tile with a title and a one-line explanation.
AbstractButton {
    id: tile
    property string title
    property string subtitle
    property color tint: Theme.primary
    implicitHeight: 260
    implicitWidth: 420
    background: Rectangle {
        radius: 22
        color: tile.down ? Qt.darker(tile.tint, 1.2) : tile.tint
    }
    contentItem: ColumnLayout {
        spacing: 16
        Text {
            Layout.fillWidth: true
            text: tile.title
            color: "white"
            font.pixelSize: 52
            font.bold: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
        }
        Text {
            Layout.fillWidth: true
            text: tile.subtitle
            color: "#fbeaea"
            font.pixelSize: Theme.bodySize
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
        }
    }
}
