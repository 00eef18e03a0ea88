import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// Look a filing up by the voucher code printed on the receipt.
Page {
    id: page
    required property var vm
    background: Rectangle { color: Theme.background }

    // Elder mode's large text runs past the bottom of a landscape screen: the page scrolls.
    Flickable {
        id: flick
        objectName: "lookupFlick"
        anchors.fill: parent
        contentHeight: column.implicitHeight + 80
        clip: true
        ScrollBar.vertical: ScrollBar {
            policy: flick.contentHeight > flick.height ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
            width: Theme.gap
        }

        // A new result scrolls into view whole: nobody has to discover that the page scrolls. The
        // layout grows after the result arrives, so the scroll follows until the citizen touches.
        property bool revealResult: false
        function showResult() {
            contentY = Math.max(0, Math.min(contentHeight - height, result.y + column.y - Theme.gap))
        }
        onContentHeightChanged: if (revealResult) showResult()
        onMovementStarted: revealResult = false
        Connections {
            target: page.vm
            function onLookedUp() {
                flick.revealResult = true
                Qt.callLater(flick.showResult)
            }
        }

        ColumnLayout {
            id: column
            anchors.top: parent.top
            anchors.horizontalCenter: parent.horizontalCenter
            anchors.topMargin: 40
            width: Math.min(flick.width - 80, 1000)
            spacing: 24

            Text {
                Layout.fillWidth: true
                text: qsTr("Enter the voucher code on your receipt")
                font.pixelSize: Theme.titleSize - 4
                font.bold: true
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.gap
                TextField {
                    id: codeField
                    objectName: "voucherField"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.touchHeight
                    font.pixelSize: Theme.bodySize + 8
                    placeholderText: "XXXX-XXXX-XXXX"
                    placeholderTextColor: Theme.muted
                    inputMethodHints: Qt.ImhPreferUppercase | Qt.ImhNoPredictiveText | Qt.ImhLatinOnly | Qt.ImhSensitiveData
                    onAccepted: page.vm.lookup(text)
                }
                BigButton {
                    objectName: "lookupButton"
                    text: qsTr("Check")
                    onClicked: page.vm.lookup(codeField.text)
                }
            }
            ColumnLayout {
                id: result
                objectName: "lookupResult"
                visible: page.vm.lookupResult.voucher !== undefined
                Layout.fillWidth: true
                spacing: 10
                Text {
                    Layout.fillWidth: true
                    text: page.vm.lookupResult.service || ""
                    font.pixelSize: Theme.bodySize + 4
                    font.bold: true
                    lineHeight: Theme.lineHeight
                    color: Theme.text
                    wrapMode: Text.WordWrap
                }
                Text {
                    objectName: "lookupProgress"
                    Layout.fillWidth: true
                    text: qsTr("Progress: %1").arg(page.vm.lookupResult.status || "")
                    font.pixelSize: Theme.bodySize + 2
                    font.bold: true
                    lineHeight: Theme.lineHeight
                    color: Theme.text
                    wrapMode: Text.WordWrap
                }
                Text {
                    objectName: "lookupNote"
                    visible: text !== ""
                    Layout.fillWidth: true
                    text: page.vm.lookupResult.note || ""
                    font.pixelSize: Theme.bodySize
                    lineHeight: Theme.lineHeight
                    color: Theme.text
                    wrapMode: Text.WordWrap
                }
                Text {
                    objectName: "lookupStatus"
                    Layout.fillWidth: true
                    text: qsTr("Submitted at %1").arg(page.vm.lookupResult.time || "") + " · "
                        + (page.vm.lookupResult.synced ? qsTr("Received by the county") : qsTr("Saved on this kiosk, sending soon"))
                    font.pixelSize: Theme.bodySize
                    lineHeight: Theme.lineHeight
                    color: Theme.muted
                    wrapMode: Text.WordWrap
                }
                Text {
                    objectName: "lookupFreshness"
                    Layout.fillWidth: true
                    text: page.vm.lookupResult.freshness || ""
                    font.pixelSize: Theme.bodySize
                    lineHeight: Theme.lineHeight
                    color: Theme.muted
                    wrapMode: Text.WordWrap
                }
            }
        }
    }
}
