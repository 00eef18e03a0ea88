import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// The technician's way out, opened by the hidden corner gesture: a PIN pad, then a small menu.
// The digits stay in the technician model (only their number shows as dots); every answer (wrong,
// locked until, no PIN set, test page) is its bilingual message.
Rectangle {
    id: page
    required property var technician
    readonly property bool wide: width > height
    readonly property bool inMenu: technician.stage === "menu"
    visible: technician.stage !== ""
    color: Theme.background

    MouseArea { anchors.fill: parent }  // the citizen screen underneath never sees these touches

    // Landscape: what the services say on the left, Back under it, the keys on the right.
    // Portrait: one column from the top, Back last.
    GridLayout {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: Theme.gap
        height: page.wide ? parent.height - 2 * Theme.gap : implicitHeight
        columns: page.wide ? 2 : 1
        columnSpacing: Theme.gap * 2
        rowSpacing: Theme.gap

        ColumnLayout {
            Layout.row: 0
            Layout.column: 0
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignTop
            spacing: Theme.gap

            Text {
                objectName: "technicianTitle"
                Layout.fillWidth: true
                text: page.inMenu ? qsTr("Technician menu") : qsTr("Technician PIN")
                font.pixelSize: Theme.titleSize
                font.bold: true
                lineHeight: Theme.lineHeight
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            Text {
                objectName: "pinHint"
                Layout.fillWidth: true
                visible: page.technician.padShown
                text: qsTr("Type the PIN, then OK.")
                font.pixelSize: Theme.bodySize
                lineHeight: Theme.lineHeight
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            Text {
                objectName: "pinDots"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.titleSize * 1.2
                visible: page.technician.padShown
                text: "●".repeat(page.technician.dots)
                font.pixelSize: Theme.titleSize
                font.letterSpacing: 12
                color: Theme.text
                verticalAlignment: Text.AlignVCenter
            }
            Text {
                objectName: "technicianMessage"
                Layout.fillWidth: true
                visible: text !== ""
                text: page.technician.message
                font.pixelSize: Theme.bodySize
                lineHeight: Theme.lineHeight
                color: Theme.text
                wrapMode: Text.WordWrap
            }
        }

        PinPad {
            Layout.row: page.wide ? 0 : 1
            Layout.column: page.wide ? 1 : 0
            Layout.rowSpan: page.wide ? 2 : 1
            Layout.alignment: Qt.AlignTop | Qt.AlignHCenter
            visible: page.technician.padShown
            model: page.technician
            onAccepted: page.technician.submit()
        }

        ColumnLayout {
            objectName: "technicianMenu"
            Layout.row: page.wide ? 0 : 1
            Layout.column: page.wide ? 1 : 0
            Layout.rowSpan: page.wide ? 2 : 1
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignTop
            visible: page.inMenu
            spacing: Theme.gap
            BigButton {
                objectName: "exitKioskButton"
                Layout.fillWidth: true
                text: qsTr("Exit kiosk")
                tint: Theme.primary
                enabled: !page.technician.busy
                onClicked: page.technician.exitKiosk()
            }
            BigButton {
                objectName: "printTestButton"
                Layout.fillWidth: true
                text: qsTr("Print a test page")
                tint: Theme.accent
                enabled: !page.technician.busy
                onClicked: page.technician.printTestPage()
            }
        }

        BigButton {
            objectName: "technicianBackButton"
            Layout.row: page.wide ? 1 : 2
            Layout.column: 0
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignBottom
            text: qsTr("Back")
            tint: Theme.neutral
            onClicked: page.technician.dismiss()
        }
    }
}
