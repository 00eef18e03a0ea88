import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "."

// Rate from the home tile: a filing by its voucher (一事一评: scan the receipt's QR code anywhere on this
// screen, or type the code) or a service received at a counter (一次一评). Main.qml sets the title.
Page {
    id: page
    required property var vm
    signal voucherEntered(string text)
    signal windowRatingRequested()
    background: Rectangle { color: Theme.background }

    RatingScroll {
        anchors.fill: parent
        anchors.margins: Theme.gap

        RatingHeading {
            objectName: "rateHint"
            text: page.title
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            VoucherField {
                id: codeField
                onAccepted: page.voucherEntered(text)
            }
            BigButton {
                objectName: "rateVoucherButton"
                text: qsTr("Next ›")
                tint: Theme.accent
                onClicked: page.voucherEntered(codeField.text)
            }
        }

        Rectangle {
            Layout.fillWidth: true
            Layout.topMargin: Theme.gap
            implicitHeight: 2
            color: "#c3c8d0"
        }
        Text {
            objectName: "windowRatingHint"
            Layout.fillWidth: true
            Layout.topMargin: Theme.gap
            text: qsTr("Were you served at a counter? Rate that service here.")
            font.pixelSize: Theme.bodySize
            lineHeight: Theme.lineHeight
            color: Theme.text
            wrapMode: Text.WordWrap
        }
        BigButton {
            objectName: "windowRatingButton"
            Layout.fillWidth: Theme.elder
            text: qsTr("Rate a counter service")
            tint: Theme.accent
            onClicked: page.windowRatingRequested()
        }
    }
}
