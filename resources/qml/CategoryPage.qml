import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// A search field on top (汉字, pinyin or initials such as sbk); below it the categories on the left and
// the chosen category's services (or the search results) on the right.
Page {
    id: page
    required property var vm
    required property var search
    signal serviceChosen()
    title: qsTr("Choose a service")
    // Said in elder mode: a search that finds nothing says so (once typing pauses), else the title.
    readonly property string spoken: page.search.noMatch ? noMatchText.text : page.title
    background: Rectangle { color: Theme.background }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap
        spacing: Theme.gap

        TextField {
            id: searchField
            objectName: "searchField"
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touchHeight
            font.pixelSize: Theme.bodySize
            placeholderText: qsTr("Search: type 社保卡, shebaoka or sbk")
            placeholderTextColor: Theme.muted
            color: Theme.text
            inputMethodHints: Qt.ImhNoPredictiveText | Qt.ImhSensitiveData
            onTextChanged: page.search.setQuery(text + preeditText)
            onPreeditTextChanged: page.search.setQuery(text + preeditText)
            background: Rectangle {
                radius: 10
                color: Theme.surface
                border.width: 2
                border.color: searchField.activeFocus ? Theme.primary : "#8a8f98"
            }
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.gap

            ListView {
                id: categoryList
                objectName: "categoryList"
                visible: !page.search.searching
                // A narrow (portrait tablet) screen leaves the services most of the width.
                Layout.preferredWidth: Math.min(Theme.elder ? 420 : 340, page.width * 0.36)
                Layout.fillHeight: true
                clip: true
                spacing: 10
                model: page.vm.categories
                ScrollCue { flickable: categoryList }
                delegate: ItemDelegate {
                    required property var modelData
                    required property int index
                    objectName: "category_" + modelData.code
                    width: categoryList.width - Theme.gap  // clear of the scroll bar
                    height: Math.max(Theme.touchHeight, contentItem.implicitHeight + 16)
                    verticalPadding: 8
                    highlighted: ListView.isCurrentItem
                    contentItem: Text {
                        text: modelData.name
                        font.pixelSize: Theme.bodySize
                        color: parent.highlighted ? Theme.onTint : Theme.text
                        verticalAlignment: Text.AlignVCenter
                        lineHeight: Theme.lineHeight
                        wrapMode: Text.WordWrap
                        maximumLineCount: 2
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
                    objectName: "serviceListTitle"
                    Layout.fillWidth: true
                    visible: !Qt.inputMethod.visible
                    text: page.search.searching ? qsTr("Services matching “%1”").arg(page.search.query)
                                                : page.vm.categoryName
                    font.pixelSize: Theme.titleSize - 4
                    font.bold: true
                    color: Theme.text
                    elide: Text.ElideRight
                }
                Text {
                    id: noMatchText
                    objectName: "noMatchText"
                    Layout.fillWidth: true
                    visible: page.search.noMatch
                    text: qsTr("Nothing found for “%1”. Try other words, or tap Help and a member of staff will assist you.").arg(page.search.query)
                    font.pixelSize: Theme.bodySize
                    lineHeight: Theme.lineHeight
                    color: Theme.text
                    wrapMode: Text.WordWrap
                }
                ListView {
                    id: serviceList
                    objectName: "serviceList"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    spacing: 10
                    model: page.search.searching ? page.search.results : page.vm.services
                    ScrollCue { flickable: serviceList }
                    delegate: ItemDelegate {
                        required property var modelData
                        required property int index
                        objectName: "service_" + modelData.code
                        width: serviceList.width - Theme.gap  // clear of the scroll bar
                        height: Math.max(Theme.touchHeight, serviceColumn.implicitHeight + 24)
                        topPadding: Math.max(12, (height - serviceColumn.implicitHeight) / 2)
                        bottomPadding: 12
                        contentItem: Column {
                            id: serviceColumn
                            spacing: 4
                            Text {
                                width: parent.width
                                text: modelData.name
                                font.pixelSize: Theme.bodySize
                                lineHeight: Theme.lineHeight
                                color: Theme.text
                                wrapMode: Text.WordWrap
                                maximumLineCount: 2
                                elide: Text.ElideRight
                            }
                            Text {
                                width: parent.width
                                visible: !Theme.elder  // fewer words per row in elder mode
                                text: modelData.department
                                font.pixelSize: Theme.bodySize - 4
                                color: Theme.muted
                                elide: Text.ElideRight
                            }
                        }
                        background: Rectangle { radius: 10; color: parent.down ? "#fde8e8" : Theme.surface }
                        onClicked: {
                            searchField.focus = false
                            Qt.inputMethod.hide()
                            page.vm.selectService(modelData.code)
                            page.serviceChosen()
                        }
                    }
                }
            }
        }
    }
}
