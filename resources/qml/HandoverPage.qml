import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// After an assisted filing: a helper never rates for the resident (不得代评). The screen is handed over and the
// resident confirms with the last four characters of their own ID number; or rates later with the receipt's
// voucher at any kiosk.
Page {
    id: page
    required property var rating
    required property string voucher
    readonly property bool forResident: true
    signal handedOver(string lastFour)
    signal later()
    title: qsTr("Please hand the screen to the resident to rate the service")
    background: Rectangle { color: Theme.background }
    property bool refused: false

    Connections {
        target: page.rating
        function onHandoverChecked(ok) {
            page.refused = !ok
            if (ok)
                page.handedOver(lastFour.text)
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap
        spacing: Theme.gap
        Text {
            objectName: "handoverTitle"
            Layout.fillWidth: true
            text: page.title
            font.pixelSize: Theme.titleSize
            font.bold: true
            lineHeight: Theme.lineHeight
            color: Theme.text
            wrapMode: Text.WordWrap
        }
        Text {
            Layout.fillWidth: true
            text: qsTr("Resident: type the last four characters of your own ID number, then tap Rate.")
            font.pixelSize: Theme.bodySize
            lineHeight: Theme.lineHeight
            color: Theme.text
            wrapMode: Text.WordWrap
        }
        EntryField {
            id: lastFour
            objectName: "handoverField"
            Layout.preferredWidth: 8 * Theme.bodySize
            maximumLength: 4
            inputMethodHints: Qt.ImhPreferNumbers | Qt.ImhPreferUppercase | Qt.ImhLatinOnly | Qt.ImhSensitiveData | Qt.ImhNoPredictiveText
            onTextChanged: page.refused = false
        }
        Text {
            objectName: "handoverMessage"
            Layout.fillWidth: true
            visible: page.refused
            text: qsTr("Those are not the last four characters of the ID number: the resident types their own.")
            font.pixelSize: Theme.bodySize
            font.bold: true
            lineHeight: Theme.lineHeight
            color: Theme.error
            wrapMode: Text.WordWrap
        }
        Item { Layout.fillHeight: true }
        Flow {
            Layout.fillWidth: true
            spacing: Theme.gap
            BigButton {
                objectName: "handoverRateButton"
                text: qsTr("Rate")
                onClicked: page.rating.checkHandover(page.voucher, lastFour.text)
            }
            BigButton {
                objectName: "handoverLaterButton"
                text: qsTr("Rate later with the receipt")
                tint: Theme.neutral
                onClicked: page.later()
            }
        }
    }
}
