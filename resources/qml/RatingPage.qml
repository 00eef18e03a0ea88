import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// 好差评: five equal faces with their words, nothing chosen until the citizen taps one; "No rating" is always
// there and just as calm (once a face is tapped it asks before dropping it). Each face has its own shape and
// the usual colour (Face.qml); the words are always beside it. A bad level leads to its reasons; a filing already rated shows a calm notice only.
Page {
    id: page
    required property var rating
    signal reasonsRequested()
    signal finished()
    title: qsTr("How satisfied are you with this service?")
    background: Rectangle { color: Theme.background }

    readonly property bool landscape: width > height
    readonly property string stage: rating.stage

    FontMetrics { id: labelMetrics; font.pixelSize: Theme.elder ? Theme.bodySize : Theme.bodySize + 2; font.bold: true }
    // Side by side, every label gets the lines the longest one needs, so that all five buttons are the same size.
    readonly property real labelWidth: (scroll.columnWidth - 4 * levelGrid.columnSpacing) / 5 - 16
    readonly property int labelLines: rating.levels.some(l => labelMetrics.advanceWidth(l.label) > labelWidth) ? 2 : 1

    RatingScroll {
        id: scroll
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.bottom: buttons.top
        anchors.margins: Theme.gap
        anchors.bottomMargin: Theme.gap / 2
        spacing: Theme.gap / 2

        Text {
            objectName: "ratingTitle"
            Layout.fillWidth: true
            visible: page.stage !== "closed"
            text: page.title
            font.pixelSize: Theme.titleSize - 4
            font.bold: true
            lineHeight: Theme.lineHeight
            color: Theme.text
            wrapMode: Text.WordWrap
        }
        RatingNotice { rating: page.rating }
        Text {
            objectName: "ratingSubject"
            Layout.fillWidth: true
            visible: text !== ""
            text: page.rating.subject
            font.pixelSize: Theme.bodySize
            lineHeight: Theme.lineHeight
            color: Theme.text
            wrapMode: Text.WordWrap
        }
        Text {
            objectName: "ratingCounter"
            Layout.fillWidth: true
            visible: text !== ""
            text: page.rating.counter
            font.pixelSize: Theme.bodySize
            font.bold: true
            lineHeight: Theme.lineHeight
            color: Theme.text
            wrapMode: Text.WordWrap
        }
        Text {
            objectName: "ratingLoading"
            Layout.fillWidth: true
            visible: page.stage === "loading"
            text: qsTr("One moment…")
            font.pixelSize: Theme.bodySize
            color: Theme.text
        }

        GridLayout {
            id: levelGrid
            objectName: "ratingLevels"
            visible: page.stage === "levels"
            Layout.fillWidth: true
            Layout.topMargin: Theme.gap / 2
            columns: page.landscape ? 5 : 1
            columnSpacing: Theme.gap / 2
            rowSpacing: Theme.gap / 2
            Repeater {
                model: page.rating.levels
                delegate: AbstractButton {
                    id: levelButton
                    required property var modelData
                    readonly property bool chosen: modelData.chosen
                    objectName: "level_" + modelData.level
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1  // with fillWidth: every column the same width
                    Layout.minimumHeight: Theme.touchHeight
                    padding: Theme.gap / 2
                    horizontalPadding: 8
                    background: Rectangle {
                        radius: 18
                        color: levelButton.chosen ? "#e3ecf9" : levelButton.down ? "#eef0f3" : Theme.surface
                        border.width: levelButton.chosen ? 6 : 2
                        border.color: levelButton.chosen ? Theme.accent : "#8a8f98"
                    }
                    contentItem: GridLayout {
                        columns: page.landscape ? 1 : 2
                        rowSpacing: Theme.gap / 2
                        columnSpacing: Theme.gap
                        Face {
                            Layout.alignment: Qt.AlignHCenter | Qt.AlignVCenter
                            Layout.preferredWidth: implicitWidth
                            Layout.preferredHeight: implicitHeight
                            level: levelButton.modelData.level
                        }
                        Text {
                            objectName: "levelLabel"
                            Layout.fillWidth: true
                            Layout.preferredHeight: page.landscape
                                ? Math.ceil(page.labelLines * labelMetrics.height * Theme.lineHeight) : -1
                            text: levelButton.modelData.label
                            font: labelMetrics.font
                            lineHeight: Theme.lineHeight
                            color: Theme.text
                            horizontalAlignment: page.landscape ? Text.AlignHCenter : Text.AlignLeft
                            verticalAlignment: Text.AlignVCenter
                            wrapMode: Text.WordWrap
                            maximumLineCount: 2
                        }
                    }
                    // The choice shows as a tick and a thick border, never by colour alone.
                    Rectangle {
                        objectName: "levelChosenMark"
                        visible: levelButton.chosen
                        anchors.top: parent.top
                        anchors.right: parent.right
                        anchors.margins: 12
                        width: Theme.elder ? 52 : 44
                        height: width
                        radius: width / 2
                        color: Theme.accent
                        Tick {
                            anchors.centerIn: parent
                            width: parent.width * 0.62
                            height: width
                        }
                    }
                    onClicked: page.rating.chooseLevel(modelData.level)
                }
            }
        }
    }

    RatingButtons {
        id: buttons
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.gap
        closed: page.stage === "closed"
        forwardName: "submitRatingButton"
        forwardText: page.rating.needsReasons ? qsTr("Next ›") : qsTr("Submit rating")
        forwardShown: page.stage === "levels" && page.rating.chosenLevel > 0
        forwardEnabled: !page.rating.pending
        confirmLeave: page.rating.chosenLevel > 0  // a face tapped: "No rating" asks before dropping it
        onLeave: page.finished()
        onForward: page.rating.needsReasons ? page.reasonsRequested() : page.rating.submit("")
    }
}
