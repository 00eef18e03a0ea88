import QtQuick
import QtQuick.Controls
import "."

// A large touch button (≥ 15 mm tall) with one label.
Button {
    id: control
    property color tint: Theme.primary
    implicitHeight: Theme.touchHeight
    implicitWidth: Math.max(220, contentItem.implicitWidth + 60)
    font.pixelSize: Theme.bodySize + 4
    contentItem: Text {
        text: control.text
        font: control.font
        color: control.enabled ? Theme.onTint : "#eeeeee"
        lineHeight: Theme.lineHeight
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        wrapMode: Text.WordWrap
    }
    background: Rectangle {
        radius: 14
        color: !control.enabled ? "#b8bcc4" : control.down ? Qt.darker(control.tint, 1.25) : control.tint
    }
}
