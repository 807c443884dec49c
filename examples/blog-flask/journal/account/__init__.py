from flask import Blueprint

bp = Blueprint("account", __name__)

from journal.account import views  # noqa: E402,F401
