from flask import Blueprint

bp = Blueprint("auth", __name__)

from journal.auth import views  # noqa: E402,F401
