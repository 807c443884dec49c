from flask import Blueprint

bp = Blueprint("blog", __name__)

from journal.blog import views  # noqa: E402,F401
