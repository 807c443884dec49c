from datetime import datetime, timezone

from flask_login import UserMixin
from werkzeug.security import check_password_hash, generate_password_hash

from journal.extensions import db, login_manager


def utcnow():
    return datetime.now(timezone.utc)


post_tags = db.Table(
    "post_tags",
    db.Column("post_id", db.Integer, db.ForeignKey("posts.id"), primary_key=True),
    db.Column("tag_id", db.Integer, db.ForeignKey("tags.id"), primary_key=True),
)

user_roles = db.Table(
    "user_roles",
    db.Column("user_id", db.Integer, db.ForeignKey("users.id"), primary_key=True),
    db.Column("role_id", db.Integer, db.ForeignKey("roles.id"), primary_key=True),
)


class BaseModel(db.Model):
    """Abstract base: shared primary key and creation timestamp."""

    __abstract__ = True

    id = db.Column(db.Integer, primary_key=True)
    created_at = db.Column(db.DateTime(timezone=True), default=utcnow, nullable=False)


class Role(BaseModel):
    __tablename__ = "roles"

    name = db.Column(db.String(40), unique=True, nullable=False)
    description = db.Column(db.String(255))

    def __str__(self):
        return self.name


class User(UserMixin, BaseModel):
    __tablename__ = "users"

    email = db.Column(db.String(255), unique=True, nullable=False)
    username = db.Column(db.String(40), unique=True, nullable=False, index=True)
    password_hash = db.Column(db.String(255), nullable=False, default="")
    display_name = db.Column(db.String(80))
    bio = db.Column(db.Text)
    last_seen = db.Column(db.DateTime(timezone=True))
    active = db.Column(db.Boolean, default=True, nullable=False)

    roles = db.relationship("Role", secondary=user_roles, backref="users")
    posts = db.relationship("Post", back_populates="author", lazy="dynamic")
    comments = db.relationship("Comment", back_populates="author", lazy="dynamic")
    notifications = db.relationship(
        "Notification", back_populates="user", cascade="all, delete-orphan"
    )

    @property
    def is_active(self):
        return self.active

    def set_password(self, password):
        self.password_hash = generate_password_hash(password)

    def check_password(self, password):
        return check_password_hash(self.password_hash, password)

    def has_role(self, name):
        return any(role.name == name for role in self.roles)

    def __str__(self):
        return self.username


class Category(BaseModel):
    __tablename__ = "categories"

    name = db.Column(db.String(80), nullable=False)
    slug = db.Column(db.String(80), unique=True, nullable=False)
    description = db.Column(db.Text)

    posts = db.relationship("Post", back_populates="category")

    def __str__(self):
        return self.name


class Tag(BaseModel):
    __tablename__ = "tags"

    name = db.Column(db.String(40), unique=True, nullable=False)

    def __str__(self):
        return self.name


class Post(BaseModel):
    __tablename__ = "posts"

    title = db.Column(db.String(200), nullable=False)
    slug = db.Column(db.String(220), unique=True, nullable=False)
    summary = db.Column(db.String(300))
    body = db.Column(db.Text, nullable=False)
    status = db.Column(db.String(12), default="draft", nullable=False)
    published_at = db.Column(db.DateTime(timezone=True))
    author_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=False)
    category_id = db.Column(db.Integer, db.ForeignKey("categories.id"))

    author = db.relationship("User", back_populates="posts")
    category = db.relationship("Category", back_populates="posts")
    tags = db.relationship(
        "Tag", secondary=post_tags, backref=db.backref("posts", lazy="dynamic")
    )
    comments = db.relationship(
        "Comment",
        back_populates="post",
        cascade="all, delete-orphan",
        order_by="Comment.created_at",
    )
    reactions = db.relationship(
        "Reaction", back_populates="post", cascade="all, delete-orphan"
    )

    @property
    def is_published(self):
        return self.status == "published"

    def publish(self):
        self.status = "published"
        self.published_at = utcnow()


class Comment(BaseModel):
    __tablename__ = "comments"

    body = db.Column(db.Text, nullable=False)
    approved = db.Column(db.Boolean, default=False, nullable=False)
    post_id = db.Column(db.Integer, db.ForeignKey("posts.id"), nullable=False)
    author_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=False)
    parent_id = db.Column(db.Integer, db.ForeignKey("comments.id"))

    post = db.relationship("Post", back_populates="comments")
    author = db.relationship("User", back_populates="comments")
    replies = db.relationship(
        "Comment", backref=db.backref("parent", remote_side="Comment.id")
    )


class Reaction(BaseModel):
    __tablename__ = "reactions"
    __table_args__ = (db.UniqueConstraint("user_id", "post_id", name="uq_reaction"),)

    kind = db.Column(db.String(16), default="been-there", nullable=False)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=False)
    post_id = db.Column(db.Integer, db.ForeignKey("posts.id"), nullable=False)

    user = db.relationship("User")
    post = db.relationship("Post", back_populates="reactions")


class Notification(BaseModel):
    __tablename__ = "notifications"

    user_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=False)
    message = db.Column(db.String(255), nullable=False)
    link = db.Column(db.String(255))
    read = db.Column(db.Boolean, default=False, nullable=False)

    user = db.relationship("User", back_populates="notifications")


@login_manager.user_loader
def load_user(user_id):
    return db.session.get(User, int(user_id))
