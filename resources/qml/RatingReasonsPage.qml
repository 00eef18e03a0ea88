import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// A bad rating (不满意, 非常不满意): at least one reason, and a few words when “Other” is chosen. The rules live
// in kiosk.domain.rating; this page shows what the helper says is missing. The call-back is offered next.
// "No rating" here asks first: the face already chosen is not dropped without the citizen being told.
Page {
    id: page
    required property var rating
    signal callbackRequested()
    signal finished()
    title: qsTr("What went wrong?")
    background: Rectangle { color: Theme.background }

    RatingScroll {
        id: scroll
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.bottom: buttons.top
        anchors.margins: Theme.gap
        anchors.bottomMargin: Theme.gap / 2

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            // The face chosen, with its words (a face never stands alone).
            ColumnLayout {
                Layout.alignment: Qt.AlignTop
                spacing: 4
                Face {
                    Layout.alignment: Qt.AlignHCenter
                    Layout.preferredWidth: Theme.elder ? 88 : 76
                    Layout.preferredHeight: Layout.preferredWidth
                    level: page.rating.chosenLevel
                }
                Text {
                    objectName: "chosenLevelLabel"
                    Layout.alignment: Qt.AlignHCenter
                    text: page.rating.chosenLabel
                    font.pixelSize: Theme.bodySize
                    font.bold: true
                    color: Theme.text
                }
            }
            RatingHeading {
                objectName: "reasonsTitle"
                Layout.alignment: Qt.AlignVCenter
                text: qsTr("What went wrong? Please choose at least one reason.")
            }
        }

        Flow {
            objectName: "ratingReasons"
            Layout.fillWidth: true
            spacing: Theme.gap / 2
            Repeater {
                model: page.rating.reasons
                delegate: AbstractButton {
                    id: chip
                    required property var modelData
                    objectName: "reason_" + modelData.code
                    implicitHeight: Math.max(Math.round(15 * Theme.mm) + 12, chipRow.implicitHeight + 28)
                    implicitWidth: Math.min(scroll.columnWidth, chipText.implicitWidth + 2 * Theme.gap + 50)
                    background: Rectangle {
                        radius: 14
                        color: chip.modelData.chosen ? Theme.accent : chip.down ? "#eef0f3" : Theme.surface
                        border.width: chip.modelData.chosen ? 0 : 2
                        border.color: Theme.neutral
                    }
                    // A tick before a chosen reason: the choice never shows by colour alone.
                    contentItem: Item {
                        implicitWidth: chipRow.implicitWidth
                        implicitHeight: chipRow.implicitHeight
                        Row {
                            id: chipRow
                            anchors.centerIn: parent
                            spacing: 8
                            Tick {
                                visible: chip.modelData.chosen
                                anchors.verticalCenter: parent.verticalCenter
                            }
                            Text {
                                id: chipText
                                width: Math.min(implicitWidth, chip.availableWidth - 50)
                                anchors.verticalCenter: parent.verticalCenter
                                text: chip.modelData.label
                                font.pixelSize: Theme.bodySize + 2
                                font.bold: chip.modelData.chosen
                                // One line sits centred; a wrapped label gets the mode's line height.
                                lineHeight: lineCount > 1 ? Theme.lineHeight : 1.0
                                color: chip.modelData.chosen ? Theme.onTint : Theme.text
                                wrapMode: Text.WordWrap
                            }
                        }
                    }
                    onClicked: page.rating.toggleReason(modelData.code)
                }
            }
        }
        RatingError { objectName: "reasonsError"; rating: page.rating; field: "reasons"; scroll: scroll }

        RatingField {
            id: commentField
            objectName: "ratingCommentField"
            visible: page.rating.needsComment
            placeholderText: qsTr("Please say briefly what went wrong")
            maximumLength: 300
            onActiveFocusChanged: if (activeFocus) Qt.callLater(scroll.ensureVisible, this)
        }
        RatingError { objectName: "commentError"; rating: page.rating; field: "comment"; scroll: scroll }
    }

    RatingButtons {
        id: buttons
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.gap
        forwardName: "reasonsNextButton"
        forwardText: qsTr("Next ›")
        confirmLeave: page.rating.chosenLevel > 0  // the face is chosen: leaving asks first
        onLeave: page.finished()
        onForward: if (page.rating.confirmReasons(commentField.visible ? commentField.text : ""))
            page.callbackRequested()
    }
}
