import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// Home: big tiles for filing a service and looking a filing up.
Page {
    id: page
    signal fileRequested()
    signal lookupRequested()
    background: Rectangle { color: Theme.background }

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 80, 1100)
        spacing: 40

        Text {
            Layout.fillWidth: true
            text: qsTr("Welcome. What would you like to do?")
            font.pixelSize: Theme.titleSize + 6
            font.bold: true
            color: Theme.text
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: 40
            Tile {
                objectName: "fileTile"
                Layout.fillWidth: true
                title: qsTr("File a service")
                subtitle: qsTr("Find a service and apply")
                onClicked: page.fileRequested()
            }
            Tile {
                objectName: "lookupTile"
                Layout.fillWidth: true
                title: qsTr("Check a filing")
                subtitle: qsTr("Enter the voucher code on your receipt")
                tint: "#2b5fad"
                onClicked: page.lookupRequested()
            }
        }
        Text {
            objectName: "sampleNotice"
            Layout.fillWidth: true
            visible: text !== ""
            text: window.vm.sampleNotice
            color: Theme.muted
            font.pixelSize: Theme.bodySize - 2
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
        }
    }
}
