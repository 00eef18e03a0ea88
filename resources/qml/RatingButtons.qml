import QtQuick
import QtQuick.Layouts
import "."

// The bottom row of a rating screen: "No rating" on the left, always there and just as calm, and the step
// forward on the right.
RowLayout {
    id: row
    property alias leaveText: leaveButton.text
    property alias leaveName: leaveButton.objectName
    property alias forwardText: forwardButton.text
    property alias forwardName: forwardButton.objectName
    property bool forwardShown: true
    property bool forwardEnabled: true
    signal leave()
    signal forward()
    spacing: Theme.gap

    BigButton {
        id: leaveButton
        objectName: "skipRatingButton"
        text: qsTr("No rating")
        tint: Theme.neutral
        onClicked: row.leave()
    }
    Item { Layout.fillWidth: true }
    BigButton {
        id: forwardButton
        visible: row.forwardShown
        enabled: row.forwardEnabled
        tint: Theme.accent
        onClicked: {
            Qt.inputMethod.commit()
            Qt.inputMethod.hide()
            row.forward()
        }
    }
}
