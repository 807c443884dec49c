"""Trailhead Journal - the Riverside Hiking Club blog."""
import bleach
import click
import markdown
from flask import Flask, render_template
from markupsafe import Markup

from journal.extensions import csrf, db, login_manager, migrate

ALLOWED_TAGS = bleach.sanitizer.ALLOWED_TAGS | {"p", "pre", "h2", "h3", "img", "br"}


def create_app(config_object="config.Config"):
    app = Flask(__name__)
    app.config.from_object(config_object)

    db.init_app(app)
    migrate.init_app(app, db)
    csrf.init_app(app)
    login_manager.init_app(app)

    from journal.admin import init_admin

    init_admin(app)

    from journal.account import bp as account_bp
    from journal.auth import bp as auth_bp
    from journal.blog import bp as blog_bp

    app.register_blueprint(blog_bp)
    app.register_blueprint(auth_bp, url_prefix="/auth")
    app.register_blueprint(account_bp, url_prefix="/account")

    register_error_handlers(app)
    register_commands(app)

    @app.template_filter("markdown")
    def render_markdown(text):
        html = markdown.markdown(text or "", extensions=["fenced_code"])
        return Markup(bleach.clean(html, tags=ALLOWED_TAGS))

    return app


def register_error_handlers(app):
    @app.errorhandler(404)
    def not_found(error):
        return render_template("errors/404.html"), 404

    @app.errorhandler(500)
    def server_error(error):
        db.session.rollback()
        return render_template("errors/500.html"), 500


def register_commands(app):
    @app.cli.command("seed")
    def seed():
        """Create demo categories and an admin account."""
        from journal.models import Category, Role, User

        admin_role = Role(name="admin", description="Can use /admin")
        user = User(email="admin@example.invalid", username="admin", roles=[admin_role])
        user.set_password("change-me-now")
        db.session.add_all(
            [user, Category(name="Trip reports", slug="trips"), Category(name="Gear", slug="gear")]
        )
        db.session.commit()
        click.echo("Seeded demo data.")
