from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from journal.auth import bp
from journal.extensions import db
from journal.forms import ChangePasswordForm, LoginForm, RegistrationForm
from journal.models import User


def safe_next(default):
    target = request.args.get("next")
    if target and not urlsplit(target).netloc:
        return target
    return url_for(default)


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("blog.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = User.query.filter_by(username=form.username.data).first()
        if user and user.check_password(form.password.data):
            login_user(user, remember=form.remember.data)
            return redirect(safe_next("blog.index"))
        flash("Wrong username or password.", "danger")
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    logout_user()
    flash("Signed out. Happy trails!", "info")
    return redirect(url_for("blog.index"))


@bp.route("/register", methods=["GET", "POST"])
def register():
    form = RegistrationForm()
    if form.validate_on_submit():
        user = User(username=form.username.data, email=form.email.data.lower())
        user.set_password(form.password.data)
        db.session.add(user)
        db.session.commit()
        login_user(user)
        flash("Welcome to the club!", "success")
        return redirect(url_for("account.settings"))
    return render_template("auth/register.html", form=form)


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if not current_user.check_password(form.current.data):
            flash("Your current password is not correct.", "danger")
        else:
            current_user.set_password(form.new.data)
            db.session.commit()
            flash("Password changed.", "success")
            return redirect(url_for("account.settings"))
    return render_template("auth/change_password.html", form=form)
