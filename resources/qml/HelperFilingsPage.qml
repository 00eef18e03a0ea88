import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// 我的办件: the filings the signed-in helper made on this terminal, newest first: the resident (masked), the
// service, when, whether it reached the county and the county's status; why the county refused one and what
// to do; a receipt printed again; 立即同步.
Page {
    id: page
    required property var helper
    signal resumeRequested(string draftId)
    title: qsTr("My filings")
    background: Rectangle { color: Theme.background }
    Component.onCompleted: page.helper.refreshFilings()

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap
        spacing: Theme.gap

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            Text {
                objectName: "helperFilingsTitle"
                Layout.fillWidth: true
                text: page.title
                font.pixelSize: Theme.titleSize
                font.bold: true
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            BigButton {
                objectName: "syncNowButton"
                text: page.helper.busy ? qsTr("Syncing…") : qsTr("Sync now")
                enabled: !page.helper.busy
                onClicked: page.helper.syncNow()
            }
        }
        Text {
            objectName: "helperUploadsLine"
            Layout.fillWidth: true
            visible: text !== ""
            text: page.helper.uploadSummary
            font.pixelSize: Theme.bodySize - 4
            color: Theme.muted
            wrapMode: Text.WordWrap
        }
        Text {
            objectName: "deskMessage"
            Layout.fillWidth: true
            visible: text !== ""
            text: page.helper.deskMessage
            font.pixelSize: Theme.bodySize
            font.bold: true
            color: Theme.text
            wrapMode: Text.WordWrap
        }
        // Drafts first: unfinished filings waiting for the resident.
        Repeater {
            model: page.helper.drafts
            delegate: Rectangle {
                required property var modelData
                objectName: "draft_" + modelData.id
                Layout.fillWidth: true
                implicitHeight: Math.max(draftColumn.implicitHeight, Theme.touchHeight) + Theme.gap
                radius: 10
                color: "#fff8e1"
                border.color: "#e0b44c"
                border.width: 2
                RowLayout {
                    anchors.fill: parent
                    anchors.margins: Theme.gap / 2
                    spacing: Theme.gap
                    ColumnLayout {
                        id: draftColumn
                        Layout.fillWidth: true
                        spacing: 4
                        Text {
                            Layout.fillWidth: true
                            text: qsTr("Draft") + " · " + modelData.resident + " · " + modelData.service
                            font.pixelSize: Theme.bodySize
                            font.bold: true
                            color: Theme.text
                            wrapMode: Text.WordWrap
                        }
                        Text {
                            objectName: "draftExpiry"
                            Layout.fillWidth: true
                            text: modelData.when
                            font.pixelSize: Theme.bodySize - 6
                            color: Theme.muted
                            wrapMode: Text.WordWrap
                        }
                    }
                    BigButton {
                        objectName: "resumeDraftButton_" + modelData.id
                        text: qsTr("Go on")
                        enabled: !page.helper.busy
                        onClicked: page.resumeRequested(modelData.id)
                    }
                }
            }
        }
        Text {
            objectName: "noFilings"
            Layout.fillWidth: true
            visible: list.count === 0 && page.helper.drafts.length === 0
            text: qsTr("No filings by you on this terminal yet.")
            font.pixelSize: Theme.bodySize
            color: Theme.muted
            wrapMode: Text.WordWrap
        }

        ListView {
            id: list
            objectName: "helperFilingsList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: Theme.gap / 2
            boundsBehavior: Flickable.StopAtBounds
            model: page.helper.filings
            ScrollCue { flickable: list }
            delegate: Rectangle {
                required property var modelData
                objectName: "helperFiling_" + modelData.id
                width: list.width - 3 * Theme.gap
                implicitHeight: Math.max(rowColumn.implicitHeight, Theme.touchHeight) + Theme.gap
                radius: 10
                color: Theme.surface
                border.color: modelData.refused !== "" ? Theme.error : "#d5d9e0"
                border.width: 2
                RowLayout {
                    anchors.fill: parent
                    anchors.margins: Theme.gap / 2
                    spacing: Theme.gap
                    ColumnLayout {
                        id: rowColumn
                        Layout.fillWidth: true
                        spacing: 4
                        Text {
                            Layout.fillWidth: true
                            text: modelData.resident + " · " + modelData.service
                            font.pixelSize: Theme.bodySize
                            font.bold: true
                            color: Theme.text
                            wrapMode: Text.WordWrap
                        }
                        Text {
                            objectName: "helperFilingState"
                            Layout.fillWidth: true
                            text: modelData.time + " · " + modelData.voucher + " · " + modelData.uploaded + " · " + modelData.status
                            font.pixelSize: Theme.bodySize - 6
                            color: Theme.muted
                            wrapMode: Text.WordWrap
                        }
                        Text {
                            objectName: "helperFilingRefused"
                            Layout.fillWidth: true
                            visible: modelData.refused !== ""
                            text: modelData.refused
                            font.pixelSize: Theme.bodySize - 4
                            color: Theme.error
                            wrapMode: Text.WordWrap
                        }
                    }
                    BigButton {
                        objectName: "reprintButton_" + modelData.id
                        text: qsTr("Print again")
                        tint: Theme.neutral
                        enabled: !page.helper.busy
                        onClicked: page.helper.reprint(modelData.id)
                    }
                }
            }
        }
    }
}
