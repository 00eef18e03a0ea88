import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// After the reasons of a bad rating: an optional mobile number for a call-back, then Submit.
// The number is typed on the page's own large keypad, like a form's phone field: beside the page in landscape,
// under it in portrait, with Submit and No rating always above or beside it; the on-screen keyboard stays
// closed (the field `usesKeypad`, see Main.qml). The keypad stays open from a tap on the field until Done, so a
// tap on Submit or No rating never moves them from under the finger. The number is checked by the helper.
Page {
    id: page
    required property var rating
    signal finished()
    title: qsTr("Would you like a call back?")
    background: Rectangle { color: Theme.background }

    // From a tap on the field until Done on the keypad.
    property bool typing: false
    readonly property bool keypadShown: typing && phoneField.visible
    readonly property bool wide: width > height

    Item {
        id: content
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.right: page.keypadShown && page.wide ? pad.left : parent.right
        anchors.bottom: page.keypadShown && !page.wide ? pad.top : parent.bottom

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
                visible: page.rating.stage !== "closed"
                text: page.title
            }
            Text {
                objectName: "callbackOffer"
                Layout.fillWidth: true
                visible: page.rating.stage !== "closed"
                text: page.rating.callbackOffer
                font.pixelSize: Theme.bodySize
                lineHeight: Theme.lineHeight
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            RatingField {
                id: phoneField
                objectName: "callbackPhoneField"
                // Typed on the keypad below: Main.qml keeps the on-screen keyboard closed for it.
                readonly property bool usesKeypad: true
                visible: page.rating.stage !== "closed"
                placeholderText: qsTr("Mobile number (optional)")
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
            closed: page.rating.stage === "closed"
            forwardName: "submitCallbackButton"
            forwardText: qsTr("Submit rating")
            forwardEnabled: !page.rating.pending
            onLeave: page.finished()
            onForward: page.rating.submit(phoneField.text)
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

    DigitPad {
        id: pad
        objectName: "digitPad"
        visible: page.keypadShown
        target: page.keypadShown ? phoneField : null
        beside: page.wide
        // A tap on Submit may have taken the focus: the field typed into is marked again.
        onEdited: if (!phoneField.activeFocus) phoneField.forceActiveFocus()
        onDone: {
            page.typing = false
            scroll.forceActiveFocus()
        }
    }
}
