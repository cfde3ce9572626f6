"""giamngheo: poverty-reduction dashboard for Vietnamese local government."""

__version__ = "0.1.0"
