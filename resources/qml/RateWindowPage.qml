import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// 一次一评: which counter served the citizen — the window number (窗口号, required) and the staff number (工号,
// if they know it), typed on the page's own keypad and checked by the helper — then the kind of service (the
// catalog's categories), then the service, so that each screen offers a short list.
Page {
    id: page
    required property var rating
    property bool servicesStep: false
    // The first screen asks for the counter; once the helper accepts the numbers it shows the categories.
    property bool counterGiven: false
    readonly property bool counterStep: !servicesStep && !counterGiven
    // The field typed into, from a tap on it until Done on the keypad.
    property Item typingField: null
    signal categoryChosen(string code)
    signal serviceChosen(string code)
    title: counterStep ? qsTr("Which counter served you?")
        : servicesStep ? qsTr("Which service did you receive?") : qsTr("What kind of service was it?")
    background: Rectangle { color: Theme.background }

    function confirmCounter() {
        if (!page.rating.setCounter(windowField.text, staffField.text))
            return
        page.typingField = null
        page.counterGiven = true
    }

    RatingKeypadFrame {
        id: frame
        anchors.fill: parent
        wide: page.width > page.height
        visible: page.counterStep
        target: page.counterStep ? page.typingField : null
        onDone: {
            page.typingField = null
            counterScroll.forceActiveFocus()
        }

        RatingScroll {
            id: counterScroll
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.top: parent.top
            anchors.bottom: counterNext.top
            anchors.margins: Theme.gap
            anchors.bottomMargin: Theme.gap / 2

            RatingHeading {
                objectName: "counterTitle"
                text: page.title
            }
            Text {
                Layout.fillWidth: true
                text: qsTr("The numbers are on the sign at the counter and on the staff member's badge.")
                font.pixelSize: Theme.bodySize
                lineHeight: Theme.lineHeight
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            Text {
                Layout.fillWidth: true
                Layout.topMargin: Theme.gap / 2
                text: qsTr("Counter number")
                font.pixelSize: Theme.bodySize
                font.bold: true
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            RatingField {
                id: windowField
                objectName: "windowNumberField"
                readonly property bool usesKeypad: true  // Main.qml keeps the on-screen keyboard closed
                placeholderText: qsTr("For example 3")
                inputMethodHints: Qt.ImhDigitsOnly | Qt.ImhNoPredictiveText | Qt.ImhSensitiveData
                maximumLength: 3
                Component.onCompleted: text = page.rating.counterWindow
                onTextChanged: page.rating.clearError("window_no")
                onActiveFocusChanged: if (activeFocus) {
                    page.typingField = this
                    Qt.callLater(counterScroll.ensureVisible, this)
                }
            }
            RatingError { objectName: "windowNumberError"; rating: page.rating; field: "window_no"; scroll: counterScroll }
            Text {
                Layout.fillWidth: true
                Layout.topMargin: Theme.gap / 2
                text: qsTr("Staff number (if you know it)")
                font.pixelSize: Theme.bodySize
                font.bold: true
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            RatingField {
                id: staffField
                objectName: "staffNumberField"
                readonly property bool usesKeypad: true
                placeholderText: qsTr("May be left empty")
                inputMethodHints: Qt.ImhDigitsOnly | Qt.ImhNoPredictiveText | Qt.ImhSensitiveData
                maximumLength: 10
                Component.onCompleted: text = page.rating.counterStaff
                onTextChanged: page.rating.clearError("staff_no")
                onActiveFocusChanged: if (activeFocus) {
                    page.typingField = this
                    Qt.callLater(counterScroll.ensureVisible, this)
                }
            }
            RatingError { objectName: "staffNumberError"; rating: page.rating; field: "staff_no"; scroll: counterScroll }
        }

        BigButton {
            id: counterNext
            objectName: "counterNextButton"
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            anchors.margins: Theme.gap
            text: qsTr("Next ›")
            tint: Theme.accent
            onClicked: page.confirmCounter()
        }
    }

    RatingScroll {
        anchors.fill: parent
        anchors.margins: Theme.gap
        visible: !page.counterStep

        RatingHeading {
            objectName: "rateWindowTitle"
            text: page.title
        }
        GridLayout {
            Layout.fillWidth: true
            columns: page.width > page.height && !Theme.elder ? 2 : 1
            columnSpacing: Theme.gap / 2
            rowSpacing: Theme.gap / 2
            Repeater {
                model: page.servicesStep ? page.rating.windowServices : page.rating.windowCategories
                delegate: ItemDelegate {
                    id: choice
                    required property var modelData
                    objectName: (page.servicesStep ? "rateService_" : "rateCategory_") + modelData.code
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    implicitHeight: Math.max(Theme.touchHeight, choiceText.implicitHeight + 24)
                    contentItem: Text {
                        id: choiceText
                        text: choice.modelData.name
                        font.pixelSize: Theme.bodySize
                        lineHeight: Theme.lineHeight
                        color: Theme.text
                        verticalAlignment: Text.AlignVCenter
                        wrapMode: Text.WordWrap
                    }
                    background: Rectangle {
                        radius: 10
                        color: choice.down ? "#e3ecf9" : Theme.surface
                        border.width: 2
                        border.color: "#c3c8d0"
                    }
                    onClicked: page.servicesStep ? page.serviceChosen(modelData.code)
                                                 : page.categoryChosen(modelData.code)
                }
            }
        }
    }
}
