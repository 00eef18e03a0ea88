import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// The form of the chosen service, rendered from its schema; errors come from the view-model.
Page {
    id: page
    required property var vm
    background: Rectangle {
        color: Theme.background
    }

    Flickable {
        id: flick
        anchors.fill: parent
        anchors.margins: Theme.gap
        clip: true
        contentHeight: fieldColumn.implicitHeight

        // Keep the field being typed into above the on-screen keyboard.
        function ensureVisible(item) {
            const top = item.mapToItem(fieldColumn, 0, 0).y - 60;
            const bottom = top + item.height + 120;
            if (top < contentY)
                contentY = Math.max(0, top);
            else if (bottom > contentY + height)
                contentY = Math.min(Math.max(0, contentHeight - height), bottom - height);
        }

        ColumnLayout {
            id: fieldColumn
            width: flick.width
            spacing: 18
            Text {
                Layout.fillWidth: true
                text: page.vm.service.name || ""
                font.pixelSize: Theme.titleSize - 4
                font.bold: true
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            Repeater {
                model: page.vm.fields
                delegate: ColumnLayout {
                    id: fieldItem
                    required property var modelData
                    Layout.fillWidth: true
                    spacing: 6
                    Text {
                        text: fieldItem.modelData.label + (fieldItem.modelData.required ? " *" : "")
                        font.pixelSize: Theme.bodySize
                        font.bold: true
                        color: Theme.text
                    }
                    TextField {
                        objectName: "field_" + fieldItem.modelData.key
                        visible: fieldItem.modelData.type !== "choice"
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.touchHeight - 10
                        font.pixelSize: Theme.bodySize + 2
                        text: fieldItem.modelData.value
                        placeholderText: fieldItem.modelData.hint
                        placeholderTextColor: Theme.muted
                        inputMethodHints: fieldItem.modelData.type === "number" ? Qt.ImhDigitsOnly : fieldItem.modelData.type === "mobile" ? Qt.ImhDialableCharactersOnly : fieldItem.modelData.type === "date" ? Qt.ImhDate : Qt.ImhNone
                        onTextEdited: page.vm.setAnswer(fieldItem.modelData.key, text)
                        onActiveFocusChanged: if (activeFocus)
                            Qt.callLater(flick.ensureVisible, this)
                        background: Rectangle {
                            radius: 8
                            color: Theme.surface
                            border.width: 2
                            border.color: fieldItem.modelData.error !== "" ? Theme.error : "#c3c8d0"
                        }
                    }
                    Text {
                        visible: fieldItem.modelData.type === "choice" && text !== ""
                        Layout.fillWidth: true
                        text: fieldItem.modelData.hint
                        color: Theme.muted
                        font.pixelSize: Theme.bodySize - 4
                        wrapMode: Text.WordWrap
                    }
                    Flow {
                        visible: fieldItem.modelData.type === "choice"
                        Layout.fillWidth: true
                        spacing: 12
                        ButtonGroup {
                            id: choiceGroup
                        }
                        Repeater {
                            model: fieldItem.modelData.choices
                            delegate: BigButton {
                                required property var modelData
                                objectName: "choice_" + fieldItem.modelData.key + "_" + modelData.value
                                text: modelData.label
                                checkable: true
                                checked: fieldItem.modelData.value === modelData.value
                                ButtonGroup.group: choiceGroup
                                tint: checked ? Theme.primary : Theme.neutral
                                onClicked: page.vm.setAnswer(fieldItem.modelData.key, modelData.value)
                            }
                        }
                    }
                    Text {
                        objectName: "error_" + fieldItem.modelData.key
                        visible: text !== ""
                        Layout.fillWidth: true
                        text: fieldItem.modelData.error
                        color: Theme.error
                        font.pixelSize: Theme.bodySize - 2
                        wrapMode: Text.WordWrap
                    }
                }
            }
            BigButton {
                objectName: "submitButton"
                Layout.alignment: Qt.AlignRight
                Layout.topMargin: Theme.gap
                Layout.bottomMargin: Theme.gap
                text: page.vm.busy ? qsTr("Submitting…") : qsTr("Submit")
                enabled: !page.vm.busy
                onClicked: page.vm.submit()
            }
        }
    }
}
