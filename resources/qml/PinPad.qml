import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// The staff PIN pad (technician, village helper): digit keys, Erase and OK. The digits go to `model`
// (press / erase), which keeps them; OK runs `accept`.
GridLayout {
    id: pad
    required property var model
    signal accepted()
    objectName: "pinPad"
    columns: 3
    columnSpacing: Theme.gap
    rowSpacing: Theme.gap
    Repeater {
        model: [
            { key: "1" }, { key: "2" }, { key: "3" },
            { key: "4" }, { key: "5" }, { key: "6" },
            { key: "7" }, { key: "8" }, { key: "9" },
            { key: "erase", label: qsTr("Erase") }, { key: "0" }, { key: "ok", label: qsTr("OK") }
        ]
        BigButton {
            required property var modelData
            readonly property bool digit: modelData.label === undefined
            objectName: digit ? "pinKey_" + modelData.key
                              : modelData.key === "ok" ? "pinOkButton" : "pinEraseButton"
            Layout.preferredWidth: Theme.touchHeight * 1.5
            text: modelData.label || modelData.key
            font.pixelSize: digit ? Theme.titleSize : Theme.bodySize + 4
            tint: digit ? Theme.accent : modelData.key === "ok" ? Theme.calm : Theme.neutral
            enabled: !pad.model.busy
            onClicked: {
                if (digit)
                    pad.model.press(modelData.key)
                else if (modelData.key === "ok")
                    pad.accepted()
                else
                    pad.model.erase()
            }
        }
    }
}
