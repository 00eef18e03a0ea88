import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings
import "."

// The kiosk window: a top bar (Back, Home, language), a page stack, the on-screen keyboard.
ApplicationWindow {
    id: window
    required property var vm
    property bool fullScreen: true
    width: 1280
    height: 800
    visible: true
    visibility: fullScreen ? Window.FullScreen : Window.Windowed
    flags: fullScreen ? (Qt.Window | Qt.FramelessWindowHint) : Qt.Window
    title: qsTr("Bianmin self-service kiosk")
    color: Theme.background

    Component.onCompleted: {
        VirtualKeyboardSettings.activeLocales = ["zh_CN", "en_US"]
        VirtualKeyboardSettings.locale = "zh_CN"
    }

    function goHome() {
        vm.resetSession()
        stack.replace(null, homePage)
    }

    header: Rectangle {
        height: 110
        color: Theme.primary
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: Theme.gap
            anchors.rightMargin: Theme.gap
            spacing: Theme.gap
            BigButton {
                objectName: "backButton"
                text: qsTr("‹ Back")
                tint: Theme.primaryDark
                visible: stack.depth > 1
                onClicked: stack.pop()
            }
            BigButton {
                objectName: "homeButton"
                text: qsTr("Home")
                tint: Theme.primaryDark
                visible: stack.depth > 1
                onClicked: window.goHome()
            }
            Text {
                Layout.fillWidth: true
                text: qsTr("Township service centre · 24-hour self-service")
                color: "white"
                font.pixelSize: Theme.titleSize - 6
                font.bold: true
                elide: Text.ElideRight
                horizontalAlignment: Text.AlignHCenter
            }
            BigButton {
                objectName: "languageButton"
                text: vm.language === "zh_CN" ? "English" : "中文"
                tint: Theme.primaryDark
                onClicked: vm.setLanguage(vm.language === "zh_CN" ? "en" : "zh_CN")
            }
        }
    }

    StackView {
        id: stack
        objectName: "stack"
        anchors.fill: parent
        anchors.bottomMargin: inputPanel.active ? inputPanel.height : 0
        initialItem: homePage
    }

    Component {
        id: homePage
        HomePage {
            onFileRequested: stack.push(categoryPage)
            onLookupRequested: stack.push(lookupPage)
        }
    }
    Component {
        id: categoryPage
        CategoryPage {
            vm: window.vm
            onServiceChosen: stack.push(guidePage)
        }
    }
    Component {
        id: guidePage
        GuidePage {
            vm: window.vm
            onStartRequested: stack.push(formPage)
        }
    }
    Component {
        id: formPage
        FormPage {
            vm: window.vm
        }
    }
    Component {
        id: receiptPage
        ReceiptPage {
            vm: window.vm
            onDone: window.goHome()
        }
    }
    Component {
        id: lookupPage
        LookupPage {
            vm: window.vm
        }
    }

    Connections {
        target: vm
        function onSubmitted() { stack.replace(null, receiptPage) }
    }

    Rectangle {
        objectName: "messageBar"
        visible: vm.message !== ""
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: inputPanel.active ? inputPanel.top : parent.bottom
        anchors.bottomMargin: Theme.gap
        width: Math.min(parent.width - 2 * Theme.gap, messageText.implicitWidth + 80)
        height: messageText.implicitHeight + 40
        radius: 12
        color: "#fff1f0"
        border.color: Theme.error
        border.width: 2
        Text {
            id: messageText
            objectName: "messageText"
            anchors.centerIn: parent
            width: Math.min(implicitWidth, window.width - 2 * Theme.gap - 80)
            text: vm.message
            color: Theme.error
            font.pixelSize: Theme.bodySize
            wrapMode: Text.WordWrap
        }
        MouseArea { anchors.fill: parent; onClicked: vm.clearMessage() }
    }

    InputPanel {
        id: inputPanel
        objectName: "inputPanel"
        z: 99
        y: active ? parent.height - height : parent.height
        anchors.left: parent.left
        anchors.right: parent.right
    }
}
