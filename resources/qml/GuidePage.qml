import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// The service guide (conditions, materials, time limit, fee), readable before starting.
Page {
    id: page
    required property var vm
    signal startRequested()
    background: Rectangle { color: Theme.background }
    // Said in elder mode: the service, what to bring and the promised time limit.
    readonly property string spoken: [page.vm.service.name || "",
        qsTr("What to bring") + "：" + (page.vm.service.materials || []).join("；"),
        qsTr("Promised time limit") + "：" + (page.vm.service.timeLimit || "")].join("。")

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap * 2
        spacing: Theme.gap

        Text {
            Layout.fillWidth: true
            text: page.vm.service.name || ""
            font.pixelSize: Theme.titleSize
            font.bold: true
            lineHeight: Theme.lineHeight
            color: Theme.text
            wrapMode: Text.WordWrap
        }
        Flickable {
            id: guideFlick
            objectName: "guideFlick"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            contentHeight: guideColumn.implicitHeight
            boundsBehavior: Flickable.StopAtBounds
            ScrollCue { flickable: guideFlick }
            ColumnLayout {
                id: guideColumn
                width: parent.width - Theme.gap  // clear of the scroll bar
                spacing: 14
                GuideItem { title: qsTr("Department"); body: page.vm.service.department || "" }
                GuideItem { title: qsTr("Who can apply"); body: page.vm.service.conditions || "" }
                GuideItem {
                    title: qsTr("What to bring")
                    body: (page.vm.service.materials || []).map((m, i) => (i + 1) + ". " + m).join("\n")
                }
                GuideItem { title: qsTr("Promised time limit"); body: page.vm.service.timeLimit || "" }
                GuideItem { title: qsTr("Fee"); body: page.vm.service.fee || "" }
                GuideItem { objectName: "guideLegalBasis"; title: qsTr("Legal basis"); body: page.vm.service.legalBasis || "" }
            }
        }
        BigButton {
            objectName: "startButton"
            Layout.alignment: Qt.AlignRight
            text: qsTr("Start filling in ›")
            onClicked: page.startRequested()
        }
    }

    component GuideItem: ColumnLayout {
        property string title
        property string body
        Layout.fillWidth: true
        spacing: 4
        Text {
            objectName: "heading"
            text: parent.title
            font.pixelSize: Theme.bodySize
            font.bold: true
            color: Theme.primary
        }
        Text {
            Layout.fillWidth: true
            text: parent.body
            font.pixelSize: Theme.bodySize
            lineHeight: Theme.lineHeight
            color: Theme.text
            wrapMode: Text.WordWrap
        }
    }
}
