import QtQuick
import QtQuick.Layouts
import "."

// One looked-up filing, as the view-model presents it (by voucher or by ID number and phone): the service,
// the county's progress and note, the promised date, the next step, the masked applicant, when it was filed
// and how fresh the progress is. Every word comes from kiosk.services; nothing is decided here.
ColumnLayout {
    id: view
    property var result: ({})
    spacing: 10
    // Said in elder mode: the service, its progress and note, the promised date and the next step.
    readonly property string spoken: [lookupService.text, lookupProgress.text, lookupNote.text,
        lookupPromised.text, nextStep.visible ? nextStep.text : ""].filter(part => part !== "").join("。")

    Text {
        id: lookupService
        objectName: "lookupService"
        Layout.fillWidth: true
        text: view.result.service || ""
        font.pixelSize: Theme.bodySize + 4
        font.bold: true
        lineHeight: Theme.lineHeight
        color: Theme.text
        wrapMode: Text.WordWrap
    }
    Text {
        id: lookupProgress
        objectName: "lookupProgress"
        Layout.fillWidth: true
        text: qsTr("Progress: %1").arg(view.result.status || "")
        font.pixelSize: Theme.bodySize + 2
        font.bold: true
        lineHeight: Theme.lineHeight
        color: Theme.text
        wrapMode: Text.WordWrap
    }
    Text {
        id: lookupNote
        objectName: "lookupNote"
        visible: text !== ""
        Layout.fillWidth: true
        text: view.result.note || ""
        font.pixelSize: Theme.bodySize
        lineHeight: Theme.lineHeight
        color: Theme.text
        wrapMode: Text.WordWrap
    }
    Text {
        id: lookupPromised
        objectName: "lookupPromised"
        visible: (view.result.promised || "") !== ""
        Layout.fillWidth: true
        text: qsTr("Time limit: %1").arg(view.result.promised || "")
        font.pixelSize: Theme.bodySize
        font.bold: true
        lineHeight: Theme.lineHeight
        color: Theme.text
        wrapMode: Text.WordWrap
    }
    // The next step stands out: it is what the citizen came to learn.
    Rectangle {
        visible: (view.result.nextStep || "") !== ""
        Layout.fillWidth: true
        implicitHeight: nextStep.implicitHeight + 2 * Theme.gap
        radius: 12
        color: Theme.surface
        border.color: Theme.calm
        border.width: 3
        Text {
            id: nextStep
            objectName: "lookupNextStep"
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.verticalCenter: parent.verticalCenter
            anchors.margins: Theme.gap
            text: qsTr("Next step: %1").arg(view.result.nextStep || "")
            font.pixelSize: Theme.bodySize
            lineHeight: Theme.lineHeight
            color: Theme.text
            wrapMode: Text.WordWrap
        }
    }
    Repeater {
        model: view.result.applicant || []
        delegate: Text {
            required property var modelData
            objectName: "lookupApplicant"
            Layout.fillWidth: true
            text: qsTr("%1: %2").arg(modelData.label).arg(modelData.value)
            font.pixelSize: Theme.bodySize
            lineHeight: Theme.lineHeight
            color: Theme.text
            wrapMode: Text.WordWrap
        }
    }
    Text {
        objectName: "lookupStatus"
        Layout.fillWidth: true
        text: qsTr("Submitted at %1").arg(view.result.time || "") + " · "
            + (view.result.synced ? qsTr("Received by the county") : qsTr("Saved on this kiosk, sending soon"))
        font.pixelSize: Theme.bodySize
        lineHeight: Theme.lineHeight
        color: Theme.muted
        wrapMode: Text.WordWrap
    }
    Text {
        objectName: "lookupFreshness"
        Layout.fillWidth: true
        text: view.result.freshness || ""
        font.pixelSize: Theme.bodySize
        lineHeight: Theme.lineHeight
        color: Theme.muted
        wrapMode: Text.WordWrap
    }
}
