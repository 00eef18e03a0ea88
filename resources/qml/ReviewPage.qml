import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// 请核对: every answer as it will be filed (ID and phone numbers masked, photos as thumbnails). "Back to
// edit" returns to the form with everything still there; "Confirm and submit" files it durably.
Page {
    id: page
    required property var vm
    readonly property bool forResident: vm.assisted  // a helper shows the resident what they will submit
    readonly property var form: vm.form
    signal editRequested()
    background: Rectangle {
        color: Theme.background
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap
        spacing: Theme.gap

        Text {
            objectName: "heading"
            Layout.fillWidth: true
            text: qsTr("Please check your answers before you submit")
            font.pixelSize: Theme.titleSize - 4
            font.bold: true
            lineHeight: Theme.lineHeight
            color: Theme.text
            wrapMode: Text.WordWrap
        }
        Rectangle {
            objectName: "reviewMessage"
            visible: page.form.message !== ""
            Layout.fillWidth: true
            implicitHeight: reviewMessageText.implicitHeight + Theme.gap
            radius: 10
            color: "#fff1f0"
            border.color: Theme.error
            border.width: 2
            Text {
                id: reviewMessageText
                anchors.fill: parent
                anchors.margins: Theme.gap / 2
                text: page.form.message
                color: Theme.error
                font.pixelSize: Theme.bodySize
                font.bold: true
                lineHeight: Theme.lineHeight
                wrapMode: Text.WordWrap
            }
        }

        Flickable {
            id: reviewFlick
            objectName: "reviewFlick"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            contentHeight: answers.implicitHeight
            boundsBehavior: Flickable.StopAtBounds
            ScrollCue { flickable: reviewFlick }
            ColumnLayout {
                id: answers
                width: parent.width - Theme.gap  // clear of the scroll bar
                spacing: 0
                Repeater {
                    model: page.form.review
                    delegate: Rectangle {
                        id: line
                        required property var modelData
                        required property int index
                        Layout.fillWidth: true
                        implicitHeight: lineColumn.implicitHeight + Theme.gap
                        color: index % 2 === 0 ? Theme.surface : Theme.background
                        ColumnLayout {
                            id: lineColumn
                            x: Theme.gap / 2
                            y: Theme.gap / 2
                            width: parent.width - Theme.gap
                            spacing: 4
                            Text {
                                Layout.fillWidth: true
                                text: line.modelData.label
                                font.pixelSize: Theme.bodySize
                                lineHeight: Theme.lineHeight
                                color: Theme.muted
                                wrapMode: Text.WordWrap
                            }
                            Text {
                                objectName: "review_" + line.modelData.key
                                Layout.fillWidth: true
                                text: line.modelData.value
                                font.pixelSize: Theme.bodySize + 4
                                font.bold: true
                                lineHeight: Theme.lineHeight
                                color: Theme.text
                                wrapMode: Text.WordWrap
                            }
                            Flow {
                                visible: line.modelData.photos.length > 0
                                Layout.fillWidth: true
                                spacing: 12
                                Repeater {
                                    model: line.modelData.photos
                                    delegate: Image {
                                        required property string modelData
                                        objectName: "reviewPhoto_" + line.modelData.key
                                        width: 2 * Theme.touchHeight
                                        height: Math.round(width * 9 / 16)
                                        source: "image://photo/thumb/" + modelData
                                        fillMode: Image.PreserveAspectFit
                                        cache: false
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            BigButton {
                objectName: "editButton"
                text: qsTr("‹ Back to edit")
                tint: Theme.neutral
                enabled: !page.vm.busy
                onClicked: page.editRequested()
            }
            Item { Layout.fillWidth: true }
            BigButton {
                objectName: "confirmButton"
                text: page.vm.busy ? qsTr("Submitting…") : qsTr("Confirm and submit")
                tint: Theme.calm
                enabled: !page.vm.busy
                onClicked: page.vm.submit()
            }
        }
    }
}
