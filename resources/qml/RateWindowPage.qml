import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// 一次一评: which service was received at the counter — first its kind (the catalog's categories), then the
// service, so that each screen offers a short list.
Page {
    id: page
    required property var rating
    property bool servicesStep: false
    signal categoryChosen(string code)
    signal serviceChosen(string code)
    title: servicesStep ? qsTr("Which service did you receive?") : qsTr("What kind of service was it?")
    background: Rectangle { color: Theme.background }

    RatingScroll {
        anchors.fill: parent
        anchors.margins: Theme.gap

        RatingHeading {
            objectName: "rateWindowTitle"
            text: page.title
        }
        GridLayout {
            Layout.fillWidth: true
            columns: page.width > page.height && !Theme.elder ? 2 : 1
            columnSpacing: Theme.gap / 2
            rowSpacing: Theme.gap / 2
            Repeater {
                model: page.servicesStep ? page.rating.windowServices : page.rating.windowCategories
                delegate: ItemDelegate {
                    id: choice
                    required property var modelData
                    objectName: (page.servicesStep ? "rateService_" : "rateCategory_") + modelData.code
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    implicitHeight: Math.max(Theme.touchHeight, choiceText.implicitHeight + 24)
                    contentItem: Text {
                        id: choiceText
                        text: choice.modelData.name
                        font.pixelSize: Theme.bodySize
                        lineHeight: Theme.lineHeight
                        color: Theme.text
                        verticalAlignment: Text.AlignVCenter
                        wrapMode: Text.WordWrap
                    }
                    background: Rectangle {
                        radius: 10
                        color: choice.down ? "#e3ecf9" : Theme.surface
                        border.width: 2
                        border.color: "#c3c8d0"
                    }
                    onClicked: page.servicesStep ? page.serviceChosen(modelData.code)
                                                 : page.categoryChosen(modelData.code)
                }
            }
        }
    }
}
