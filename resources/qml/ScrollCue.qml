import QtQuick
import "."

// Shows that a page or list scrolls, in sizes an elder sees: a wide bar along the right edge telling where
// the view is, a fade at an edge with more beyond it, and at the bottom a large button that turns one page
// (what was cut at the bottom comes to the top). Declared inside the Flickable or ListView it marks; it sits
// over that view, not in its content, and lets every touch outside its button through to the content.
Item {
    id: cue
    objectName: "scrollCue"
    required property Flickable flickable
    // The view scrolls, and there is more below or above what is shown.
    readonly property real overflow: flickable.contentHeight - flickable.height
    readonly property bool scrolls: flickable.visible && overflow > 2
    readonly property bool moreBelow: scrolls && flickable.contentY - flickable.originY < overflow - 2
    readonly property bool moreAbove: scrolls && flickable.contentY - flickable.originY > 2
    // The bottom band that the fade and the button take: a heading cut at the view's edge shows only in it.
    readonly property real bandHeight: moreButton.height + Theme.gap
    readonly property int barWidth: Theme.elder ? 18 : 12

    parent: flickable
    x: 0
    y: 0
    width: flickable.width
    height: flickable.height
    z: 100
    visible: scrolls

    function turnPage() {
        const highest = flickable.originY + cue.overflow
        turn.to = Math.min(highest, flickable.contentY + flickable.height - cue.bandHeight)
        turn.restart()
    }

    NumberAnimation {
        id: turn
        target: cue.flickable
        property: "contentY"
        duration: 250
        easing.type: Easing.OutCubic
    }

    Rectangle {
        objectName: "scrollFadeTop"
        visible: cue.moreAbove
        width: parent.width
        height: Theme.gap
        gradient: Gradient {
            GradientStop { position: 0; color: Theme.background }
            GradientStop { position: 1; color: "transparent" }
        }
    }

    Rectangle {
        objectName: "scrollFadeBottom"
        visible: cue.moreBelow
        anchors.bottom: parent.bottom
        width: parent.width
        height: cue.bandHeight
        gradient: Gradient {
            GradientStop { position: 0; color: "transparent" }
            GradientStop { position: 0.45; color: Qt.rgba(Theme.background.r, Theme.background.g, Theme.background.b, 0.85) }
            GradientStop { position: 1; color: Theme.background }
        }
    }

    // Where the view is in the whole: the track is the page, the thumb what is on screen.
    Rectangle {
        objectName: "scrollBar"
        anchors.right: parent.right
        width: cue.barWidth
        height: parent.height
        radius: width / 2
        color: "#d5d9e0"
        Rectangle {
            objectName: "scrollThumb"
            width: parent.width
            radius: width / 2
            color: Theme.neutral
            readonly property real shownPart: cue.flickable.height / Math.max(1, cue.flickable.contentHeight)
            height: Math.max(2 * width, parent.height * Math.min(1, shownPart))
            y: (parent.height - height) * Math.max(0, Math.min(1,
                (cue.flickable.contentY - cue.flickable.originY) / Math.max(1, cue.overflow)))
        }
    }

    Rectangle {
        id: moreButton
        objectName: "scrollMoreButton"
        visible: cue.moreBelow
        // On the right, beside the bar: the values and texts it fades over start on the left.
        anchors.right: parent.right
        anchors.rightMargin: cue.barWidth + 8
        anchors.bottom: parent.bottom
        anchors.bottomMargin: 6
        width: Math.min(parent.width - 2 * cue.barWidth - 12, moreText.implicitWidth + 2 * Theme.gap)
        height: Math.max(Math.ceil(15 * Theme.mm), Math.round(Theme.touchHeight * 0.6), moreText.implicitHeight + 12)
        radius: height / 2
        color: moreArea.pressed ? Theme.primaryDark : Theme.accent
        Text {
            id: moreText
            objectName: "scrollMoreText"
            anchors.centerIn: parent
            width: Math.min(implicitWidth, moreButton.parent.width - 2 * cue.barWidth - 12 - 2 * Theme.gap)
            // A narrow list (the catalog's categories) gets the short word.
            text: cue.width < 640 ? qsTr("▼ More") : qsTr("▼ More below: tap or swipe up")
            font.pixelSize: Theme.bodySize - (Theme.elder ? 4 : 2)
            font.bold: true
            color: Theme.onTint
            elide: Text.ElideRight
        }
        MouseArea {
            id: moreArea
            anchors.fill: parent
            onClicked: cue.turnPage()
        }
    }
}
