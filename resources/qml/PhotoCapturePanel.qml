import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// The camera's live picture over the form: put the paper under the camera, then "Take the photo".
// Cancel closes the camera; a kiosk without a camera says so calmly.
Rectangle {
    id: panel
    required property var camera
    objectName: "photoPanel"
    color: Theme.background
    visible: camera.active

    MouseArea { anchors.fill: parent }  // the form below takes no touches while the camera is open

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap
        spacing: Theme.gap
        Text {
            Layout.fillWidth: true
            text: qsTr("Lay the paper flat under the camera, then tap “Take the photo”")
            font.pixelSize: Theme.bodySize
            font.bold: true
            lineHeight: Theme.lineHeight
            color: Theme.text
            wrapMode: Text.WordWrap
        }
        Rectangle {
            Layout.fillWidth: true
            Layout.fillHeight: true
            color: "#30343b"
            radius: 12
            Image {
                objectName: "photoPreview"
                anchors.fill: parent
                anchors.margins: 8
                visible: panel.camera.hasPreview
                source: panel.camera.hasPreview ? panel.camera.previewSource : ""
                fillMode: Image.PreserveAspectFit
                cache: false
                asynchronous: false
            }
            Rectangle {
                visible: panel.camera.problem !== ""
                anchors.centerIn: parent
                width: Math.min(parent.width - 2 * Theme.gap, problemText.implicitWidth + 2 * Theme.gap)
                height: problemText.implicitHeight + 2 * Theme.gap
                radius: 12
                color: Theme.surface
                Text {
                    id: problemText
                    objectName: "photoProblem"
                    anchors.centerIn: parent
                    width: Math.min(implicitWidth, panel.width - 4 * Theme.gap)
                    text: panel.camera.problem
                    font.pixelSize: Theme.bodySize
                    lineHeight: Theme.lineHeight
                    color: Theme.error
                    wrapMode: Text.WordWrap
                }
            }
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            BigButton {
                objectName: "captureCancelButton"
                text: qsTr("Cancel")
                tint: Theme.neutral
                onClicked: panel.camera.close()
            }
            Item { Layout.fillWidth: true }
            BigButton {
                objectName: "captureButton"
                visible: panel.camera.problem === ""
                enabled: panel.camera.hasPreview && !panel.camera.saving
                text: panel.camera.saving ? qsTr("Saving…") : qsTr("Take the photo")
                tint: Theme.calm
                onClicked: panel.camera.capture()
            }
        }
    }
}
