import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// After the reasons of a bad rating: an optional mobile number for a call-back (digits keyboard), then Submit.
// The field sits near the top, so the on-screen keyboard never covers it.
Page {
    id: page
    required property var rating
    signal finished()
    title: qsTr("Would you like a call back?")
    background: Rectangle { color: Theme.background }

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
            visible: page.rating.stage !== "closed"
            placeholderText: qsTr("Mobile number (optional)")
            inputMethodHints: Qt.ImhDialableCharactersOnly | Qt.ImhNoPredictiveText | Qt.ImhSensitiveData
            maximumLength: 20
            onActiveFocusChanged: if (activeFocus) Qt.callLater(scroll.ensureVisible, this)
        }
        RatingError { objectName: "phoneError"; rating: page.rating; field: "callback_phone"; scroll: scroll }
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
