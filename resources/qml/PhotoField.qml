import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// Document photos: a "Take a photo" button opens the camera panel; each photo kept shows as a thumbnail
// with Retake and Delete under it.
ColumnLayout {
    id: photoField
    required property var form
    required property string key
    required property var photos
    required property int maxPhotos
    spacing: 12

    Flow {
        visible: photoField.photos.length > 0
        Layout.fillWidth: true
        spacing: Theme.gap
        Repeater {
            model: photoField.photos
            delegate: ColumnLayout {
                id: shot
                required property string modelData
                required property int index
                spacing: 8
                Image {
                    objectName: "photoThumb_" + photoField.key + "_" + shot.index
                    Layout.preferredWidth: 2 * Theme.touchHeight + 8
                    Layout.preferredHeight: Math.round(Layout.preferredWidth * 9 / 16)
                    source: "image://photo/thumb/" + shot.modelData
                    fillMode: Image.PreserveAspectFit
                    cache: false
                }
                RowLayout {
                    spacing: 8
                    PhotoAction {
                        objectName: "photoRetake_" + photoField.key + "_" + shot.index
                        text: qsTr("Retake")
                        onClicked: photoField.form.retakePhoto(photoField.key, shot.modelData)
                    }
                    PhotoAction {
                        objectName: "photoDelete_" + photoField.key + "_" + shot.index
                        text: qsTr("Delete")
                        tint: Theme.primary
                        onClicked: photoField.form.removePhoto(photoField.key, shot.modelData)
                    }
                }
            }
        }
    }
    RowLayout {
        spacing: Theme.gap
        BigButton {
            objectName: "photoButton_" + photoField.key
            // Gone once the field has all its photos (a greyed button is hard to read and looks broken).
            visible: photoField.photos.length < photoField.maxPhotos
            text: qsTr("Take a photo")
            tint: Theme.accent
            onClicked: photoField.form.takePhoto(photoField.key)
        }
        Text {
            objectName: "photoCount_" + photoField.key
            Layout.fillWidth: true
            text: qsTr("%1 of %2 photos").arg(photoField.photos.length).arg(photoField.maxPhotos)
            font.pixelSize: Theme.bodySize
            lineHeight: Theme.lineHeight
            color: Theme.text
            wrapMode: Text.WordWrap
        }
    }

    component PhotoAction: BigButton {
        implicitWidth: Theme.touchHeight + 8
        tint: Theme.neutral
        font.pixelSize: Theme.bodySize
    }
}
