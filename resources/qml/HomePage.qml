import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// Home: big tiles (file, look up, rate, call for help, elder mode, language), the date and time,
// and a quiet line while the kiosk works offline.
Page {
    id: page
    required property var vm
    required property var home
    signal fileRequested()
    signal lookupRequested()
    signal rateRequested()
    signal helpRequested()
    signal staffRequested()
    title: qsTr("Welcome. What would you like to do?")
    background: Rectangle { color: Theme.background }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap
        spacing: Theme.gap

        // In portrait the date, time and notice go under the title: beside it they left the title a few
        // characters wide in elder mode (a word or two a line).
        GridLayout {
            Layout.fillWidth: true
            columns: page.width >= page.height ? 2 : 1
            columnSpacing: Theme.gap
            rowSpacing: 0
            Text {
                objectName: "welcomeTitle"
                Layout.fillWidth: true
                text: page.title
                font.pixelSize: Theme.titleSize
                font.bold: true
                lineHeight: Theme.lineHeight
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            ColumnLayout {
                Layout.alignment: Qt.AlignRight | Qt.AlignVCenter
                spacing: 0
                Text {
                    objectName: "clockText"
                    Layout.alignment: Qt.AlignRight
                    text: page.home.clockText
                    font.pixelSize: Theme.bodySize
                    color: Theme.text
                }
                Text {
                    objectName: "serviceNotice"
                    Layout.alignment: Qt.AlignRight
                    visible: text !== ""
                    text: page.home.notice
                    font.pixelSize: Theme.bodySize - 4
                    color: Theme.muted
                }
            }
        }

        GridLayout {
            id: tiles
            Layout.fillWidth: true
            Layout.fillHeight: true
            columns: page.width >= page.height ? 3 : 2
            columnSpacing: Theme.gap
            rowSpacing: Theme.gap
            Tile {
                objectName: "fileTile"
                Layout.fillWidth: true
                Layout.fillHeight: true
                title: qsTr("File a service")
                subtitle: qsTr("Find a service and apply")
                onClicked: page.fileRequested()
            }
            Tile {
                objectName: "lookupTile"
                Layout.fillWidth: true
                Layout.fillHeight: true
                title: qsTr("Check a filing")
                subtitle: qsTr("Enter the voucher code on your receipt")
                tint: Theme.accent
                onClicked: page.lookupRequested()
            }
            Tile {
                objectName: "rateTile"
                Layout.fillWidth: true
                Layout.fillHeight: true
                title: qsTr("Rate a service")
                subtitle: qsTr("Tell us how we did")
                tint: Theme.calm
                onClicked: page.rateRequested()
            }
            Tile {
                objectName: "helpTile"
                Layout.fillWidth: true
                Layout.fillHeight: true
                title: qsTr("Help")
                subtitle: qsTr("Ask a member of staff")
                tint: Theme.primaryDark
                onClicked: page.helpRequested()
            }
            Tile {
                objectName: "elderTile"
                Layout.fillWidth: true
                Layout.fillHeight: true
                title: qsTr("Elder mode")
                subtitle: page.vm.elderMode ? qsTr("On · tap to turn off") : qsTr("Larger text, spoken prompts")
                subtitleInElderMode: true
                tint: Theme.neutral
                onClicked: page.vm.toggleElderMode()
            }
            Tile {
                objectName: "languageTile"
                Layout.fillWidth: true
                Layout.fillHeight: true
                title: page.vm.language === "zh_CN" ? "English" : "中文"
                subtitle: qsTr("Language")
                tint: Theme.neutral
                onClicked: page.vm.setLanguage(page.vm.language === "zh_CN" ? "en" : "zh_CN")
            }
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            Text {
                objectName: "sampleNotice"
                Layout.fillWidth: true
                text: page.vm.sampleNotice
                color: Theme.muted
                font.pixelSize: Theme.bodySize - 4
                lineHeight: Theme.lineHeight
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
            }
            // The village helpers' way in: small and plainly labelled, out of the citizen's way.
            Button {
                id: staffButton
                objectName: "staffButton"
                Layout.alignment: Qt.AlignRight | Qt.AlignBottom
                implicitHeight: Math.max(Math.ceil(15 * Theme.pixelDensity), 0.6 * Theme.touchHeight)
                leftPadding: Theme.gap
                rightPadding: Theme.gap
                text: qsTr("Staff")
                font.pixelSize: Theme.bodySize - 4
                onClicked: page.staffRequested()
                contentItem: Text {
                    text: staffButton.text
                    font: staffButton.font
                    color: Theme.muted
                    verticalAlignment: Text.AlignVCenter
                    horizontalAlignment: Text.AlignHCenter
                }
                background: Rectangle {
                    radius: 8
                    color: staffButton.down ? "#e3e6ea" : "transparent"
                    border.color: "#b8bec6"
                    border.width: 2
                }
            }
        }
    }
}
