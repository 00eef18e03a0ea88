import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// A large home-screen tile with a title and a one-line explanation.
AbstractButton {
    id: tile
    property string title
    property string subtitle
    // Elder mode shows titles only (fewer words per screen), unless the subtitle is the tile's state.
    property bool subtitleInElderMode: false
    property color tint: Theme.primary
    implicitHeight: Math.max(Theme.touchHeight,
                              titleText.implicitHeight + (subtitleText.visible ? subtitleText.implicitHeight : 0) + 40)
    implicitWidth: 420
    background: Rectangle {
        radius: 22
        color: tile.down ? Qt.darker(tile.tint, 1.2) : tile.tint
    }
    contentItem: ColumnLayout {
        spacing: 8
        Item { Layout.fillHeight: true }
        Text {
            id: titleText
            Layout.fillWidth: true
            text: tile.title
            color: Theme.onTint
            font.pixelSize: Theme.tileTitleSize
            font.bold: true
            lineHeight: Theme.lineHeight
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
        }
        Text {
            id: subtitleText
            Layout.fillWidth: true
            visible: text !== "" && (!Theme.elder || tile.subtitleInElderMode)
            text: tile.subtitle
            color: Theme.onTint
            font.pixelSize: Theme.bodySize
            lineHeight: Theme.lineHeight
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            maximumLineCount: 2
            elide: Text.ElideRight
        }
        Item { Layout.fillHeight: true }
    }
}
