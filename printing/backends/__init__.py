"""Printer backends behind one interface (base.PrinterBackend): CUPS, ESC/POS over TCP, serial and usblp,
files and a simulator; factory.backend_from_settings picks one from the `printer` setting (spec.py).

Import from the modules themselves: this package stays empty so that reading settings (spec.py) loads
no renderer or device code.
"""
