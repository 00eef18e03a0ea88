import QtQuick
import QtQuick.Layouts
import "."

// The bottom row of a rating screen: "No rating" on the left, always there and just as calm, and the step
// forward on the right. Once the rating is closed (already rated, voucher not found) only the way home stays.
RowLayout {
    id: row
    property bool closed: false
    property alias forwardText: forwardButton.text
    property alias forwardName: forwardButton.objectName
    property bool forwardShown: true
    property bool forwardEnabled: true
    signal leave()
    signal forward()
    spacing: Theme.gap

    BigButton {
        objectName: row.closed ? "ratingHomeButton" : "skipRatingButton"
        text: row.closed ? qsTr("Back to the home screen") : qsTr("No rating")
        tint: Theme.neutral
        onClicked: row.leave()
    }
    Item { Layout.fillWidth: true }
    BigButton {
        id: forwardButton
        visible: row.forwardShown && !row.closed
        enabled: row.forwardEnabled
        tint: Theme.accent
        onClicked: {
            Qt.inputMethod.commit()
            Qt.inputMethod.hide()
            row.forward()
        }
    }
}
