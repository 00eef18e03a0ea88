import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// A signed-in village helper's home: who is signed in, what waits to reach the county, filing for a resident
// (帮办, consent first), a filing looked up by its voucher (a resident's receipt), lock and sign out.
Page {
    id: page
    required property var helper
    property string note: ""  // e.g. 草稿已保存…, after a draft was kept
    signal lookupRequested()
    signal fileRequested()
    signal filingsRequested()
    title: qsTr("Helper workspace")
    background: Rectangle { color: Theme.background }
    Component.onCompleted: page.helper.refreshUploads()

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap
        spacing: Theme.gap

        Text {
            objectName: "helperHomeTitle"
            Layout.fillWidth: true
            text: page.title
            font.pixelSize: Theme.titleSize
            font.bold: true
            lineHeight: Theme.lineHeight
            color: Theme.text
            wrapMode: Text.WordWrap
        }
        Text {
            objectName: "helperWho"
            Layout.fillWidth: true
            text: qsTr("Signed in: %1").arg(page.helper.who)
            font.pixelSize: Theme.bodySize
            lineHeight: Theme.lineHeight
            color: Theme.text
            wrapMode: Text.WordWrap
        }
        Text {
            objectName: "helperNote"
            Layout.fillWidth: true
            visible: text !== ""
            text: page.note
            font.pixelSize: Theme.bodySize
            font.bold: true
            lineHeight: Theme.lineHeight
            color: Theme.calm
            wrapMode: Text.WordWrap
        }
        Text {
            objectName: "helperUploads"
            Layout.fillWidth: true
            visible: text !== ""
            text: page.helper.uploadSummary
            font.pixelSize: Theme.bodySize
            lineHeight: Theme.lineHeight
            color: Theme.muted
            wrapMode: Text.WordWrap
        }
        Tile {
            objectName: "helperFileTile"
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.maximumHeight: 2.5 * Theme.touchHeight
            title: qsTr("File for a resident")
            subtitle: qsTr("With the resident's consent, signed or witnessed")
            onClicked: page.fileRequested()
        }
        Tile {
            objectName: "helperLookupTile"
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.maximumHeight: 2.5 * Theme.touchHeight
            title: qsTr("Check a filing")
            subtitle: qsTr("Scan or type the voucher on the resident's receipt")
            tint: Theme.accent
            onClicked: page.lookupRequested()
        }
        Item { Layout.fillHeight: true }
        Flow {
            Layout.fillWidth: true
            spacing: Theme.gap
            BigButton {
                objectName: "myFilingsButton"
                text: qsTr("My filings")
                tint: Theme.calm
                onClicked: page.filingsRequested()
            }
            BigButton {
                objectName: "helperLockButton"
                text: qsTr("Lock screen")
                tint: Theme.accent
                onClicked: page.helper.lockNow()
            }
            BigButton {
                objectName: "helperHomeSignOutButton"
                text: qsTr("Sign out")
                tint: Theme.neutral
                onClicked: page.helper.signOut()
            }
        }
    }
}
