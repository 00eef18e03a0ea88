import QtQuick
import QtQuick.Controls
import QtQuick.VirtualKeyboard

// The cold-start baseline: the least a Qt Quick touch app with the on-screen keyboard shows.
ApplicationWindow {
    width: 1280
    height: 800
    visible: true
    title: "minimal Qt Quick + Virtual Keyboard"

    TextField {
        objectName: "textField"
        anchors.centerIn: parent
        width: 600
        placeholderText: "Type here"
    }

    InputPanel {
        id: inputPanel
        y: active ? parent.height - height : parent.height
        anchors.left: parent.left
        anchors.right: parent.right
    }
}
