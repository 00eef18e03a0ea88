import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// Categories on the left, the chosen category's services on the right.
Page {
    id: page
    required property var vm
    signal serviceChosen()
    background: Rectangle { color: Theme.background }

    RowLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap
        spacing: Theme.gap

        ListView {
            id: categoryList
            objectName: "categoryList"
            Layout.preferredWidth: 340
            Layout.fillHeight: true
            clip: true
            spacing: 10
            model: page.vm.categories
            delegate: ItemDelegate {
                required property var modelData
                required property int index
                objectName: "category_" + modelData.code
                width: categoryList.width
                height: Theme.touchHeight
                highlighted: ListView.isCurrentItem
                contentItem: Text {
                    text: modelData.name
                    font.pixelSize: Theme.bodySize + 2
                    color: parent.highlighted ? "white" : Theme.text
                    verticalAlignment: Text.AlignVCenter
                    elide: Text.ElideRight
                }
                background: Rectangle {
                    radius: 10
                    color: parent.highlighted ? Theme.primary : Theme.surface
                }
                onClicked: {
                    categoryList.currentIndex = index
                    page.vm.selectCategory(modelData.code)
                }
            }
            Component.onCompleted: if (count > 0) page.vm.selectCategory(page.vm.categories[0].code)
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 12
            Text {
                text: page.vm.categoryName
                font.pixelSize: Theme.titleSize
                font.bold: true
                color: Theme.text
            }
            ListView {
                id: serviceList
                objectName: "serviceList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                spacing: 10
                model: page.vm.services
                delegate: ItemDelegate {
                    required property var modelData
                    objectName: "service_" + modelData.code
                    width: serviceList.width
                    height: Theme.touchHeight + 10
                    contentItem: Column {
                        spacing: 4
                        Text {
                            width: parent.width
                            text: modelData.name
                            font.pixelSize: Theme.bodySize + 2
                            color: Theme.text
                            elide: Text.ElideRight
                        }
                        Text {
                            width: parent.width
                            text: modelData.department
                            font.pixelSize: Theme.bodySize - 4
                            color: Theme.muted
                            elide: Text.ElideRight
                        }
                    }
                    background: Rectangle { radius: 10; color: parent.down ? "#fde8e8" : Theme.surface }
                    onClicked: {
                        page.vm.selectService(modelData.code)
                        page.serviceChosen()
                    }
                }
            }
        }
    }
}
