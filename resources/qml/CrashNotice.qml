import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// The calm notice after a bug: what it means for the citizen's business, never the bug itself.
// Every word comes from the crash handler in both languages (it must read right even before translation).
Rectangle {
    id: notice
    required property var crash
    visible: crash.shown
    color: Theme.background

    // One tap anywhere goes home (the handler keeps a voucher code on screen until the button).
    MouseArea {
        anchors.fill: parent
        onClicked: notice.crash.tapped()
    }

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 4 * Theme.gap, 1000)
        spacing: Theme.gap * 1.5

        Text {
            objectName: "crashTitle"
            Layout.fillWidth: true
            text: notice.crash.title
            font.pixelSize: Theme.titleSize
            font.bold: true
            lineHeight: Theme.lineHeight
            color: Theme.text
            wrapMode: Text.WordWrap
        }
        Text {
            objectName: "crashMessage"
            Layout.fillWidth: true
            text: notice.crash.message
            font.pixelSize: Theme.bodySize
            lineHeight: Theme.lineHeight
            color: Theme.text
            wrapMode: Text.WordWrap
        }
        Text {
            objectName: "crashVoucher"
            Layout.fillWidth: true
            visible: text !== ""
            text: notice.crash.voucher
            font.pixelSize: Theme.titleSize + 10
            font.bold: true
            font.letterSpacing: 4
            color: Theme.text
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WrapAnywhere
        }
        BigButton {
            objectName: "crashHomeButton"
            Layout.alignment: Qt.AlignHCenter
            visible: notice.crash.canDismiss
            text: notice.crash.buttonText
            onClicked: notice.crash.dismiss()
        }
    }
}
