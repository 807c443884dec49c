import re

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from journal.blog import bp
from journal.extensions import db
from journal.forms import CommentForm, PostForm
from journal.models import Category, Comment, Notification, Post, Tag


def slugify(title):
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:200]


def tags_from_string(raw):
    names = {name.strip().lower() for name in (raw or "").split(",") if name.strip()}
    existing = {tag.name: tag for tag in Tag.query.filter(Tag.name.in_(names))}
    return [existing.get(name) or Tag(name=name) for name in sorted(names)]


def get_editable_post(slug):
    post = Post.query.filter_by(slug=slug).first_or_404()
    if post.author_id != current_user.id and not current_user.has_role("admin"):
        abort(403)
    return post


def published_posts():
    return Post.query.filter_by(status="published").order_by(Post.published_at.desc())


@bp.route("/")
def index():
    page = request.args.get("page", 1, type=int)
    per_page = current_app.config["POSTS_PER_PAGE"]
    posts = published_posts().paginate(page=page, per_page=per_page)
    return render_template("blog/index.html", posts=posts)


@bp.route("/post/<slug>")
def post_detail(slug):
    post = Post.query.filter_by(slug=slug).first_or_404()
    if not post.is_published and post.author != current_user:
        abort(404)
    return render_template("blog/post.html", post=post, form=CommentForm())


@bp.route("/category/<slug>")
def category(slug):
    cat = Category.query.filter_by(slug=slug).first_or_404()
    posts = published_posts().filter(Post.category == cat).all()
    return render_template("blog/list.html", heading=cat.name, posts=posts)


@bp.route("/tag/<name>")
def tag(name):
    tag_ = Tag.query.filter_by(name=name).first_or_404()
    posts = published_posts().filter(Post.tags.contains(tag_)).all()
    return render_template("blog/list.html", heading=f"#{tag_.name}", posts=posts)


@bp.route("/write", methods=["GET", "POST"])
@login_required
def new_post():
    form = PostForm()
    form.category_id.choices = [(0, "-")] + [(c.id, c.name) for c in Category.query.order_by(Category.name)]
    if form.validate_on_submit():
        post = Post(
            title=form.title.data,
            slug=slugify(form.title.data),
            summary=form.summary.data,
            body=form.body.data,
            category_id=form.category_id.data or None,
            author=current_user,
            tags=tags_from_string(form.tags.data),
        )
        if form.publish.data:
            post.publish()
        db.session.add(post)
        db.session.commit()
        return redirect(url_for("blog.post_detail", slug=post.slug))
    return render_template("blog/post_form.html", form=form)


@bp.route("/post/<slug>/edit", methods=["GET", "POST"])
@login_required
def edit_post(slug):
    post = get_editable_post(slug)
    form = PostForm(obj=post)
    form.category_id.choices = [(0, "-")] + [(c.id, c.name) for c in Category.query.order_by(Category.name)]
    if request.method == "GET":
        form.tags.data = ", ".join(tag.name for tag in post.tags)
    if form.validate_on_submit():
        post.title = form.title.data
        post.summary = form.summary.data
        post.body = form.body.data
        post.category_id = form.category_id.data or None
        post.tags = tags_from_string(form.tags.data)
        if form.publish.data and not post.is_published:
            post.publish()
        db.session.commit()
        flash("Post saved.", "success")
        return redirect(url_for("blog.post_detail", slug=post.slug))
    return render_template("blog/post_form.html", form=form, post=post)


@bp.route("/post/<slug>/delete", methods=["POST"])
@login_required
def delete_post(slug):
    post = get_editable_post(slug)
    db.session.delete(post)
    db.session.commit()
    flash("Post deleted.", "info")
    return redirect(url_for("blog.index"))


@bp.route("/post/<slug>/comments", methods=["POST"])
@login_required
def add_comment(slug):
    post = Post.query.filter_by(slug=slug).first_or_404()
    form = CommentForm()
    if form.validate_on_submit():
        db.session.add(Comment(body=form.body.data, post=post, author=current_user))
        if post.author != current_user:
            db.session.add(
                Notification(
                    user=post.author,
                    message=f"{current_user.username} commented on {post.title}",
                    link=url_for("blog.post_detail", slug=slug),
                )
            )
        db.session.commit()
        flash("Comment submitted for moderation.", "info")
    return redirect(url_for("blog.post_detail", slug=slug))
