import pytest

from journal import create_app
from journal.extensions import db
from journal.models import User


@pytest.fixture()
def app():
    app = create_app("config.TestingConfig")
    with app.app_context():
        db.create_all()
        yield app
        db.drop_all()


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def member(app):
    user = User(username="ada", email="ada@example.invalid")
    user.set_password("correct horse battery")
    db.session.add(user)
    db.session.commit()
    return user
