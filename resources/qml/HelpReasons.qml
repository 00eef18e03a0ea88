import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// 求助, the first step: what the citizen needs help with, as big buttons (the reasons of
// kiosk/domain/help_request.py, in the current language), and Cancel. Nothing is sent before a choice;
// the chosen reason goes with the call for help. Two columns in landscape (elder mode fits the height), one
// in portrait (no label is cut).
Rectangle {
    id: dialog
    required property var help
    required property var speaker
    readonly property bool wide: width > height
    visible: help.choosing
    onVisibleChanged: if (visible) speaker.say(title.text + " " + help.reasons.map(r => r.label).join("，"))
    color: "#99000000"
    MouseArea { anchors.fill: parent }  // nothing under the dialog can be tapped

    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.gap, dialog.wide ? 1160 : 900)
        height: column.implicitHeight + 2 * Theme.gap
        radius: 16
        color: Theme.surface
        ColumnLayout {
            id: column
            anchors.fill: parent
            anchors.margins: Theme.gap
            spacing: Theme.gap
            Text {
                id: title
                objectName: "helpReasonsTitle"
                Layout.fillWidth: true
                text: qsTr("What do you need help with?")
                font.pixelSize: Theme.titleSize
                font.bold: true
                lineHeight: Theme.lineHeight
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            GridLayout {
                Layout.fillWidth: true
                columns: dialog.wide ? 2 : 1
                rowSpacing: Theme.gap
                columnSpacing: Theme.gap
                Repeater {
                    model: dialog.help.reasons
                    BigButton {
                        id: reasonButton
                        required property var modelData
                        objectName: "helpReason_" + modelData.code
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1  // equal columns, whatever the labels' lengths
                        Layout.fillHeight: true  // one height for a row, the tallest label's
                        Layout.preferredHeight: Math.max(Theme.touchHeight,
                            reasonButton.contentItem.contentHeight + reasonButton.topPadding + reasonButton.bottomPadding + 16)
                        text: modelData.label
                        tint: Theme.accent
                        onClicked: dialog.help.choose(modelData.code)
                    }
                }
            }
            BigButton {
                objectName: "helpReasonsCancel"
                Layout.alignment: Qt.AlignRight
                text: qsTr("Cancel")
                tint: Theme.neutral
                onClicked: dialog.help.cancel()
            }
        }
    }
}
