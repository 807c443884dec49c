from datetime import datetime, timezone

from flask import flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from journal.account import bp
from journal.extensions import db
from journal.forms import ProfileForm
from journal.models import Notification, Post, User


@bp.before_app_request
def touch_last_seen():
    if current_user.is_authenticated:
        current_user.last_seen = datetime.now(timezone.utc)
        db.session.commit()


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():
    form = ProfileForm(obj=current_user)
    if form.validate_on_submit():
        form.populate_obj(current_user)
        db.session.commit()
        flash("Profile updated.", "success")
        return redirect(url_for("account.profile", username=current_user.username))
    return render_template("account/settings.html", form=form)


@bp.route("/notifications")
@login_required
def notifications():
    items = (
        Notification.query.filter_by(user=current_user)
        .order_by(Notification.created_at.desc())
        .limit(50)
        .all()
    )
    return render_template("account/notifications.html", notifications=items)


@bp.route("/notifications/read", methods=["POST"])
@login_required
def mark_notifications_read():
    Notification.query.filter_by(user=current_user, read=False).update({"read": True})
    db.session.commit()
    return redirect(url_for("account.notifications"))


@bp.route("/<username>")
def profile(username):
    user = User.query.filter_by(username=username).first_or_404()
    posts = user.posts.filter_by(status="published").order_by(Post.published_at.desc()).all()
    return render_template("account/profile.html", user=user, posts=posts)
