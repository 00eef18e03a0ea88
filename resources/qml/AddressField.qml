import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// An address in two steps after the fixed county and township of this centre: the village or community
// (one tap on the township's list, or typed when the kiosk has no list), then the rest (group, house
// number) typed on the on-screen keyboard.
ColumnLayout {
    id: address
    required property var form
    required property string key
    required property string place
    required property string detail
    required property var places
    required property string area
    required property bool hasError
    signal focused(Item item)
    spacing: 10

    Text {
        objectName: "area_" + address.key
        visible: address.area !== ""
        Layout.fillWidth: true
        text: qsTr("%1 (this township; not changed here)").arg(address.area)
        font.pixelSize: Theme.bodySize
        font.bold: true
        lineHeight: Theme.lineHeight
        color: Theme.text
        wrapMode: Text.WordWrap
    }

    Text {
        Layout.fillWidth: true
        text: qsTr("Village or community")
        font.pixelSize: Theme.bodySize
        lineHeight: Theme.lineHeight
        color: Theme.text
        wrapMode: Text.WordWrap
    }
    Flow {
        visible: address.places.length > 0
        Layout.fillWidth: true
        spacing: 12
        Repeater {
            model: address.places
            delegate: BigButton {
                required property string modelData
                required property int index
                objectName: "place_" + address.key + "_" + index
                text: (modelData === address.place ? "✓ " : "") + modelData
                tint: modelData === address.place ? Theme.primary : Theme.neutral
                onClicked: address.form.setPlace(address.key, modelData)
            }
        }
    }
    EntryField {
        id: placeEntry
        objectName: "place_" + address.key
        visible: address.places.length === 0
        Layout.fillWidth: true
        answerKey: address.key
        text: address.place
        placeholderText: qsTr("e.g. Xingfu Village")
        hasError: address.hasError && address.place === ""
        onTextEdited: address.form.setPlace(address.key, text)
        onActiveFocusChanged: if (activeFocus) address.focused(placeEntry)
    }
    Text {
        Layout.fillWidth: true
        text: qsTr("House number and the rest")
        font.pixelSize: Theme.bodySize
        lineHeight: Theme.lineHeight
        color: Theme.text
        wrapMode: Text.WordWrap
    }
    EntryField {
        id: detailEntry
        objectName: "field_" + address.key
        Layout.fillWidth: true
        answerKey: address.key
        text: address.detail
        placeholderText: qsTr("e.g. Group 3, No. 15")
        hasError: address.hasError && address.detail === ""
        onTextEdited: address.form.setAddressDetail(address.key, text)
        onActiveFocusChanged: if (activeFocus) address.focused(detailEntry)
    }
}
