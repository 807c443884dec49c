from flask import abort
from flask_admin import Admin, AdminIndexView
from flask_admin.contrib.sqla import ModelView
from flask_login import current_user

from journal.extensions import db
from journal.models import Category, Comment, Post, Tag, User


class EditorOnlyMixin:
    def is_accessible(self):
        return current_user.is_authenticated and current_user.has_role("admin")

    def inaccessible_callback(self, name, **kwargs):
        abort(403)


class SecureIndexView(EditorOnlyMixin, AdminIndexView):
    pass


class UserView(EditorOnlyMixin, ModelView):
    column_list = ("username", "email", "active", "roles", "created_at")
    column_searchable_list = ("username", "email")
    form_excluded_columns = ("password_hash", "posts", "comments", "notifications")


class PostView(EditorOnlyMixin, ModelView):
    column_list = ("title", "author", "category", "status", "published_at")
    column_filters = ("status", "category")
    column_searchable_list = ("title",)


class CommentView(EditorOnlyMixin, ModelView):
    can_create = False
    column_list = ("post", "author", "approved", "created_at")
    column_editable_list = ("approved",)


class PlainView(EditorOnlyMixin, ModelView):
    pass


def init_admin(app):
    admin = Admin(
        app,
        name="Trailhead admin",
        template_mode="bootstrap4",
        index_view=SecureIndexView(),
    )
    admin.add_view(UserView(User, db.session))
    admin.add_view(PostView(Post, db.session))
    admin.add_view(CommentView(Comment, db.session, category="Moderation"))
    admin.add_view(PlainView(Category, db.session, category="Taxonomy"))
    admin.add_view(PlainView(Tag, db.session, category="Taxonomy"))
    return admin
