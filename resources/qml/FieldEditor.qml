import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// One question of the form: its label, the editor its type needs, and its error in plain words.
// The view-model decides everything (values, errors, which keypad); this only shows and reports touches.
ColumnLayout {
    id: editor
    required property var form
    required property string key
    required property string type
    required property string label
    required property string hint
    required property bool mandatory
    required property string value
    required property string error
    required property string keypad
    required property string unit
    required property var choices
    required property int year
    required property int month
    required property int day
    required property string dateText
    required property string place
    required property string detail
    required property var places
    required property string area
    required property var photos
    required property int maxPhotos
    // Asks the page to keep an item in view above the keyboard (a text entry got the focus).
    signal focused(Item item)

    readonly property bool typed: ["name", "id_number", "mobile", "credit_code", "text", "number"].indexOf(type) >= 0
    spacing: 8

    Text {
        Layout.fillWidth: true
        text: editor.label + (editor.mandatory ? " *" : "")
        font.pixelSize: Theme.bodySize
        font.bold: true
        lineHeight: Theme.lineHeight
        color: Theme.text
        wrapMode: Text.WordWrap
    }
    Text {
        visible: text !== "" && !editor.typed
        Layout.fillWidth: true
        text: editor.hint
        color: Theme.muted
        font.pixelSize: Theme.bodySize
        lineHeight: Theme.lineHeight
        wrapMode: Text.WordWrap
    }

    Loader {
        Layout.fillWidth: true
        sourceComponent: editor.typed ? typedEntry
                       : editor.type === "choice" || editor.type === "multi_choice" ? choiceButtons
                       : editor.type === "date" ? dateEntry
                       : editor.type === "address" ? addressEntry
                       : editor.type === "photos" ? photoEntry : null
    }

    Text {
        objectName: "error_" + editor.key
        visible: text !== ""
        Layout.fillWidth: true
        text: editor.error
        color: Theme.error
        font.pixelSize: Theme.bodySize
        font.bold: true
        lineHeight: Theme.lineHeight
        wrapMode: Text.WordWrap
    }

    Component {
        id: typedEntry
        RowLayout {
            spacing: 12
            EntryField {
                id: entry
                objectName: "field_" + editor.key
                Layout.fillWidth: true
                answerKey: editor.key
                text: editor.value
                placeholderText: editor.hint
                usesKeypad: editor.keypad !== ""
                allowX: editor.keypad === "id"
                hasError: editor.error !== ""
                // ID and mobile numbers show grouped (kiosk.domain.digit_groups): 18 + 2 and 11 + 2 spaces.
                maximumLength: editor.type === "id_number" ? 20 : editor.type === "mobile" ? 13 : editor.type === "number" ? 9 : 32767
                inputMethodHints: Qt.ImhSensitiveData | (editor.type === "credit_code" ? (Qt.ImhLatinOnly | Qt.ImhPreferUppercase | Qt.ImhNoPredictiveText) : editor.keypad !== "" ? (Qt.ImhDigitsOnly | Qt.ImhNoPredictiveText) : Qt.ImhNone)
                onTextEdited: editor.form.setAnswer(editor.key, text)
                onActiveFocusChanged: if (activeFocus) editor.focused(entry)
            }
            Text {
                visible: editor.unit !== ""
                text: editor.unit
                font.pixelSize: Theme.bodySize + 4
                color: Theme.text
            }
        }
    }

    Component {
        id: choiceButtons
        Flow {
            spacing: 12
            Repeater {
                model: editor.choices
                delegate: BigButton {
                    required property var modelData
                    objectName: "choice_" + editor.key + "_" + modelData.value
                    text: (modelData.selected ? "✓ " : "") + modelData.label
                    checkable: true
                    checked: modelData.selected
                    tint: modelData.selected ? Theme.primary : Theme.neutral
                    onClicked: editor.type === "multi_choice"
                               ? editor.form.toggleChoice(editor.key, modelData.value)
                               : editor.form.setAnswer(editor.key, modelData.value)
                }
            }
        }
    }

    Component {
        id: dateEntry
        DateField {
            form: editor.form
            key: editor.key
            mandatory: editor.mandatory
            year: editor.year
            month: editor.month
            day: editor.day
            dateText: editor.dateText
        }
    }

    Component {
        id: addressEntry
        AddressField {
            form: editor.form
            key: editor.key
            place: editor.place
            detail: editor.detail
            places: editor.places
            area: editor.area
            hasError: editor.error !== ""
            onFocused: item => editor.focused(item)
        }
    }

    Component {
        id: photoEntry
        PhotoField {
            form: editor.form
            key: editor.key
            photos: editor.photos
            maxPhotos: editor.maxPhotos
        }
    }
}
