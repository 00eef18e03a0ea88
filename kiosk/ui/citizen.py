"""The citizen-session helpers QML binds to beside the view-model: clock, search, idle wipe, speech, help, rating."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject

from kiosk.services.printer import PrinterBackend
from kiosk.services.runtime import KioskRuntime
from kiosk.ui.catalog_search_model import CatalogSearch
from kiosk.ui.help_call import HelpCall
from kiosk.ui.home_status import HomeStatus
from kiosk.ui.idle import IdleWatch
from kiosk.ui.operations import Operations
from kiosk.ui.rating_model import RatingModel
from kiosk.ui.speaker import Speaker
from kiosk.ui.technician_model import TechnicianModel
from kiosk.ui.viewmodel import KioskViewModel


@dataclass
class CitizenHelpers:
    """The objects Main.qml receives as `home`, `search`, `idle`, `speaker`, `help` and `rating`."""

    home: HomeStatus
    search: CatalogSearch
    idle: IdleWatch
    speaker: Speaker
    help: HelpCall
    rating: RatingModel
    technician: TechnicianModel

    def qml_properties(self) -> dict[str, QObject]:
        """Initial properties of Main.qml."""
        return {
            "home": self.home,
            "search": self.search,
            "idle": self.idle,
            "speaker": self.speaker,
            "help": self.help,
            "rating": self.rating,
            "technician": self.technician,
        }

    def close(self) -> None:
        """Stop watching the application's events."""
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self.idle)


def start_citizen_helpers(
    kiosk: KioskRuntime,
    viewmodel: KioskViewModel,
    operations: Operations,
    *,
    printer: PrinterBackend,
    parent: QObject,
) -> CitizenHelpers:
    """Create the helpers, follow the view-model's language and elder mode, and watch for idleness."""
    language = viewmodel.current_language
    helpers = CitizenHelpers(
        home=HomeStatus(kiosk, operations, language=language, parent=parent),
        search=CatalogSearch(kiosk, operations, language=language, parent=parent),
        idle=IdleWatch(
            timeout_s=kiosk.settings.idle_timeout_s,
            warning_s=kiosk.settings.idle_warning_s,
            elder=lambda: bool(viewmodel.property("elderMode")),
            session_started=lambda: viewmodel.session_started() or helpers.technician.shown,
            parent=parent,
        ),
        speaker=Speaker(parent),
        help=HelpCall(kiosk, operations, language=language, parent=parent),
        rating=RatingModel(kiosk, operations, language=language, parent=parent),
        technician=TechnicianModel(kiosk, operations, language=language, printer=printer, parent=parent),
    )

    def on_language() -> None:
        helpers.home.language_changed()
        helpers.search.language_changed()
        helpers.help.language_changed()
        helpers.rating.language_changed()
        helpers.technician.language_changed()
        helpers.speaker.set_language(language())

    def on_expired() -> None:
        viewmodel.wipeSession()
        helpers.search.clear()
        helpers.help.dismiss()
        helpers.rating.clear()
        helpers.technician.dismiss()

    viewmodel.languageChanged.connect(on_language)
    viewmodel.elderModeChanged.connect(
        lambda: helpers.speaker.set_enabled(bool(viewmodel.property("elderMode")))
    )
    viewmodel.elderModeChanged.connect(helpers.idle.restart)
    helpers.idle.expired.connect(on_expired)
    app = QCoreApplication.instance()
    if app is not None:
        app.installEventFilter(helpers.idle)
    return helpers
