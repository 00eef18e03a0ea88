import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// After a rating is stored: thanks, and what happens next (a call-back only when a phone number was left).
// Goes home by itself after a while; the Home button does it at once.
Page {
    id: page
    required property var rating
    signal finished()
    title: qsTr("Thank you")
    background: Rectangle { color: Theme.background }

    // Leaving by Back (or any other way) forgets the rating: the thank-you names a masked phone number.
    StackView.onRemoved: page.rating.clear()

    Timer {
        interval: Theme.elder ? 40000 : 20000
        running: page.StackView.status === StackView.Active
        onTriggered: page.finished()
    }

    Flickable {
        id: flick
        anchors.fill: parent
        anchors.margins: Theme.gap
        clip: true
        contentWidth: width
        contentHeight: Math.max(height, column.implicitHeight)
        boundsBehavior: Flickable.StopAtBounds
        ScrollCue { flickable: flick }

        ColumnLayout {
            id: column
            anchors.centerIn: parent
            width: Math.min(flick.width - 2 * Theme.gap, 1000)
            spacing: Theme.gap

            Text {
                objectName: "thanksTitle"
                Layout.fillWidth: true
                text: page.title
                font.pixelSize: Theme.titleSize + 6
                font.bold: true
                color: Theme.text
                horizontalAlignment: Text.AlignHCenter
            }
            Text {
                objectName: "thanksText"
                Layout.fillWidth: true
                text: page.rating.thanks
                font.pixelSize: Theme.bodySize + 2
                lineHeight: Theme.lineHeight
                color: Theme.text
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
            }
            BigButton {
                objectName: "thanksHomeButton"
                Layout.alignment: Qt.AlignHCenter
                Layout.topMargin: Theme.gap
                text: qsTr("Back to the home screen")
                tint: Theme.accent
                onClicked: page.finished()
            }
        }
    }
}
