import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// The village helper's screens over the citizen's: sign-in (staff number + PIN), the PIN set-up with the
// county's one-time code, and the lock screen of a signed-in helper. Staff number and code are typed on the
// on-screen keyboard; PINs only on the pad (the helper model keeps the digits, QML sees their number).
Rectangle {
    id: page
    required property var helper
    readonly property bool wide: width > height
    readonly property string stage: helper.stage
    readonly property bool locked: stage === "locked"
    readonly property bool settingUp: stage === "setup"
    visible: stage !== ""
    color: Theme.background

    MouseArea { anchors.fill: parent }  // the citizen screen underneath never sees these touches

    onStageChanged: {
        staffNoField.text = ""
        setupCodeField.text = ""
    }
    // A staff card (工作证) scanned: its number in the entry; the PIN is still typed.
    Connections {
        target: page.helper
        function onCardScanned(staffNo) { staffNoField.text = staffNo }
    }

    function accept() {
        if (page.stage === "signin")
            page.helper.signIn(staffNoField.text)
        else if (page.settingUp)
            page.helper.setUp(staffNoField.text, setupCodeField.text)
        else
            page.helper.unlock()
    }

    GridLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap
        columns: page.wide ? 2 : 1
        columnSpacing: Theme.gap * 2
        rowSpacing: Theme.gap

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: page.wide
            Layout.alignment: Qt.AlignTop
            spacing: Theme.gap

            Text {
                objectName: "helperTitle"
                Layout.fillWidth: true
                text: page.locked ? qsTr("Screen locked") : page.settingUp ? qsTr("Set your PIN")
                                                                                  : qsTr("Staff sign-in")
                font.pixelSize: Theme.titleSize
                font.bold: true
                lineHeight: Theme.lineHeight
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            EntryField {
                id: staffNoField
                objectName: "staffNoField"
                Layout.fillWidth: true
                visible: !page.locked
                placeholderText: qsTr("Staff number")
                inputMethodHints: Qt.ImhPreferUppercase | Qt.ImhNoPredictiveText | Qt.ImhLatinOnly | Qt.ImhSensitiveData
                onAccepted: page.settingUp ? setupCodeField.forceActiveFocus() : page.forceActiveFocus()
            }
            EntryField {
                id: setupCodeField
                objectName: "setupCodeField"
                Layout.fillWidth: true
                visible: page.settingUp
                placeholderText: qsTr("Set-up code from the county")
                inputMethodHints: Qt.ImhPreferUppercase | Qt.ImhNoPredictiveText | Qt.ImhLatinOnly | Qt.ImhSensitiveData
                onAccepted: page.forceActiveFocus()
            }
            Text {
                objectName: "helperHint"
                Layout.fillWidth: true
                text: page.locked ? qsTr("The work of %1 is kept. Type the PIN to unlock.").arg(page.helper.who)
                    : page.settingUp
                        ? (page.helper.secondPin ? qsTr("Type the new PIN once more, then OK.")
                                                 : qsTr("Type your staff number and the set-up code, then a new PIN of 6 to 12 digits on the keypad, then OK."))
                        : qsTr("Type your staff number (or scan your staff card), then your PIN on the keypad, then OK.")
                font.pixelSize: Theme.bodySize
                lineHeight: Theme.lineHeight
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            Text {
                objectName: "helperPinDots"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.titleSize * 1.2
                text: "●".repeat(page.helper.dots)
                font.pixelSize: Theme.titleSize
                font.letterSpacing: 12
                color: Theme.text
                verticalAlignment: Text.AlignVCenter
            }
            Text {
                objectName: "helperMessage"
                Layout.fillWidth: true
                visible: text !== ""
                text: page.helper.message
                font.pixelSize: Theme.bodySize
                font.bold: true
                lineHeight: Theme.lineHeight
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            Item { Layout.fillHeight: true; visible: page.wide }
            Flow {
                Layout.fillWidth: true
                spacing: Theme.gap
                BigButton {
                    objectName: "helperSetUpButton"
                    visible: page.stage === "signin"
                    text: qsTr("First time: set a PIN")
                    tint: Theme.accent
                    enabled: !page.helper.busy
                    onClicked: page.helper.openSetUp()
                }
                BigButton {
                    objectName: "helperSignOutButton"
                    visible: page.locked
                    text: qsTr("Sign out")
                    tint: Theme.neutral
                    enabled: !page.helper.busy
                    onClicked: page.helper.signOut()
                }
                BigButton {
                    objectName: "helperBackButton"
                    visible: !page.locked && (page.settingUp || !page.helper.signInRequired)
                    text: qsTr("Back")
                    tint: Theme.neutral
                    onClicked: page.settingUp ? page.helper.openSignIn() : page.helper.dismiss()
                }
            }
        }

        PinPad {
            Layout.alignment: page.wide ? Qt.AlignTop | Qt.AlignRight : Qt.AlignTop | Qt.AlignHCenter
            model: page.helper
            onAccepted: page.accept()
        }
    }
}
