import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// 群众授权: before a helper fills in anything for a resident, the resident is named, hears and reads what they
// agree to, and consents in one of the ways the county allows (a finger signature, or aloud with a second
// person present, or a photo of the paper form they signed). Shown to the resident: in elder sizes whatever
// mode the helper uses. Once consent is on record, Main.qml opens the form.
Page {
    id: page
    required property var consent
    required property var speaker
    required property var camera  // the document camera (the photo of a signed paper form)
    readonly property bool forResident: true
    title: qsTr("The resident's consent")
    background: Rectangle { color: Theme.background }
    readonly property string spoken: page.consent.spokenStatement !== "" ? "" : page.title
    Component.onCompleted: page.consent.open()

    Connections {
        target: page.camera
        function onPhotoKept(key, sha256) { page.consent.photoKept(key, sha256) }
    }
    Component.onDestruction: page.camera.close()
    // The statement is read aloud in Chinese as soon as it shows (the resident may not read).
    readonly property string statementSpoken: page.consent.spokenStatement
    onStatementSpokenChanged: if (statementSpoken !== "") page.speaker.readAloudInChinese(statementSpoken)

    Flickable {
        id: flick
        objectName: "consentFlick"
        anchors.fill: parent
        contentHeight: column.implicitHeight + 2 * Theme.gap
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        interactive: !signArea.drawing
        ScrollCue { flickable: flick }

        ColumnLayout {
            id: column
            x: Theme.gap
            y: Theme.gap
            width: flick.width - 3 * Theme.gap
            spacing: Theme.gap

            Text {
                objectName: "consentTitle"
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
                text: qsTr("The resident's name and ID number, as on the ID card:")
                font.pixelSize: Theme.bodySize
                lineHeight: Theme.lineHeight
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            EntryField {
                id: residentName
                objectName: "residentNameField"
                Layout.fillWidth: true
                placeholderText: qsTr("Resident's name")
            }
            EntryField {
                id: residentId
                objectName: "residentIdField"
                Layout.fillWidth: true
                placeholderText: qsTr("Resident's ID number")
                inputMethodHints: Qt.ImhPreferNumbers | Qt.ImhPreferUppercase | Qt.ImhLatinOnly | Qt.ImhSensitiveData | Qt.ImhNoPredictiveText
            }
            BigButton {
                objectName: "showStatementButton"
                text: qsTr("Show what the resident agrees to")
                enabled: !page.consent.busy
                onClicked: {
                    flick.forceActiveFocus()
                    page.consent.nameResident(residentName.text, residentId.text)
                }
            }

            Rectangle {
                objectName: "statementBox"
                visible: page.consent.statement !== ""
                Layout.fillWidth: true
                implicitHeight: statementText.implicitHeight + 2 * Theme.gap
                radius: 12
                color: Theme.surface
                border.color: Theme.accent
                border.width: 3
                Text {
                    id: statementText
                    objectName: "consentStatement"
                    anchors.fill: parent
                    anchors.margins: Theme.gap
                    text: page.consent.statement
                    font.pixelSize: Theme.bodySize + 4
                    font.bold: true
                    lineHeight: Theme.lineHeight
                    color: Theme.text
                    wrapMode: Text.WordWrap
                }
            }

            Text {
                objectName: "heading"
                visible: page.consent.statement !== ""
                Layout.fillWidth: true
                text: qsTr("How does the resident consent?")
                font.pixelSize: Theme.bodySize + 4
                font.bold: true
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            Flow {
                visible: page.consent.statement !== ""
                Layout.fillWidth: true
                spacing: 12
                Repeater {
                    model: page.consent.methods
                    delegate: BigButton {
                        required property var modelData
                        objectName: "consentMethod_" + modelData.code
                        text: (page.consent.method === modelData.code ? "✓ " : "") + modelData.label
                        tint: page.consent.method === modelData.code ? Theme.primary : Theme.neutral
                        onClicked: page.consent.chooseMethod(modelData.code)
                    }
                }
            }

            // The finger signature: drawn here, kept once 签好了 is tapped.
            ColumnLayout {
                visible: page.consent.statement !== "" && page.consent.method === "signature"
                Layout.fillWidth: true
                spacing: Theme.gap
                Text {
                    Layout.fillWidth: true
                    text: qsTr("Resident: please write your name with a finger in the box below.")
                    font.pixelSize: Theme.bodySize
                    lineHeight: Theme.lineHeight
                    color: Theme.text
                    wrapMode: Text.WordWrap
                }
                SignatureArea {
                    id: signArea
                    objectName: "signatureArea"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Math.max(3 * Theme.touchHeight, 260)
                    locked: page.consent.signed
                    onCleared: page.consent.unsign()
                }
                Flow {
                    Layout.fillWidth: true
                    spacing: Theme.gap
                    BigButton {
                        objectName: "signatureDoneButton"
                        text: page.consent.signed ? qsTr("✓ Signature kept") : qsTr("Signed")
                        tint: page.consent.signed ? Theme.calm : Theme.primary
                        enabled: !page.consent.signed && !page.consent.busy
                        onClicked: page.consent.sign(signArea.strokes, signArea.width, signArea.height)
                    }
                    BigButton {
                        objectName: "signatureClearButton"
                        text: qsTr("Sign again")
                        tint: Theme.neutral
                        onClicked: signArea.clear()
                    }
                }
            }

            // A paper form the resident signed, photographed under the document camera.
            ColumnLayout {
                visible: page.consent.statement !== "" && page.consent.method === "paper_photo"
                Layout.fillWidth: true
                spacing: Theme.gap
                Text {
                    Layout.fillWidth: true
                    text: qsTr("The resident signs the paper consent form; then photograph it.")
                    font.pixelSize: Theme.bodySize
                    lineHeight: Theme.lineHeight
                    color: Theme.text
                    wrapMode: Text.WordWrap
                }
                BigButton {
                    objectName: "paperPhotoButton"
                    text: page.consent.signed ? qsTr("✓ Photo kept: take it again") : qsTr("Photograph the signed form")
                    tint: page.consent.signed ? Theme.calm : Theme.primary
                    enabled: !page.consent.busy
                    onClicked: page.camera.open(page.consent.paperPhotoKey)
                }
            }

            // An oral consent: the second person present is named.
            EntryField {
                id: witness
                objectName: "witnessField"
                visible: page.consent.statement !== "" && page.consent.method === "oral_witnessed"
                Layout.fillWidth: true
                placeholderText: qsTr("Name of the second person present")
            }

            Text {
                objectName: "consentMessage"
                Layout.fillWidth: true
                visible: text !== ""
                text: page.consent.message
                font.pixelSize: Theme.bodySize
                font.bold: true
                lineHeight: Theme.lineHeight
                color: Theme.error
                wrapMode: Text.WordWrap
            }
            BigButton {
                objectName: "confirmConsentButton"
                visible: page.consent.statement !== ""
                Layout.alignment: Qt.AlignRight
                text: qsTr("Consent given: fill in the form ›")
                enabled: !page.consent.busy
                onClicked: page.consent.confirm(witness.text)
            }
        }
    }

    PhotoCapturePanel {
        anchors.fill: parent
        z: 10
        camera: page.camera
    }
}
