import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// The last step of a bad rating: whether to be called back. The rating (face and reasons) is stored whichever
// way the citizen leaves this step by its buttons: "No call-back, submit" stores it without a number, never
// drops it. A rating of a filing offers the mobile number given with the filing, masked, in one tap; another
// number is typed on the page's own keypad (RatingKeypadFrame), which stays open from a tap on the field until
// Done, so a tap on a button never moves it from under the finger. The number is checked by the helper.
Page {
    id: page
    required property var rating
    signal finished()
    title: qsTr("Would you like a call back?")
    background: Rectangle { color: Theme.background }

    // From a tap on the field until Done on the keypad.
    property bool typing: false
    readonly property bool closed: page.rating.stage === "closed"

    RatingKeypadFrame {
        id: frame
        anchors.fill: parent
        wide: page.width > page.height
        target: page.typing ? phoneField : null
        onDone: {
            page.typing = false
            scroll.forceActiveFocus()
        }

        RatingScroll {
            id: scroll
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.top: parent.top
            anchors.bottom: buttons.top
            anchors.margins: Theme.gap
            anchors.bottomMargin: Theme.gap / 2

            RatingNotice { rating: page.rating }
            RatingHeading {
                objectName: "callbackTitle"
                visible: !page.closed
                text: page.title
            }
            Text {
                objectName: "callbackOffer"
                Layout.fillWidth: true
                visible: !page.closed
                text: page.rating.callbackOffer
                font.pixelSize: Theme.bodySize
                lineHeight: Theme.lineHeight
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            // The number the filing gave, masked: one tap stores the rating with a call-back to it.
            BigButton {
                id: filingPhoneButton
                objectName: "useFilingPhoneButton"
                Layout.fillWidth: true
                Layout.preferredHeight: Math.max(Theme.touchHeight, filingPhoneButton.contentItem.implicitHeight + 24)
                visible: !page.closed && page.rating.filingPhone !== ""
                enabled: !page.rating.pending
                text: qsTr("Call me on %1, the number given with the filing").arg(page.rating.filingPhone)
                tint: Theme.calm
                onClicked: page.rating.submitWithFilingPhone()
            }
            Text {
                objectName: "otherPhoneHint"
                Layout.fillWidth: true
                visible: !page.closed && page.rating.filingPhone !== ""
                text: qsTr("Or type another mobile number:")
                font.pixelSize: Theme.bodySize
                lineHeight: Theme.lineHeight
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            RatingField {
                id: phoneField
                objectName: "callbackPhoneField"
                // Typed on the keypad: Main.qml keeps the on-screen keyboard closed for it.
                readonly property bool usesKeypad: true
                visible: !page.closed
                placeholderText: qsTr("Mobile number for the call back")
                inputMethodHints: Qt.ImhDigitsOnly | Qt.ImhNoPredictiveText | Qt.ImhSensitiveData
                maximumLength: 20
                onActiveFocusChanged: if (activeFocus) {
                    page.typing = true
                    Qt.callLater(scroll.ensureVisible, this)
                }
            }
            RatingError { id: phoneError; objectName: "phoneError"; rating: page.rating; field: "callback_phone"; scroll: scroll }
        }

        RatingButtons {
            id: buttons
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            anchors.margins: Theme.gap
            closed: page.closed
            leaveName: "noCallbackButton"
            leaveText: qsTr("No call back, submit")
            forwardName: "submitCallbackButton"
            forwardText: qsTr("Call me on this number")
            forwardEnabled: !page.rating.pending
            onLeave: page.closed ? page.finished() : page.rating.submit("")
            onForward: page.rating.submitCallback(phoneField.text)
        }
    }

    // The keypad leaves little room (landscape, elder mode): once the column has grown (an error under the
    // field) or the view has shrunk (the keypad opened), the field and its error are brought into view.
    Connections {
        target: scroll
        function onContentHeightChanged() { keepInView.restart() }
        function onHeightChanged() { keepInView.restart() }
    }
    Timer {
        id: keepInView
        interval: 60
        onTriggered: {
            if (phoneError.visible)
                scroll.ensureVisible(phoneError)
            else if (phoneField.activeFocus)
                scroll.ensureVisible(phoneField)
        }
    }
}
