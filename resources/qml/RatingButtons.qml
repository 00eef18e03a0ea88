import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// The bottom row of a rating screen: the way out on the left ("No rating", always there and just as calm), and
// the step forward on the right. Once the rating is closed (already rated, voucher not found) only the way home
// stays. Too narrow for both side by side (beside the keypad, elder mode, English), the step forward goes under
// it. Once something is chosen (`confirmLeave`), "No rating" first asks, in words, whether to drop it: nothing the
// citizen chose is thrown away without them being told.
ColumnLayout {
    id: row
    property bool closed: false
    property string forwardText
    property string forwardName
    property string leaveText: qsTr("No rating")
    property string leaveName: "skipRatingButton"
    property bool forwardShown: true
    property bool forwardEnabled: true
    property bool confirmLeave: false
    property bool asking: false
    signal leave()
    signal forward()
    spacing: Theme.gap / 2

    readonly property bool sideBySide: !forwardButton.visible
        || width >= leaveButton.implicitWidth + grid.columnSpacing + forwardButton.implicitWidth

    onClosedChanged: asking = false
    onAskingChanged: if (asking) ApplicationWindow.window.speaker.say(question.text)  // elder mode says it

    Text {
        id: question
        objectName: "skipQuestion"
        Layout.fillWidth: true
        visible: row.asking
        text: qsTr("Leave without rating? What you have chosen will not be saved.")
        font.pixelSize: Theme.bodySize + 2
        font.bold: true
        lineHeight: Theme.lineHeight
        color: Theme.text
        wrapMode: Text.WordWrap
    }

    GridLayout {
        id: grid
        Layout.fillWidth: true
        columns: row.sideBySide ? 3 : 1
        rowSpacing: Theme.gap
        columnSpacing: Theme.gap

        BigButton {
            id: leaveButton
            objectName: row.closed ? "ratingHomeButton" : row.asking ? "confirmSkipButton" : row.leaveName
            Layout.fillWidth: !row.sideBySide
            text: row.closed ? qsTr("Back to the home screen")
                : row.asking ? qsTr("Yes, leave without rating") : row.leaveText
            tint: Theme.neutral
            onClicked: {
                if (row.confirmLeave && !row.asking && !row.closed) {
                    row.asking = true
                    return
                }
                row.asking = false
                row.leave()
            }
        }
        Item { visible: row.sideBySide; Layout.fillWidth: true }
        BigButton {
            id: forwardButton
            objectName: row.asking ? "keepRatingButton" : row.forwardName
            Layout.fillWidth: !row.sideBySide
            text: row.asking ? qsTr("No, keep my rating") : row.forwardText
            visible: (row.forwardShown || row.asking) && !row.closed
            enabled: row.forwardEnabled || row.asking
            tint: Theme.accent
            onClicked: {
                if (row.asking) {
                    row.asking = false
                    return
                }
                Qt.inputMethod.commit()
                Qt.inputMethod.hide()
                row.forward()
            }
        }
    }
}
