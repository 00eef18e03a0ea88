import QtQuick
import QtQuick.Layouts
import "."

// The bottom row of a rating screen: "No rating" on the left, always there and just as calm, and the step
// forward on the right. Once the rating is closed (already rated, voucher not found) only the way home stays.
// Too narrow for both side by side (beside the keypad, elder mode, English), the step forward goes under it.
GridLayout {
    id: row
    property bool closed: false
    property alias forwardText: forwardButton.text
    property alias forwardName: forwardButton.objectName
    property bool forwardShown: true
    property bool forwardEnabled: true
    signal leave()
    signal forward()
    readonly property bool sideBySide: !forwardButton.visible
        || width >= leaveButton.implicitWidth + columnSpacing + forwardButton.implicitWidth
    columns: sideBySide ? 3 : 1
    rowSpacing: Theme.gap
    columnSpacing: Theme.gap

    BigButton {
        id: leaveButton
        objectName: row.closed ? "ratingHomeButton" : "skipRatingButton"
        Layout.fillWidth: !row.sideBySide
        text: row.closed ? qsTr("Back to the home screen") : qsTr("No rating")
        tint: Theme.neutral
        onClicked: row.leave()
    }
    Item { visible: row.sideBySide; Layout.fillWidth: true }
    BigButton {
        id: forwardButton
        Layout.fillWidth: !row.sideBySide
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
