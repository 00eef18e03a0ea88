import QtQuick
import QtQuick.Layouts
import "."

// The scrolling part of a rating screen: one column that keeps in view the field being typed into (above the
// on-screen keyboard, which shrinks the page) and an error when it appears.
Flickable {
    id: flick
    default property alias content: column.data
    property real spacing: Theme.gap
    readonly property real columnWidth: column.width
    clip: true
    contentWidth: width
    contentHeight: column.implicitHeight
    boundsBehavior: Flickable.StopAtBounds
    ScrollCue { flickable: flick }

    function ensureVisible(item) {
        const top = item.mapToItem(column, 0, 0).y - Theme.gap
        const bottom = top + item.height + 2 * Theme.gap
        if (top < contentY)
            contentY = Math.max(0, top)
        else if (bottom > contentY + height)
            contentY = Math.min(Math.max(0, contentHeight - height), bottom - height)
    }

    function holds(item) {
        for (let parent = item; parent; parent = parent.parent)
            if (parent === column)
                return true
        return false
    }

    onHeightChanged: {
        const focused = Window.activeFocusItem
        if (focused && holds(focused))
            ensureVisible(focused)
    }

    ColumnLayout {
        id: column
        width: flick.width - Theme.gap  // clear of the scroll bar
        spacing: flick.spacing
    }
}
